"""Yes/no conditions and incident levels of the standard (支柱或特色产业, 共享机制, 未发生较大及以上
事故 …), drafted only from the standard itself: the chapter or attachment that holds the numeric
criteria, so that revocation clauses elsewhere ("发生较大及以上…事故的，撤销") are not read as
criteria."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from corpus import Unit

from .model import Criterion
from .patterns import Tables


def standard_units(units: Sequence[Unit], cited: set[str]) -> list[Unit]:
    """Units of the standard: those cited by numeric criteria (article labels in `cited`), the
    other articles of their chapters, and the whole attachment when criteria sit in it."""
    top = [u for u in units if u.article in cited]
    chapters = {u.chapter for u in top if u.chapter and u.kind == "article"}
    in_attachment = any(u.kind == "attachment" for u in top)
    return [u for u in units if u.article in cited
            or (u.kind == "article" and u.chapter in chapters)
            or (u.kind == "attachment" and in_attachment)]


def _clause_start(text: str, at: int, t: Tables) -> int:
    """Start of the clause holding position `at` (after the last clause break before it)."""
    breaks = [text.rfind(ch, 0, at) for ch in t.clause_breaks]
    start = max(breaks) + 1
    while start < at and text[start].isspace():
        start += 1
    return start


def fact_criteria(citation: str, text: str, block: int, t: Tables) -> list[Criterion]:
    """Each condition the block states, with its phrase verbatim from the clause start."""
    out: list[Criterion] = []
    for fp in t.facts:
        m = fp.pattern.search(text)
        if m is None:
            continue
        start = _clause_start(text, m.start(), t)
        phrase = text[start:m.end()]
        qualifier = next((q for q in t.qualifiers if q in phrase), None)
        base = Criterion(metric=fp.metric, citation=citation, phrase=phrase,
                         qualifier=qualifier, order=(block, start))
        if fp.expect is None:  # "较大及以上…事故" must not have happened: worst level < 较大
            op = t.negations[t.words["及以上"]]
            out.append(replace(base, operator=op, threshold=t.levels[m.group(1)], negated=True))
        else:
            out.append(replace(base, expect=fp.expect))
    return out
