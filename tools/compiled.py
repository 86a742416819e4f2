"""Compiled evaluators: the common cases (a value given directly, a yes/no fact, an incident
level) skip the generic dispatch of `derive.evaluate`. Batch screening runs ~20 criteria × 5
jurisdictions per profile; the results are identical (tested)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from .derive import _OPS, EXACT, _direct, evaluate, number
from .profile import Profile
from .result import CriterionResult
from .rules import Rule, levels

Evaluator = Callable[[Profile], CriterionResult]


def compile_rule(rule: Rule) -> Evaluator:
    """A specialised evaluator for `rule`, equivalent to `evaluate(rule, ·)`."""
    if rule.alternatives or rule.kind not in ("number", "fact", "level") or rule.applies_if:
        return lambda p: evaluate(rule, p)
    key = rule.key
    if rule.kind == "fact":
        expect = rule.expect
        missing = (key,)
        gap = f"需做到：{rule.phrase}" if expect else f"存在该情形不得认定：{rule.phrase}"

        def fact_ev(p: Profile) -> CriterionResult:
            v = getattr(p, key)
            if v is None:
                return CriterionResult(rule, "unknown", None, None, False, None, missing)
            if v is expect:
                return CriterionResult(rule, "met", v)
            return CriterionResult(rule, "not_met", v, gap=gap)
        return fact_ev
    if rule.kind == "level":
        order = list(levels())
        allowed = frozenset(order[:order.index(str(rule.threshold))])
        missing = (key,)
        level_gap = "近三年内已发生的事故或事件无法补救，须待其移出“近三年”范围"

        def level_ev(p: Profile) -> CriterionResult:
            v = getattr(p, key)
            if v is None:
                return CriterionResult(rule, "unknown", None, None, False, None, missing)
            if v in allowed:
                return CriterionResult(rule, "met", v)
            return CriterionResult(rule, "not_met", v, gap=level_gap)
        return level_ev
    t = rule.threshold
    assert isinstance(t, Decimal) and rule.operator
    cmp, sub = _OPS[rule.operator], EXACT.subtract

    def number_ev(p: Profile) -> CriterionResult:
        v = getattr(p, key)
        if v is None:
            return number(rule, p)
        if cmp(v, t):
            return CriterionResult(rule, "met", v, sub(v, t))
        return _direct(rule, v)
    return number_ev
