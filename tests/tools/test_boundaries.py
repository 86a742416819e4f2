"""For every numeric threshold: at the value, just below and just above it. The expected status
comes from the phrase through the wording table, not from the rule's own operator."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tools.derive import evaluate
from tools.profile import parse_profile
from tools.rules import Rule, load_rules, operator_words

JURISDICTIONS = ["sichuan", "guizhou", "shandong", "zhangye", "qinghai"]


def numeric_rules() -> list[Rule]:
    out = []
    for j in JURISDICTIONS:
        for r in load_rules(j).rules:
            for x in (r.alternatives or (r,)):
                if isinstance(x.threshold, Decimal):
                    out.append(x)
    return out


def op_from_phrase(rule: Rule) -> str:
    words, _ = operator_words()
    word = max((w for w in words if w in rule.phrase), key=len)
    return words[word]


def profile_for(rule: Rule, value: Decimal) -> dict[str, Any]:
    if rule.kind == "every_year":
        return {"output_by_year": {"2022": value, "2023": value, "2024": value}}
    if rule.kind == "count" and rule.categories:
        return {rule.categories[0]: value, **{c: 0 for c in rule.categories[1:]}}
    return {rule.metric: value}


def expected(op: str, value: Decimal, t: Decimal) -> str:
    ok = {">=": value >= t, ">": value > t, "<=": value <= t, "<": value < t}[op]
    return "met" if ok else "not_met"


@pytest.mark.parametrize("rule", numeric_rules(), ids=lambda r: f"{r.jurisdiction}:{r.metric}")
@pytest.mark.parametrize("where", ["at", "below", "above"])
def test_boundary(rule: Rule, where: str) -> None:
    t = rule.threshold
    assert isinstance(t, Decimal)
    step = Decimal(1) if rule.kind == "count" or rule.metric == "enterprise_count" \
        else Decimal("0.01")
    value = {"at": t, "below": t - step, "above": t + step}[where]
    result = evaluate(rule, parse_profile(profile_for(rule, value)))
    assert result.status == expected(op_from_phrase(rule), value, t)
    if where == "at":
        assert result.margin == 0


def test_there_are_many_boundaries() -> None:
    assert len(numeric_rules()) == 54  # 10 + 10 + 11 + 12 + 11
