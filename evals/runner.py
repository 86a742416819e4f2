"""`run`: every item through the system (search, ask, conversation) and the baselines."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from . import metrics as M
from .dataset import Item, load_items
from .normalize import normalize
from .report import Report, SystemRun
from .system import DefaultSystem, answer_json, capabilities, hit_id

K = 5


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 3)


def _status_texts(as_of: date | None) -> list[str]:
    """Document status as the corpus computes it: a legitimate source of dates in answers."""
    from corpus import document_status, get_corpus

    c = get_corpus()
    day = as_of or date.today()
    return [json.dumps(document_status(c.doc(d).meta, day).to_json(), ensure_ascii=False)
            for d in c.ids]


def score_retrieval(item: Item, ranked: Sequence[str], passages: Sequence[str]
                    ) -> dict[str, float | None]:
    out: dict[str, float | None] = dict(M.retrieval_scores(ranked, item.expected_ids))
    out["context@3"] = M.context_score(quotable_facts(item), passages)
    return out


def quotable_facts(item: Item) -> tuple[str, ...]:
    """The item's facts that are written in its cited text (not computed, like an expiry date):
    the ones a retrieved passage can contain."""
    from corpus import get_corpus

    c = get_corpus()
    cited = normalize(" ".join(c.quote(i) for i in item.expected_ids if c.has(i)))
    return tuple(f for f in item.facts if normalize(f) in cited)


def _hit_text(hit: Any) -> str:
    """A hit's text, or its article's text when the hit carries none."""
    text = hit.get("text") if isinstance(hit, Mapping) else getattr(hit, "text", None)
    if text:
        return str(text)
    from corpus import get_corpus

    c = get_corpus()
    cid = hit_id(hit)
    return c.quote(cid) if c.has(cid) else ""


def score_answers(item: Item, answers: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Scores and details of an item from its answer(s) (the last one answers the item)."""
    from corpus import verify_quote

    final = answers[-1]
    scores: dict[str, float | None] = dict.fromkeys(M.ANSWER_METRICS)
    details: dict[str, Any] = {}
    refuse = item.refuse
    if refuse is not None:
        scores["refusal_accuracy"] = M.refusal_score(final, refuse)
    if refuse is not True:
        text = M.visible_text(final)
        scores["fact_accuracy"], details["missing_facts"] = M.fact_score(item.facts, text)
        supports = _supports(item)
        p, r, judged = M.citation_scores(final.get("citations") or (), item.expected_ids,
                                         verify_quote, supports)
        scores["citation_precision"] = p
        scores["citation_recall"] = r
        details["citations"] = judged
        sources = M.answer_sources(answers, item.inputs, verify_quote,
                                   [*_status_texts(item.as_of),
                                    *([item.as_of.isoformat()] if item.as_of else [])])
        scores["numeric_exactness"], details["unsupported_numbers"] = M.numeric_score(
            str(final.get("answer") or ""), sources)
    if item.category == "eligibility":
        v, crit, d = M.eligibility_scores(answers, item.expected)
        scores["verdict_accuracy"], scores["criteria_accuracy"] = v, crit
        details.update(d)
    if item.category == "status":
        scores["status_accuracy"] = M.status_score(M.visible_text(final), item.expected["status"])
    details["intent"] = final.get("intent")
    details["mode"] = final.get("mode")
    details["answer"] = str(final.get("answer") or "")[:400]
    return {"scores": scores, "details": details}


def _supports(item: Item) -> Callable[[str], bool]:
    """Which citations support an item's claims: its expected and supporting articles; for an
    eligibility verdict, any article of the jurisdiction checked (each criterion cites its own)."""
    if item.category == "eligibility":
        doc = str(item.expected.get("jurisdiction"))
        return lambda cid: cid.split(":", 1)[0] == doc
    ok = {M.article_id(i) for i in (*item.expected_ids, *item.supporting_ids)}
    return lambda cid: M.article_id(cid) in ok


def _run_answer(system: Any, item: Item) -> tuple[list[dict[str, Any]], list[float], str | None]:
    """The item's answers (one per input), per-call latencies, and an error if one occurred."""
    answers: list[dict[str, Any]] = []
    times: list[float] = []
    try:
        if item.question is not None:
            t = time.perf_counter()
            answers.append(answer_json(system.ask(item.question, as_of=item.as_of)))
            times.append(_ms(t))
        else:
            conv = system.conversation(as_of=item.as_of)
            for turn in item.inputs:
                t = time.perf_counter()
                answers.append(answer_json(conv.send(turn)))
                times.append(_ms(t))
    except Exception as exc:  # one broken item must not stop the run
        return answers, times, f"{type(exc).__name__}: {exc}"
    return answers, times, None


def run_system(items: Sequence[Item], system: Any, name: str = "system") -> SystemRun:
    can = capabilities(system)
    results: list[dict[str, Any]] = []
    for item in items:
        res: dict[str, Any] = {"id": item.id, "category": item.category, "split": item.split,
                               "input": list(item.inputs), "scores": {}, "search_ms": [],
                               "answer_ms": []}
        if item.retrieval_usable and can["search"] is None:
            t = time.perf_counter()
            try:
                hits = list(system.search(item.question, K))
                res["search_ms"].append(_ms(t))
                ranked = [hit_id(h) for h in hits]
                res["ranked"] = M.ranked_articles(ranked)[:K]
                res["scores"].update(score_retrieval(item, ranked, [_hit_text(h) for h in hits]))
            except Exception as exc:
                res["search_error"] = f"{type(exc).__name__}: {exc}"
                res["scores"].update(dict.fromkeys(M.RETRIEVAL_METRICS, 0.0))
                if not item.facts:
                    res["scores"]["context@3"] = None
        part = "ask" if item.question is not None else "conversation"
        if can[part] is None:
            answers, times, error = _run_answer(system, item)
            res["answer_ms"] = times
            if error is not None:
                res["error"] = error
            if answers and error is None:
                scored = score_answers(item, answers)
                res["scores"].update(scored["scores"])
                res["details"] = scored["details"]
            else:  # a crash scores zero on every metric that applies to the item
                res["scores"].update(_zero_scores(item))
        results.append(res)
    return SystemRun.build(name, results, can)


def _zero_scores(item: Item) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    if item.refuse is not None:
        out["refusal_accuracy"] = 0.0
    if item.refuse is not True:
        if item.facts:
            out["fact_accuracy"] = 0.0
        if item.expected_ids:
            out["citation_recall"] = 0.0
    if item.category == "eligibility":
        out["verdict_accuracy"] = 0.0
        if item.expected.get("criteria"):
            out["criteria_accuracy"] = 0.0
    if item.category == "status":
        out["status_accuracy"] = 0.0
    return out


def run_baseline(items: Sequence[Item], baseline: Any) -> SystemRun:
    results = []
    usable = [it for it in items if it.retrieval_usable]
    prepare = getattr(baseline, "prepare", None)
    if callable(prepare):
        prepare([str(it.question) for it in usable])
    for item in usable:
        t = time.perf_counter()
        passages = baseline.retrieve(item.question, K)
        ms = _ms(t)
        ranked = M.ranked_articles(p.id for p in passages)[:K]
        results.append({"id": item.id, "category": item.category, "split": item.split,
                        "ranked": ranked,
                        "scores": score_retrieval(item, ranked, [p.text for p in passages]),
                        "search_ms": [ms], "answer_ms": []})
    return SystemRun.build(baseline.name, results, {"search": None})


def run(split: str = "dev", system: Any = None, *, path: str | Path | None = None,
        baselines: bool = True, dense_baseline: bool = True) -> Report:
    """Evaluate `system` (default: the project's indexing and assistant) on the items of `split`
    ("dev", "heldout" or "all"), beside the peer baselines on the same questions."""
    start = time.perf_counter()
    timings: dict[str, float] = {}
    items = load_items(path, split)
    sys_run = run_system(items, system if system is not None else DefaultSystem(),
                         getattr(system, "name", "system"))
    timings[sys_run.name] = _ms(start) / 1000
    base_runs: dict[str, SystemRun] = {}
    if baselines:
        from .baselines import build_baselines

        t = time.perf_counter()
        built = build_baselines(dense=dense_baseline)
        timings["baselines_build"] = _ms(t) / 1000
        for b in built:
            t = time.perf_counter()
            base_runs[b.name] = run_baseline(items, b)
            timings[b.name] = _ms(t) / 1000
    return Report(split=split, dataset=str(path or "evals/data/qa.jsonl"), items=tuple(items),
                  system=sys_run, baselines=base_runs,
                  elapsed_s=round(time.perf_counter() - start, 2),
                  timings={k: round(v, 2) for k, v in timings.items()})
