"""Whole dialogues in the many ways users state their figures and facts (phrasings.yaml): the
profile the conversation ends with, which is what `check` then runs on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant import Conversation

SHARED_HOME = True  # the cases only read: one data directory for the module (conftest)

TODAY = date(2026, 11, 22)
CASES = yaml.safe_load((Path(__file__).parent / "phrasings.yaml").read_text(encoding="utf-8"))


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, dict):
        return isinstance(got, dict) and {y: Decimal(str(v)) for y, v in got.items()} == \
            {str(y): Decimal(str(v)) for y, v in want.items()}
    if isinstance(want, bool) or (isinstance(want, str) and not want[0].isdigit()):
        return bool(got == want)
    return got is not None and Decimal(str(got)) == Decimal(str(want))


@pytest.mark.parametrize("case", CASES, ids=[" / ".join(c["turns"])[:40] for c in CASES])
def test_profile_after_dialogue(case: dict[str, Any]) -> None:
    c = Conversation(as_of=TODAY)
    for turn in case["turns"]:
        c.send(turn)
    wrong = {k: (v, c.profile.get(k)) for k, v in case["profile"].items()
             if not _same(c.profile.get(k), v)}
    extra = {k: v for k, v in c.profile.items()
             if k not in case["profile"] and k != "leading_industry_champions"}
    assert not wrong and not extra
