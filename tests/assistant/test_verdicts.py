"""Whole eligibility dialogues written blind, with verdicts computed by hand (verdicts.yaml): the
verdict and criterion statuses the conversation ends with, scored as the eval suite scores them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant import Conversation
from evals.metrics import eligibility_scores

from .test_phrasings import _same

SHARED_HOME = True  # the cases only read: one data directory for the module (conftest)

TODAY = date(2026, 11, 22)
CASES = yaml.safe_load((Path(__file__).parent / "verdicts.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[" / ".join(c["turns"])[:40] for c in CASES])
def test_verdict_after_dialogue(case: dict[str, Any]) -> None:
    c = Conversation(as_of=TODAY)
    answers = [c.send(turn).to_json() for turn in case["turns"]]
    verdict, criteria, details = eligibility_scores(
        answers, {k: case[k] for k in ("jurisdiction", "verdict", "criteria")})
    assert verdict == 1.0 and criteria in (None, 1.0), details
    assert all(_same(c.profile.get(k), v) for k, v in case["profile"].items()), c.profile
