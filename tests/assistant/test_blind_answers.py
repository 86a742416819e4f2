"""Answers to questions written blind from the texts (answers.yaml): the cited articles, the facts
the answer must contain and, for status questions, each document's status — scored as the eval
suite scores its items (evals.metrics)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant import ask
from evals.metrics import fact_score, status_score, visible_text

SHARED_HOME = True  # the cases only read: one data directory for the module (conftest)

TODAY = date(2026, 11, 22)
CASES = yaml.safe_load((Path(__file__).parent / "answers.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["q"][:40] for c in CASES])
def test_answer_cites_and_states(case: dict[str, Any]) -> None:
    a = ask(case["q"], as_of=TODAY).to_json()
    assert a["intent"] != "out_of_scope", a["answer"]
    cited = {":".join(c["id"].split(":")[:2]) for c in a.get("citations") or ()}
    want = set(case["ids"])
    assert (want <= cited) if case["all"] else (want & cited), (sorted(cited), a["answer"])
    score, missing = fact_score(case["facts"], visible_text(a))
    assert score in (None, 1.0), (missing, a["answer"])
    if case.get("status"):
        assert status_score(a["answer"], case["status"]) == 1.0, a["answer"]
