"""The guard on model-written answers: cited ids exist, quotes are verbatim, numbers come from the
tools. Anything else and the deterministic answer is used instead."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from corpus import get_corpus, verify_quote

from . import quotes
from .answer import CitationList
from .numbers import find_quantities, to_yi

CITE = re.compile(r"\[([a-z][a-z0-9_]*:[^\[\]\s]+)\]")
# Overall verdicts stated in prose: a model told (by a question or a passage) to say "符合" must
# not overrule the tools' verdict.
_SAYS_ELIGIBLE = re.compile(r"(?<![不未没])符合[^，。；,;\n不]{0,10}认定(?:条件|标准)"
                            r"|(?<![不未没])(?:可以|能够)申报|(?<![不未没否])能申报(?!吗)"
                            r"|(?<![不未没])具备(?:申报|认定)?(?:资格|条件)")
_SAYS_NOT_ELIGIBLE = re.compile(r"不符合[^，。；,;\n]{0,10}认定(?:条件|标准)|不能申报|无法申报"
                                r"|不具备(?:申报|认定)?(?:资格|条件)")
QUOTED = re.compile(r"“([^”]{4,})”|「([^」]{4,})」")


@dataclass(frozen=True)
class GuardResult:
    ok: bool
    reason: str = ""
    ids: tuple[str, ...] = field(default_factory=tuple)

    def with_markers(self, prose: str, cites: CitationList, known: dict[str, str] | None = None,
                     question: str = "") -> str:
        """Replace [doc:article] by [n] markers tied to verbatim quotes of those units: the
        deterministic answer's quote for that id when there is one, else the best sentence."""
        def sub(m: re.Match[str]) -> str:
            cid = m.group(1)
            if known and cid in known:
                return cites.add(cid, known[cid])
            best = quotes.best_quotes(cid, question or prose, limit=1)
            return cites.add(cid, best[0] if best else get_corpus().quote(cid))
        return CITE.sub(sub, prose)


_MONEY = ("亿元", "亿", "万元", "万", "元")


def numbers(text: str) -> set[tuple[Decimal, str]]:
    """(value, unit class) of every number: money in 亿元 ("money"), "%", other unit words as
    written, "" for a bare number. 50亿元 and 50% are different facts."""
    out = set()
    for q in find_quantities(text):
        if q.unit in _MONEY:
            out.add((to_yi(q.value, q.unit).normalize(), "money"))
        else:
            out.add((q.value.normalize(), q.unit))
    return out


def _unsupported(stated: set[tuple[Decimal, str]],
                 allowed: set[tuple[Decimal, str]]) -> list[Decimal]:
    values = {v for v, _ in allowed}
    return sorted(v for v, unit in stated
                  if (unit and (v, unit) not in allowed and (v, "") not in allowed)
                  or (not unit and v not in values))


def check_answer(prose: str, evidence: Sequence[str]) -> GuardResult:
    """`evidence`: tool outputs and deterministic quotes/results the model was allowed to use."""
    if not prose.strip():
        return GuardResult(False, "模型没有给出回答")
    corpus = get_corpus()
    ids = [m.group(1) for m in CITE.finditer(prose)]
    if not ids:
        return GuardResult(False, "回答没有引用编号")
    unknown = [cid for cid in ids if not corpus.has(cid)]
    if unknown:
        return GuardResult(False, f"引用编号不存在：{'、'.join(unknown)}")
    pool = "\n".join(evidence)
    unseen = [cid for cid in ids if cid not in pool and ":".join(cid.split(":")[:2]) not in pool]
    if unseen:
        return GuardResult(False, f"引用了工具结果之外的条文：{'、'.join(unseen)}")
    for m in QUOTED.finditer(prose):
        text = m.group(1) or m.group(2)
        if not any(verify_quote(cid, text) for cid in ids):
            return GuardResult(False, f"引文不是原文：“{text[:20]}”")
    allowed = numbers(pool) | numbers(" ".join(corpus.quote(cid) for cid in ids))
    stated = numbers(CITE.sub(" ", prose))
    extra = _unsupported(stated, allowed)
    if extra:
        shown = "、".join(format(d, "f") for d in extra[:3])
        return GuardResult(False, f"回答中的数字不在工具结果中：{shown}")
    return GuardResult(True, "", tuple(dict.fromkeys(ids)))


def check_verdict(prose: str, results: Sequence[Mapping[str, Any]]) -> GuardResult:
    """The prose may not state an overall verdict the eligibility results do not give."""
    verdicts = {str(r["verdict"]) for r in results if "verdict" in r}
    if not verdicts:
        return GuardResult(True)
    if _SAYS_ELIGIBLE.search(prose) and "eligible" not in verdicts:
        return GuardResult(False, "回答的结论与逐项核对结果不符（核对结果并非“符合”）")
    if _SAYS_NOT_ELIGIBLE.search(prose) and verdicts == {"eligible"}:
        return GuardResult(False, "回答的结论与逐项核对结果不符（核对结果为“符合”）")
    return GuardResult(True)
