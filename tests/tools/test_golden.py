"""Golden cases (tests of the law as data): tests/tools/golden/<jurisdiction>.yaml."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from tools import check

GOLDEN = Path(__file__).parent / "golden"
BASE = yaml.safe_load((GOLDEN / "_base.yaml").read_text(encoding="utf-8"))


def _cases() -> list[Any]:
    out = []
    for path in sorted(GOLDEN.glob("[!_]*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return out


def test_every_jurisdiction_has_golden_cases() -> None:
    assert {p.stem for p in GOLDEN.glob("[!_]*.yaml")} == {
        "sichuan", "guizhou", "shandong", "zhangye", "qinghai"}


@pytest.mark.parametrize("case", _cases())
def test_golden(case: dict[str, Any]) -> None:
    profile = dict(BASE) if case.get("base") else {}
    for key, value in case["input"].items():
        if value is None:
            profile.pop(key, None)
        else:
            profile[key] = value
    as_of = case.get("as_of") or date(2026, 11, 22)
    result = check(profile, case["jurisdiction"], as_of).to_json()
    expected = case["output"]
    assert result["verdict"] == expected["verdict"]
    statuses = {c["metric"]: c["status"] for c in result["criteria"]}
    for metric, status in (expected.get("criteria") or {}).items():
        assert statuses[metric] == status, metric
    if "missing" in expected:
        assert [m["key"] for m in result["missing"]] == expected["missing"]
    if "missing_first" in expected:
        assert result["missing"][0]["key"] == expected["missing_first"]
    if "warnings" in expected:
        assert [w["code"] for w in result["warnings"]] == expected["warnings"]
    if expected["verdict"] == "eligible":
        assert set(statuses.values()) == {"met"}
