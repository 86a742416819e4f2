"""Batch screening to JSON lines: worker processes give the same lines in the same order."""

from __future__ import annotations

import json
from datetime import date

from tools import check_all, parse_profile
from tools.batch import screen_jsonl, workers_for


def profiles() -> list:
    return [parse_profile({"name": f"p{i}", "output_by_year": {"2022": 8 + i, "2023": 9 + i,
                                                               "2024": 10 + i},
                           "rd_growth": i % 12, "incident_level": ["无", "较大"][i % 2]})
            for i in range(30)]


def test_parallel_equals_serial_and_keeps_order() -> None:
    day = date(2026, 11, 22)
    serial = b"".join(screen_jsonl(profiles(), "all", day, workers=1))
    parallel = b"".join(screen_jsonl(profiles(), "all", day, workers=2))
    assert serial == parallel
    rows = [json.loads(line) for line in serial.decode("utf-8").splitlines()]
    assert len(rows) == 150
    first = [r["jurisdiction"] for r in rows[:5]]
    assert first == [r.jurisdiction for r in check_all(profiles()[0], day)]


def test_summary_lines() -> None:
    out = b"".join(screen_jsonl(profiles()[:1], "qinghai", date(2024, 1, 1), summarise=True))
    row = json.loads(out)
    assert row["profile"] == "p0" and row["verdict"] == "not_eligible"
    assert row["not_met"] == ["annual_output", "rd_growth"]


def test_workers_auto() -> None:
    assert workers_for(10) == 1
    assert workers_for(10, requested=3) == 3
