"""Per-item scoring functions and their aggregation (overall and per category).

Every scorer returns a value in [0, 1] or None when the metric does not apply to the item, so an
aggregate is the mean over the items it applies to and a regression can be traced to the item.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from .normalize import normalize, numbers_in

RETRIEVAL_METRICS = ("r@1", "r@3", "mrr", "coverage@5", "context@3")
CONTEXT_DEPTH = 3
ANSWER_METRICS = ("fact_accuracy", "citation_precision", "citation_recall", "numeric_exactness",
                  "verdict_accuracy", "criteria_accuracy", "status_accuracy", "refusal_accuracy")
LATENCY_METRICS = ("search_p50_ms", "search_p95_ms", "answer_p50_ms", "answer_p95_ms")

# Words an answer uses for each document status; the first is corpus.STATUS_LABELS' label.
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "expired": ("已过有效期", "已失效", "已届满", "已经届满", "已过期"),
    "draft": ("征求意见稿",),
    "unknown": ("未知", "无法判断", "无法确定", "不能确定"),
    "not_yet_in_force": ("尚未施行", "尚未生效", "还未施行", "未开始施行"),
    "in_force": ("有效",),
}
_LIST_NUMBER = re.compile(r"(?m)^\s*\d{1,2}[.、)]\s*")


def article_id(cid: str) -> str:
    """Article-level id of any citation id: "sichuan:第十一条:（一）" -> "sichuan:第十一条"."""
    return ":".join(cid.split(":")[:2])


def ranked_articles(ids: Iterable[str]) -> list[str]:
    """Article ids in first-seen order (several item hits of one article count once)."""
    return list(dict.fromkeys(article_id(i) for i in ids))


# ---------------------------------------------------------------- retrieval
def retrieval_scores(ranked: Sequence[str], expected: Sequence[str]) -> dict[str, float]:
    """R@k: an expected article is among the first k; MRR: 1/rank of the first expected one;
    coverage@5: share of the expected articles among the first max(5, len(expected))."""
    arts = ranked_articles(ranked)
    want = {article_id(e) for e in expected}
    rank = next((i for i, a in enumerate(arts, 1) if a in want), None)
    depth = max(5, len(want))
    return {
        "r@1": 1.0 if rank == 1 else 0.0,
        "r@3": 1.0 if rank is not None and rank <= 3 else 0.0,
        "mrr": 1.0 / rank if rank else 0.0,
        "coverage@5": len(want & set(arts[:depth])) / len(want),
    }


def context_score(facts: Sequence[str], passages: Sequence[str]) -> float | None:
    """Share of the expected facts found in the first CONTEXT_DEPTH retrieved passages: what a
    generator reading that context could at best state."""
    if not facts:
        return None
    return fact_score(facts, "\n".join(passages[:CONTEXT_DEPTH]))[0]


# ---------------------------------------------------------------- answers
def visible_text(answer: Mapping[str, Any]) -> str:
    """What the user reads: the answer prose and the quoted evidence."""
    quotes = [str(c.get("quote") or "") for c in answer.get("citations") or ()]
    return "\n".join([str(answer.get("answer") or ""), *quotes])


def fact_score(facts: Sequence[str], text: str) -> tuple[float | None, list[str]]:
    """Share of the expected facts present in `text` (normalised match), and the missing ones."""
    if not facts:
        return None, []
    norm = normalize(text)
    missing = [f for f in facts if normalize(f) not in norm]
    return 1 - len(missing) / len(facts), missing


def citation_scores(citations: Sequence[Mapping[str, Any]], expected_ids: Sequence[str],
                    verify: Callable[[str, str], bool],
                    supports: Callable[[str], bool] | None = None,
                    ) -> tuple[float | None, float | None, list[dict[str, Any]]]:
    """(precision, recall, per-citation verdicts). A citation is right when its article supports
    the claim (is in `expected_ids`, or `supports(id)` when given) and its quote is verbatim.
    Precision is None when there are no citations; recall is None when nothing is expected."""
    want = {article_id(e) for e in expected_ids}
    judged: list[dict[str, Any]] = []
    covered: set[str] = set()
    for c in citations:
        cid, quote = str(c.get("id") or ""), str(c.get("quote") or "")
        art = article_id(cid)
        relevant = supports(cid) if supports is not None else art in want
        try:
            verbatim = bool(quote) and verify(cid, quote)
        except Exception:  # unknown id: not verbatim
            verbatim = False
        ok = relevant and verbatim
        if ok and art in want:
            covered.add(art)
        judged.append({"id": cid, "relevant": relevant, "verbatim": verbatim})
    n_ok = sum(1 for j in judged if j["relevant"] and j["verbatim"])
    precision = n_ok / len(judged) if judged else None
    recall = len(covered) / len(want) if want else None
    return precision, recall, judged


def numeric_score(answer_text: str, sources: Sequence[str]) -> tuple[float | None, list[str]]:
    """1.0 when every number in the answer appears in a source (a verified quote, a tool result,
    the user's own words), 0.0 otherwise; None when the answer states no number."""
    text = _LIST_NUMBER.sub("", answer_text)
    nums = numbers_in(text)
    if not nums:
        return None, []
    allowed: set[Decimal] = set()
    for s in sources:
        allowed.update(numbers_in(s))
    bad = sorted({format(n, "f") for n in nums if n not in allowed})
    return (0.0 if bad else 1.0), bad


def find_result(answers: Sequence[Mapping[str, Any]], jurisdiction: str
                ) -> Mapping[str, Any] | None:
    """The latest eligibility result for `jurisdiction` over a conversation's answers."""
    for ans in reversed(answers):
        for res in ans.get("results") or ():
            if res.get("jurisdiction") == jurisdiction:
                return res  # type: ignore[no-any-return]
    return None


def eligibility_scores(answers: Sequence[Mapping[str, Any]], expected: Mapping[str, Any]
                       ) -> tuple[float, float | None, dict[str, Any]]:
    """(verdict right, share of expected criteria with the right status, details)."""
    res = find_result(answers, str(expected.get("jurisdiction")))
    want: Mapping[str, str] = expected.get("criteria") or {}
    if res is None:
        return 0.0, (0.0 if want else None), {"result": None}
    got: dict[str, str] = {}
    for crit in res.get("criteria") or ():
        got.setdefault(str(crit.get("metric")), str(crit.get("status")))
    wrong = {m: {"expected": s, "got": got.get(m)} for m, s in want.items() if got.get(m) != s}
    verdict_ok = 1.0 if res.get("verdict") == expected.get("verdict") else 0.0
    crit = 1 - len(wrong) / len(want) if want else None
    return verdict_ok, crit, {"verdict": res.get("verdict"), "wrong_criteria": wrong}


def status_score(text: str, expected: Mapping[str, str]) -> float:
    """1.0 when the answer names every expected status (see STATUS_WORDS). For a single document
    in force, the answer must also not call it expired, a draft, unknown or not yet in force."""
    norm = normalize(text)
    for status in expected.values():
        if not any(normalize(w) in norm for w in STATUS_WORDS[status]):
            return 0.0
    if set(expected.values()) == {"in_force"}:
        others = [w for s, ws in STATUS_WORDS.items() if s != "in_force" for w in ws]
        if any(normalize(w) in norm for w in others):
            return 0.0
    return 1.0


def refusal_score(answer: Mapping[str, Any], refuse: bool) -> float:
    """Should refuse: intent out_of_scope and no citation. Should answer: any other intent."""
    declined = answer.get("intent") == "out_of_scope"
    if refuse:
        return 1.0 if declined and not answer.get("citations") else 0.0
    return 0.0 if declined else 1.0


def answer_sources(answers: Sequence[Mapping[str, Any]], inputs: Sequence[str],
                   verify: Callable[[str, str], bool], extra: Sequence[str] = ()) -> list[str]:
    """Where an answer's numbers may come from: verified quotes, tool results, the profile, the
    user's words, and `extra` (e.g. document status computed by the corpus)."""
    out = [*inputs, *extra]
    for ans in answers:
        for c in ans.get("citations") or ():
            cid, quote = str(c.get("id") or ""), str(c.get("quote") or "")
            try:
                if quote and verify(cid, quote):
                    out.extend((cid, quote))  # the id's article label (第十四条) is a source too
            except Exception:
                continue
        for key in ("results", "profile", "missing"):
            if ans.get(key):
                out.append(json.dumps(ans[key], ensure_ascii=False, default=str))
    return out


# ---------------------------------------------------------------- aggregation
def mean(values: Iterable[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else None


def percentile(values: Sequence[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def aggregate(items: Sequence[Mapping[str, Any]], names: Sequence[str]) -> dict[str, Any]:
    """Mean of each metric over the items it applies to, with the count it is over."""
    out: dict[str, Any] = {}
    for name in names:
        vals = [it["scores"].get(name) for it in items]
        applicable = [v for v in vals if v is not None]
        out[name] = mean(applicable)
        out[f"n_{name}"] = len(applicable)
    return out


def latency_summary(items: Sequence[Mapping[str, Any]]) -> dict[str, float | None]:
    search = [v for it in items for v in it.get("search_ms", ())]
    answer = [v for it in items for v in it.get("answer_ms", ())]
    return {"search_p50_ms": percentile(search, 50), "search_p95_ms": percentile(search, 95),
            "answer_p50_ms": percentile(answer, 50), "answer_p95_ms": percentile(answer, 95)}
