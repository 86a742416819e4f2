"""Benchmark and self-evaluation of `assistant.ask` (deterministic mode).

    python benchmarks/bench_ask.py            # warm latency (p50/p95) + cold one-shot CLI
    python benchmarks/bench_ask.py --eval dev # accuracy on evals/data/qa.jsonl (dev or heldout)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "青海的集群有效期几年？", "贵州集群重大变动以后多长时间内要备案？", "张掖集群名单公示几天？",
    "各地对每万人有效发明专利拥有量的要求对比", "青海的实施细则现在还有效吗？",
    "什么是小巨人企业", "浙江省的中小企业特色产业集群认定标准是什么？",
    "我们在青海，近三年产值18亿、21亿、23亿元，能申报吗", "山东对集群产值年均增速的要求？",
    "四川在什么情况下会撤销省级集群的认定？",
]


def warm(rounds: int) -> dict[str, float]:
    from assistant import ask

    for q in QUESTIONS:  # warm caches (index, rules, corpus)
        ask(q)
    times = []
    for _ in range(rounds):
        for q in QUESTIONS:
            t = time.perf_counter()
            ask(q)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"n": len(times), "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
            "max_ms": round(times[-1], 2)}


def cold(runs: int) -> dict[str, float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(["policy-assistant", "ask", "--json", "青海的集群有效期几年？"],
                       check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return {"runs": runs, "median_s": round(statistics.median(times), 3),
            "max_s": round(max(times), 3)}


def _norm(text: str) -> str:
    from evals.normalize import normalize

    return normalize(text)


def _article(cid: str) -> str:
    return ":".join(cid.split(":")[:2])


def score_item(item: Any) -> tuple[bool, str]:
    from assistant import Conversation

    conv = Conversation(as_of=item.as_of or date.today())
    answers = [conv.send(t) for t in item.inputs]
    a = answers[-1]
    cited = {_article(c.id) for c in a.citations}
    text = _norm(a.answer)
    facts_ok = all(_norm(f) in text for f in item.facts)
    cat = item.category
    refuse = item.expected.get("refuse")
    if cat == "out_of_scope" or refuse is True:
        ok = a.intent == "out_of_scope" and not a.citations
        return ok, f"intent={a.intent} cites={len(a.citations)}"
    if cat == "eligibility":
        exp = item.expected
        res = next((r for r in a.results if r.get("jurisdiction") == exp["jurisdiction"]), None)
        if res is None:
            return False, f"no result for {exp['jurisdiction']} (intent={a.intent})"
        got = {c["metric"]: c["status"] for c in res["criteria"]}
        bad = {m: (s, got.get(m)) for m, s in (exp.get("criteria") or {}).items()
               if got.get(m) != s}
        ok = res["verdict"] == exp["verdict"] and not bad
        return ok, f"verdict={res['verdict']} want={exp['verdict']} bad={bad}"
    if cat == "status":
        got = {r["jurisdiction"]: r["status"] for r in a.results
               if "jurisdiction" in r and "status" in r}
        ok = all(got.get(d) == s for d, s in item.expected["status"].items()) and facts_ok
        return ok, f"got={got} facts_ok={facts_ok}"
    cite_ok = bool(cited & set(item.expected_ids)) if item.expected_ids else True
    if cat == "comparison":
        cite_ok = set(item.expected_ids) <= cited
    ok = facts_ok and cite_ok and a.intent != "out_of_scope"
    return ok, f"intent={a.intent} facts_ok={facts_ok} cited={sorted(cited)}"


def evaluate(split: str, verbose: bool) -> dict[str, Any]:
    from evals.dataset import load_items

    per: dict[str, list[bool]] = defaultdict(list)
    for item in load_items(split=split):
        ok, why = score_item(item)
        group = item.category
        if item.category == "adversarial":
            group = "adversarial_refuse" if item.expected.get("refuse") else "adversarial_answer"
        per[group].append(ok)
        if verbose and not ok:
            print(f"FAIL {item.id}: {item.inputs} -> {why}", file=sys.stderr)
    return {k: f"{sum(v)}/{len(v)} = {100 * sum(v) / len(v):.1f}%" for k, v in sorted(per.items())}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", choices=["dev", "heldout"])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if args.eval:
        print(json.dumps(evaluate(args.eval, args.verbose), ensure_ascii=False, indent=1))
        return
    print(json.dumps({"warm_ask": warm(args.rounds), "cold_cli": cold(args.cold_runs)},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
