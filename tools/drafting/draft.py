"""Draft a jurisdiction's numeric rules from its parsed text (general code, no per-document cases).

Each citable unit is read clause by clause: a clause that states a number with a unit, an
operator word from the reviewed wording table and words naming a metric becomes a criterion,
cited down to the item. "或者不少于N家…" clauses join the preceding count as alternatives. A
number that has an operator but no metric (or the reverse) is kept in `skipped` for the reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from corpus import Unit

from .clauses import Clause, Threshold, parse_number, split_clauses, thresholds
from .facts import fact_criteria, standard_units
from .model import Criterion, Drafted, Relaxation, Skipped
from .patterns import Tables, tables

_YEARS = re.compile(r"(?:近|连续|最近)([0-9一二三四五六七八九十两]+)个?(?:年|年度)")


def blocks(units: Iterable[Unit]) -> Iterator[tuple[Unit, str, str]]:
    """(unit, citation, text): each item on its own, and an article's text outside its items."""
    for unit in units:
        if unit.kind == "notice":
            continue
        if not unit.items:
            text = unit.text
            if unit.title and text.startswith(unit.title + " "):
                text = text[len(unit.title) + 1:]  # an attachment section's heading (一、规模效益)
            yield unit, unit.id, text
            continue
        rest = unit.text
        for item in unit.items:
            yield unit, item.id, item.text
            rest = rest.replace(item.text, "。", 1)
        yield unit, unit.id, rest


def is_form(units: Sequence[Unit], t: Tables) -> bool:
    """True when the document's attachment is an application form (申报表), not a standard."""
    return any(u.kind == "attachment" and u.article == "附件"
               and any(w in u.text for w in t.form_words) for u in units)


def _categories(th: Threshold, t: Tables) -> tuple[str, ...]:
    words = th.before + th.after
    return tuple(k for k, pattern in t.categories.items() if pattern.search(words))


def _metric(th: Threshold, t: Tables) -> tuple[str | None, tuple[str, ...]]:
    """The metric a threshold measures (and the enterprise categories a count sums)."""
    count_unit = t.metric_units[t.default_count_metric]
    if th.unit == count_unit:
        cats = _categories(th, t)
        if cats:
            words = th.before + th.after
            for cm in t.count_metrics:
                if set(cats) == cm.only and (cm.requires is None or cm.requires in words):
                    return cm.metric, ()
            return t.default_count_metric, cats
    for mp in t.metrics:
        if th.unit in mp.units and mp.pattern.search(th.before):
            return mp.metric, ()
    return None, ()


def _years(th: Threshold) -> int | None:
    m = _YEARS.search(th.before)
    return int(parse_number(m.group(1))) if m else None


def _qualifier(th: Threshold, t: Tables) -> str | None:
    return next((q for q in t.qualifiers if q in th.before or q in th.after), None)


def criterion(th: Threshold, t: Tables | None = None) -> Criterion | Skipped | None:
    """The criterion one threshold states; Skipped when only half of one is there."""
    t = t or tables()
    metric, cats = _metric(th, t)
    if metric is None and th.operator is None:
        return None  # "公示5个工作日": a number, not a criterion
    if metric is None:
        return Skipped(th.clause.citation, th.phrase, "未识别指标 (no metric recognised)")
    if th.operator is None:
        return Skipped(th.clause.citation, th.phrase, f"未识别比较词 (no operator word) → {metric}")
    years, note = None, None
    if t.metric_kinds.get(metric) == "every_year":
        years = _years(th)
        if years is None:
            note = "原文未写明“近N年”，请审核时补充年数 (years not stated)"
    start = th.clause.start + th.clause.text.index(th.phrase)
    return Criterion(metric=metric, citation=th.clause.citation, phrase=th.phrase,
                     operator=th.operator, threshold=th.value, unit=t.metric_units[metric],
                     years=years, qualifier=_qualifier(th, t), categories=cats, note=note,
                     clause=th.clause.index, span=(start, start + len(th.phrase)))


def _join_alternative(prev: Criterion, alt: Criterion, clause: Clause, text: str,
                      t: Tables) -> Criterion | None:
    """`prev` with `alt` as a further alternative, when `alt` opens with 或者 right after it."""
    if not (prev.is_count and alt.is_count and clause.index == prev.clause + 1
            and clause.text.startswith(t.alternative_openers)):
        return None
    alts = prev.alternatives or (prev,)
    start = prev.span[0]
    phrase = text[start:alt.span[1]]
    return Criterion(metric=t.default_count_metric, citation=prev.citation, phrase=phrase,
                     alternatives=(*alts, replace(alt, citation=prev.citation)),
                     clause=clause.index, span=(start, alt.span[1]), order=prev.order)


def _relaxation(clause: Clause, t: Tables) -> Relaxation | None:
    for r in t.relaxations:
        if r["word"] in clause.text and re.search(r["pattern"], clause.text):
            return Relaxation(r["applies_if"], clause.text, clause.citation)
    return None


def draft_units(units: Sequence[Unit], t: Tables | None = None) -> Drafted:
    """Every criterion the units state, in reading order, one per metric: the numeric ones
    anywhere outside an application form, the yes/no conditions within the standard."""
    t = t or tables()
    found: list[Criterion] = []
    skipped: list[Skipped] = []
    relaxation: Relaxation | None = None
    form = is_form(units, t)
    for b, (unit, citation, text) in enumerate(blocks(units)):
        block: list[Criterion] = []
        for clause in split_clauses(citation, text, t):
            relaxation = relaxation or _relaxation(clause, t)
            for th in thresholds(clause, t):
                c = criterion(th, t)
                if isinstance(c, Skipped):
                    skipped.append(c)
                elif c is not None:
                    joined = _join_alternative(block[-1], c, clause, text, t) if block else None
                    if joined is not None:
                        block[-1] = joined
                    else:
                        block.append(replace(c, order=(b, c.span[0])))
        if form and unit.kind == "attachment":
            skipped.extend(Skipped(c.citation, c.phrase, f"申报表中的数字，不是认定标准 (in an "
                                   f"application form) → {c.metric}") for c in block)
        else:
            found.extend(block)
    kept = _first_per_metric(found, skipped)
    standard = {u.id for u in standard_units(units, {c.citation.split(":")[1] for c in kept})}
    facts = [f for b, (unit, citation, text) in enumerate(blocks(units)) if unit.id in standard
             for f in fact_criteria(citation, text, b, t)]
    kept += _first_per_metric(sorted(facts, key=lambda c: c.order), skipped)
    return Drafted(tuple(sorted(kept, key=lambda c: c.order)), tuple(skipped), relaxation)


def _first_per_metric(found: list[Criterion], skipped: list[Skipped]) -> list[Criterion]:
    kept: dict[str, Criterion] = {}
    for c in found:
        if c.metric in kept:
            skipped.append(Skipped(c.citation, c.phrase, f"同一指标已有规则 (duplicate of "
                                   f"{kept[c.metric].citation}) → {c.metric}"))
        else:
            kept[c.metric] = c
    return list(kept.values())
