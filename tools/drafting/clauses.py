"""Clauses and the thresholds written in them ("近三年产值均在20亿元以上" -> >= 20 亿元).

A clause is the text between two clause breaks (。；，…) of one citable unit. A threshold is a
number followed by a unit, with the operator word before it (不低于5%) or after it (20亿元以上),
read through the reviewed wording table. Everything keeps its verbatim text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from corpus import cn_to_int

from .patterns import Tables, tables

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_CN_DIGITS = "一二三四五六七八九十百两"


@dataclass(frozen=True)
class Clause:
    citation: str
    text: str  # verbatim (whitespace already normalised by the parser), stripped
    index: int  # position among the non-empty clauses of its block
    start: int  # offsets of `text` in the block it was split from
    end: int


@dataclass(frozen=True)
class Threshold:
    clause: Clause
    value: Decimal  # in `unit` (the metric's unit), converted exactly
    written_unit: str
    unit: str
    before: str  # clause text since the previous threshold (names the metric)
    after: str  # clause text up to the next threshold (names counted categories)
    operator: str | None
    operator_word: str | None
    phrase: str  # verbatim sub-phrase of the clause that states the threshold


@cache
def _number_re() -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in sorted(tables().units, key=len, reverse=True))
    return re.compile(rf"(?<![0-9０-９.．{_CN_DIGITS}])([0-9０-９]+(?:[.．][0-9０-９]+)?|"
                      rf"[{_CN_DIGITS}]+)\s*({units})")


def parse_number(text: str) -> Decimal:
    text = text.translate(_FULL_WIDTH)
    if text[0].isdigit():
        return Decimal(text)
    return Decimal(cn_to_int(text.replace("两", "二")))


def split_clauses(citation: str, text: str, t: Tables | None = None) -> list[Clause]:
    t = t or tables()
    runs = re.compile(f"[^{re.escape(t.clause_breaks)}\\s][^{re.escape(t.clause_breaks)}]*")
    out: list[Clause] = []
    for m in runs.finditer(text):
        piece = m.group().rstrip()
        out.append(Clause(citation, piece, len(out), m.start(), m.start() + len(piece)))
    return out


def operator_of(before: str, after: str, t: Tables | None = None) -> tuple[str | None, str | None]:
    """(operator, word as written) from the words right before or right after a number."""
    t = t or tables()
    pre = re.sub(f"{t.filler}$", "", before)
    for word in t.words_longest_first:
        if pre.endswith(word):
            head = pre[: -len(word)]
            neg = next((n for n in t.negating_prefixes if head.endswith(n)), None)
            if neg:
                return t.negations[t.words[word]], neg + word
            return t.words[word], word
    post = re.sub(f"^{t.filler}", "", after)
    for word in t.words_longest_first:
        if post.startswith(word):
            return t.words[word], word
    return None, None


def thresholds(clause: Clause, t: Tables | None = None) -> Iterator[Threshold]:
    t = t or tables()
    text = clause.text
    matches = list(_number_re().finditer(text))
    for i, m in enumerate(matches):
        start = matches[i - 1].end() if i else 0
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        before, after = text[start:m.start()], text[m.end():stop]
        try:
            raw = parse_number(m.group(1))
        except (ValueError, ArithmeticError):
            continue
        unit, factor = t.units[m.group(2)]
        op, word = operator_of(before, after, t)
        phrase_start = start
        if i:  # skip the previous threshold's trailing operator word (…以上，)
            prev_op = operator_of("", text[start:m.start()], t)[1]
            if prev_op:
                phrase_start = text.index(prev_op, start) + len(prev_op)
        if i + 1 < len(matches):
            phrase_end = m.end()
            tail = re.match(f"{t.filler}", after)
            if word and after[tail.end() if tail else 0:].startswith(word):
                phrase_end = m.end() + (tail.end() if tail else 0) + len(word)
        else:
            phrase_end = len(text)
        phrase = text[phrase_start:phrase_end].strip()
        yield Threshold(clause, raw * factor, m.group(2), unit, before, after, op,
                        word, phrase)
