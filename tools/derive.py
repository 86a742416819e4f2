"""Evaluating one criterion against a profile, exactly: direct values, derived shares, growth
and per-10k ratios are compared by cross-multiplication in a Decimal context that traps any
rounding, so a verdict never depends on floating point. Only displayed values are rounded."""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import (
    ROUND_CEILING,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)
from functools import cache

from .profile import Profile
from .result import CriterionResult, Text, show, text, unit_text
from .rules import Rule, levels

EXACT = Context(prec=80, traps=[Inexact, InvalidOperation, DivisionByZero, Overflow])
DISPLAY = Context(prec=40, rounding=ROUND_HALF_EVEN)
Q = Decimal("0.01")
HUNDRED = Decimal(100)

_OPS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    ">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt,
}


def _ratio(num: Decimal, den: Decimal) -> tuple[Decimal, bool]:
    """num/den for display, rounded to 2 places; True when that is exact."""
    q = DISPLAY.divide(num, den)
    r = q.quantize(Q, context=DISPLAY)
    return r, r == q


@cache
def growth_factor(threshold: Decimal, periods: int) -> Decimal:
    """(1 + t/100)^n, exactly: the ratio last/first must reach it for 年均增速 t over n years."""
    return EXACT.power(EXACT.add(1, EXACT.divide(threshold, HUNDRED)), periods)


def _gap_amount(rule: Rule, amount: Decimal, what: str, unit: str) -> str:
    op, t = rule.operator, rule.threshold
    amt = show(amount)
    if op == ">=":
        return f"{what}需提高 {amt} {unit}（至 {show(t)}{unit_text(rule.unit)}）"  # type: ignore[arg-type]
    if op == ">":
        return f"{what}需提高超过 {amt} {unit}（高于 {show(t)}{unit_text(rule.unit)}）"  # type: ignore[arg-type]
    return f"{what}需降低 {amt} {unit}（至 {show(t)}{unit_text(rule.unit)} 以内）"  # type: ignore[arg-type]


def _direct(rule: Rule, v: Decimal, derivation: Text = None) -> CriterionResult:
    t = rule.threshold
    assert isinstance(t, Decimal) and rule.operator
    ok = _OPS[rule.operator](v, t)
    margin = EXACT.subtract(v, t)
    gap = None if ok else lambda: _gap_amount(rule, abs(margin), rule.label,
                                              unit_text(rule.unit, points=True))
    return CriterionResult(rule, "met" if ok else "not_met", v, margin, False, derivation, (), gap)


def _unknown(rule: Rule, *missing: str, derivation: Text = None) -> CriterionResult:
    return CriterionResult(rule, "unknown", None, None, False, derivation, tuple(missing))


def _fraction(rule: Rule, num: Decimal, den: Decimal, derivation: str,
              need: Callable[[], str]) -> CriterionResult:
    """A derived value num/den (den > 0), compared as num OP threshold·den."""
    t = rule.threshold
    assert isinstance(t, Decimal) and rule.operator
    ok = _OPS[rule.operator](num, EXACT.multiply(t, den))
    shown, exact = _ratio(num, den)
    margin = EXACT.subtract(shown, t)
    prefix = "=" if exact else "≈"
    def derived() -> str:
        return f"{derivation} {prefix} {show(shown)}{unit_text(rule.unit)}"
    return CriterionResult(rule, "met" if ok else "not_met", shown, margin, not exact, derived,
                           (), None if ok else need)


def number(rule: Rule, p: Profile) -> CriterionResult:
    m = rule.metric
    v = getattr(p, m)
    if v is not None:
        return _direct(rule, v)
    t = rule.threshold
    assert isinstance(t, Decimal)
    if m in ("sme_output_share", "leading_industry_share"):
        part_key = "sme_output" if m == "sme_output_share" else "leading_industry_output"
        part, latest = getattr(p, part_key), p.latest_output()
        if latest is None or latest[1] == 0:
            return _unknown(rule, m)
        year, total = latest
        if part is None and part_key == "leading_industry_output":  # the series' same year
            part = (p.leading_industry_output_by_year or {}).get(year)
        if part is None:
            return _unknown(rule, m)
        what = "中小企业产值" if part_key == "sme_output" else "主导产业产值"

        def need_share() -> str:
            target = EXACT.divide(EXACT.multiply(t, total), HUNDRED)
            return _gap_amount(rule, EXACT.subtract(target, part), f"{year}年{what}", "亿元"
                               ).replace(f"（至 {show(t)}%）", f"（至 {show(target)} 亿元）")
        return _fraction(rule, EXACT.multiply(part, HUNDRED), total,
                         f"{year}年{what} {show(part)} 亿元 ÷ 集群总产值 {show(total)} 亿元 × 100%",
                         need_share)
    if m == "patents_per_10k":
        patents = p.latest_patents()
        if patents is None or not p.employees:
            return _unknown(rule, m)
        pats, emp = Decimal(patents), Decimal(p.employees)

        def need_patents() -> str:
            target = EXACT.divide(EXACT.multiply(t, emp), Decimal(10000))
            least = target.to_integral_value(ROUND_CEILING)
            if rule.operator == ">" and least == target:
                least += 1
            return f"有效发明专利需增加 {show(least - pats)} 件（至少 {show(least)} 件）"
        return _fraction(rule, EXACT.multiply(pats, Decimal(10000)), emp,
                         f"有效发明专利 {patents} 件 ÷ 从业人员 {p.employees} 人 × 10000",
                         need_patents)
    return _unknown(rule, m)


def every_year(rule: Rule, p: Profile) -> CriterionResult:
    """近三年…均: each of the last `years` years must pass; one failing year is decisive."""
    t = rule.threshold
    assert isinstance(t, Decimal) and rule.operator
    op = _OPS[rule.operator]
    series = p.output_by_year
    if not series:
        if p.annual_output is not None:
            return _direct(rule, p.annual_output, "按给出的近三年最低年产值 annual_output 判断")
        return _unknown(rule, "output_by_year")
    last = max(series)
    years = list(range(last - (rule.years or 3) + 1, last + 1))
    known = {y: series[y] for y in years if y in series}
    absent = [y for y in years if y not in series]
    lowest_year = min(known, key=lambda y: (known[y], y))
    low = known[lowest_year]

    def derivation() -> str:
        listing = "、".join(f"{y}年 {show(v)}" for y, v in known.items())
        return f"近三年（{years[0]}–{years[-1]}年）产值：{listing} 亿元；最低 {show(low)} 亿元"
    failing = [y for y, v in known.items() if not op(v, t)]
    if failing:
        def gap() -> str:
            above = "以上" if rule.operator == ">=" else ""
            return "；".join(f"{y}年产值需增加 {show(EXACT.subtract(t, known[y]))} 亿元"
                            f"（至 {show(t)} 亿元{above}）" for y in failing)
        return CriterionResult(rule, "not_met", low, EXACT.subtract(low, t), False,
                               derivation, (), gap)
    if absent:
        miss = "、".join(f"{y}年" for y in absent)
        return _unknown(rule, "output_by_year",
                        derivation=lambda: f"{derivation()}；缺少 {miss} 产值")
    return CriterionResult(rule, "met", low, EXACT.subtract(low, t), False, derivation)


# what a by-year series holds, and its unit in a gap (研发经费 keeps the user's own unit)
_SERIES_WORDS = {"output_by_year": ("集群产值", " 亿元"),
                 "leading_industry_output_by_year": ("主导产业产值", " 亿元"),
                 "rd_by_year": ("研发经费", ""),
                 "patents_by_year": ("有效发明专利数", " 件")}


_ASK_SERIES_FIRST = ("output_by_year", "leading_industry_output_by_year")


def growth(rule: Rule, p: Profile) -> CriterionResult:
    """年均增速 over the last three years: (末年/首年)^(1/2) − 1, decided as
    末年 OP 首年 × (1 + t)^2 so no root is taken."""
    v = getattr(p, rule.metric)
    if v is not None:
        return _direct(rule, v)
    series = getattr(p, rule.series or "") or {}
    t = rule.threshold
    assert isinstance(t, Decimal) and rule.operator
    # 产值 by year serves several criteria: asked for first; 研发/专利 growth is usually known
    pair = (rule.series, rule.metric) if rule.series in _ASK_SERIES_FIRST else \
        (rule.metric, rule.series)
    ask = tuple(a for a in pair if a)
    if not series:
        return _unknown(rule, *ask)
    last = max(series)
    first = last - 2
    what, unit = _SERIES_WORDS.get(rule.series or "", ("产值", " 亿元"))
    if (first not in series or series[first] == 0) and series.get(last - 3) and \
            last - 1 not in series:  # 2022年8000万元，2025年9261万元: three years of growth
        first = last - 3
    if first not in series or series[first] == 0:
        return _unknown(rule, *ask,
                        derivation=f"缺少 {first} 年{what}，无法计算近三年年均增速")
    a, b = series[first], series[last]
    n = last - first
    factor = growth_factor(t, n)
    ok = _OPS[rule.operator](b, EXACT.multiply(a, factor))
    ratio = DISPLAY.divide(b, a)
    root = DISPLAY.sqrt(ratio) if n == 2 else DISPLAY.power(ratio, DISPLAY.divide(1, n))
    g = DISPLAY.multiply(DISPLAY.subtract(root, 1), HUNDRED)
    shown = g.quantize(Q, context=DISPLAY)
    exact = shown == g

    def derivation() -> str:
        return (f"年均增速 = ({last}年{what} / {first}年{what})^(1/{n}) − 1 = "
                f"({show(b)} / {show(a)})^(1/{n}) − 1 {'=' if exact else '≈'} {show(shown)}%")

    def gap() -> str:
        target = EXACT.multiply(a, factor)
        word = "至少达到" if rule.operator == ">=" else "超过"
        return (f"{first}年{what}不变时，{last}年{what}需{word} {show(target)}{unit}"
                f"（现为 {show(b)}{unit}）")
    return CriterionResult(rule, "met" if ok else "not_met", shown, EXACT.subtract(shown, t),
                           not exact, derivation, (), None if ok else gap)


def count(rule: Rule, p: Profile) -> CriterionResult:
    t = rule.threshold
    assert isinstance(t, Decimal) and rule.operator
    if rule.metric in ("little_giant", "leading_industry_champions"):
        v = getattr(p, rule.metric)
        if v is None and rule.metric == "leading_industry_champions" and \
                p.single_champion == 0 and p.little_giant == 0:
            return _direct(rule, Decimal(0), "单项冠军与小巨人均为0家，主导产业的也为0家")
        return _unknown(rule, rule.metric) if v is None else _direct(rule, Decimal(v))
    cats = rule.categories
    if p.quality_enterprises is not None and len(cats) == 5:
        return _direct(rule, Decimal(p.quality_enterprises),
                       "按去重后的企业家数 quality_enterprises")
    others = [c for c in _CATEGORY_LABELS if c not in cats]
    if p.quality_enterprises is not None and others and \
            all(getattr(p, c) == 0 for c in others):  # the other categories have none: the
        return _direct(rule, Decimal(p.quality_enterprises),  # distinct total is these ones'
                       "按去重后的企业家数 quality_enterprises（" + "、".join(
                           _CATEGORY_LABELS[c] for c in others) + "为0家）")
    known = {c: getattr(p, c) for c in cats if getattr(p, c) is not None}
    total = Decimal(sum(known.values()))
    absent = [c for c in cats if c not in known]

    def derivation() -> str:
        listing = " + ".join(f"{_CATEGORY_LABELS[c]} {known[c]}" for c in known)
        tail = "（其余类别未知，已知部分即已达标）" if absent else ""
        return f"{listing} = {show(total)} 家{tail}"
    if absent:
        if known and _OPS[rule.operator](total, t):
            return _direct(rule, total, derivation)
        return _unknown(rule, *absent, derivation=derivation if known else None)
    return _direct(rule, total, derivation)


_CATEGORY_LABELS = {"single_champion": "单项冠军", "little_giant": "小巨人",
                    "specialized_sme": "专精特新中小企业", "innovative_sme": "创新型中小企业",
                    "high_tech": "高新技术企业"}


def fact(rule: Rule, p: Profile) -> CriterionResult:
    key = rule.key
    v = getattr(p, key)
    if rule.applies_if:
        applies = getattr(p, rule.applies_if)
        if applies is False:
            return CriterionResult(rule, "met", None, note="不适用（不属于该类行业）")
        if v is None or (applies is None and v is False):
            missing = (rule.applies_if, key) if applies is None else (key,)
            return _unknown(rule, *missing)
    elif v is None:
        return _unknown(rule, key)
    ok = v == rule.expect
    gap = None
    if not ok:
        gap = f"需做到：{rule.phrase}" if rule.expect else f"存在该情形不得认定：{rule.phrase}"
    return CriterionResult(rule, "met" if ok else "not_met", v, gap=gap)


def level(rule: Rule, p: Profile) -> CriterionResult:
    v = getattr(p, rule.metric)
    if v is None:
        return _unknown(rule, rule.metric)
    order = list(levels())
    ok = order.index(v) < order.index(str(rule.threshold))
    gap = None if ok else "近三年内已发生的事故或事件无法补救，须待其移出“近三年”范围"
    return CriterionResult(rule, "met" if ok else "not_met", v, gap=gap)


KIND_EVALUATORS: dict[str, Callable[[Rule, Profile], CriterionResult]] = {
    "number": number, "every_year": every_year, "growth": growth, "count": count,
    "fact": fact, "level": level,
}


def relative_margin(c: CriterionResult) -> Decimal:
    t = c.rule.threshold
    if c.margin is None or not isinstance(t, Decimal) or t == 0:
        return Decimal(1)
    return abs(c.margin) / abs(t)


def evaluate(rule: Rule, p: Profile) -> CriterionResult:
    if not rule.alternatives:
        return KIND_EVALUATORS[rule.kind](rule, p)
    alts = tuple(evaluate(a, p) for a in rule.alternatives)
    statuses = {a.status for a in alts}
    if "met" in statuses:
        lead = next(a for a in alts if a.status == "met")
        status = "met"
    elif statuses == {"not_met"}:
        lead = min(alts, key=relative_margin)
        status = "not_met"
    else:
        lead, status = next(a for a in alts if a.status == "unknown"), "unknown"
    missing = tuple(k for a in alts if a.status == "unknown" for k in a.missing) \
        if status == "unknown" else ()
    def gap() -> str:
        return "；或".join(g for a in alts if (g := text(a.gap)))
    return CriterionResult(rule, status, lead.value, lead.margin, lead.approx, lead.derivation,
                           missing, gap if status == "not_met" else None, None, alts)

