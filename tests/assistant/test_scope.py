"""Declining what the five texts cannot answer, and answering the near misses (scope.yaml)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant import ask

SHARED_HOME = True  # the cases only read: one data directory for the module (conftest)

TODAY = date(2026, 11, 22)
CASES = yaml.safe_load((Path(__file__).parent / "scope.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["q"][:40] for c in CASES])
def test_declines_or_answers(case: dict[str, Any]) -> None:
    a = ask(case["q"], as_of=TODAY)
    if case["refuse"]:
        assert a.intent == "out_of_scope" and not a.citations, a.answer
        return
    assert a.intent != "out_of_scope", a.answer
    cited = {":".join(c.id.split(":")[:2]) for c in a.citations}
    assert cited & set(case.get("ids") or []), (cited, a.answer)
