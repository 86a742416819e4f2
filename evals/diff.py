"""Item-level comparison of two eval runs: which questions got worse, which got better."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Change:
    id: str
    metric: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float:
        return (self.after or 0.0) - (self.before or 0.0)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "metric": self.metric, "before": self.before, "after": self.after}


def load_report(path: str | Path) -> dict[str, Any]:
    """A report written by `Report.write` / `eval --json` (the object, or its first JSON line)."""
    text = Path(path).read_text(encoding="utf-8").strip()
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = json.loads(text.splitlines()[0])
    if not isinstance(data, dict) or "items" not in data:
        raise ValueError(f"{path}: not an eval report (no 'items')")
    return data


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Change]]:
    """Per-item score changes between two report objects (`to_json()` shape). Items present in
    only one run are not compared; a score that vanishes counts as 0 (an item that crashed)."""
    old = {it["id"]: it["scores"] for it in before["items"]}
    worse: list[Change] = []
    better: list[Change] = []
    for it in after["items"]:
        prev = old.get(it["id"])
        if prev is None:
            continue
        now = it["scores"]
        for metric in sorted(set(prev) | set(now)):
            was, value = prev.get(metric), now.get(metric)
            if was == value:
                continue
            ch = Change(it["id"], metric, was, value)
            (worse if ch.delta < 0 else better).append(ch)
    worse.sort(key=lambda c: (c.delta, c.id))
    better.sort(key=lambda c: (-c.delta, c.id))
    return {"worse": worse, "better": better}


def format_diff(changes: Mapping[str, list[Change]]) -> str:
    lines = [f"变差 worse: {len(changes['worse'])}  变好 better: {len(changes['better'])}"]
    for label, key in (("变差 worse", "worse"), ("变好 better", "better")):
        for c in changes[key]:
            lines.append(f"  {label}  {c.id:<32} {c.metric:<20} {c.before} -> {c.after}")
    return "\n".join(lines)
