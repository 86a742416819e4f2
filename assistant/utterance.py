"""What an utterance says besides profile facts: the date a status question asks about, the
labelled clusters of a message that gives several (A集群…；B集群…), and year-on-year changes
applied to a yearly series."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from .extract import extract

_MONTH = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月(初|上旬|中旬|中|下旬|底|末)?")
_DATE = re.compile(r"(20\d\d)\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?")


_LABEL = r"([A-Z甲乙丙丁])(?:集群|号集群|号)"
_LABELLED = re.compile(_LABEL + r"[：:，, ]?(?P<body>.+?)(?=[；;。\n]\s*" + _LABEL + r"|$)")
CHOSEN = re.compile(r"(?:我们|咱们|我们的|我方)(?:是|就是|选|按|的是)?\s*([A-Z甲乙丙丁])"
                     r"|(?:按|选|就)\s*([A-Z甲乙丙丁])(?:集群|号)")


def several_clusters(question: str, today: date) -> dict[str, dict[str, Any]]:
    """{label: facts} when one message gives two or more labelled clusters' figures."""
    found: dict[str, dict[str, Any]] = {}
    for m in _LABELLED.finditer(question):
        facts = extract(m.group("body"), today).facts
        if facts:
            found[m.group(1)] = facts
    return found if len(found) >= 2 else {}


def with_changes(series: Any, changes: Sequence[tuple[str, str, Decimal]],
                 deltas: Sequence[tuple[str, str, Decimal]] = ()) -> dict[str, Decimal] | None:
    """The yearly series with each year-on-year change applied from the year it starts from,
    exactly (40亿 then +21% → 48.4亿); None when there is nothing to apply."""
    if not (changes or deltas) or not isinstance(series, dict):
        return None
    out = dict(series)
    back: set[str] = set()  # years found backwards from a later one, never re-applied forwards
    for _ in (*changes, *deltas):  # chains (2023 → 2024 → 2025) need one pass per change
        for year, base, pct in changes:  # forwards, or backwards from the later year
            if base in out and base not in back:
                out[year] = out[base] * (100 + pct) / 100
            elif year in out and base not in out and pct > -100:
                out[base] = out[year] * 100 / (100 + pct)
                back.add(base)
        for year, base, amount in deltas:  # an amount works both ways, exactly
            if base in out and year not in out:
                out[year] = out[base] + amount
            elif year in out and base not in out:
                out[base] = out[year] - amount
    return out


def date_in(question: str) -> date | None:
    """A date the question asks about (截至2026年1月1日 / 2025-07-01的时候), if any."""
    from .numbers import normalize

    text = normalize(question)
    m = _DATE.search(text)
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _MONTH.search(text)  # 2023年6月初 / 6月底 / 2024年3月的时候
        if not m:
            return None
        year, month = int(m.group(1)), int(m.group(2))
        if m.group(3) in ("底", "末", "下旬"):
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, 15 if m.group(3) in ("中", "中旬") else 1)
    except ValueError:
        return None
