"""Retrieval quality per channel and split on the project's eval questions (evals/data/qa.jsonl).

    python benchmarks/eval_search.py                    # BM25 only, dev split (fast)
    python benchmarks/eval_search.py --split both       # dev and heldout (report only)
    python benchmarks/eval_search.py --dense --peers    # + dense, fused, and the peer baselines
    python benchmarks/eval_search.py --grid             # dense weight sweep, dev split only
    python benchmarks/eval_search.py --misses dev       # the dev questions ranked wrong
    python benchmarks/eval_search.py --json             # per-item scores, one line per split

Article level, items with a question and expected ids. Tuning looks at `dev` only; `heldout`
is reported, never tuned on.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from evals.dataset import Item, load_items
from evals.metrics import retrieval_scores
from indexing import get_retriever, settings_from_env

Search = Callable[[str], list[str]]


def items_for(split: str) -> list[Item]:
    return [i for i in load_items(split=split) if i.retrieval_usable]


def evaluate(search: Search, items: Sequence[Item]) -> dict[str, Any]:
    per_item: list[dict[str, Any]] = []
    for item in items:
        ranked = search(item.question or "")
        per_item.append({"id": item.id, "ranked": ranked[:5], "expected": list(item.expected_ids),
                         **retrieval_scores(ranked, item.expected_ids)})
    n = len(per_item)
    out: dict[str, Any] = {"n": n, "items": per_item}
    for m in ("r@1", "r@3", "mrr"):
        out[m] = sum(float(p[m]) for p in per_item) / n
    return out


OVERRIDES: dict[str, float] = {}


def channel_search(channel: str, weight: float | None = None) -> Search:
    settings = settings_from_env().with_(**OVERRIDES)
    if channel != "bm25":
        settings = settings.with_(dense=True)
    if weight is not None:
        settings = settings.with_(dense_weight=weight)
    retriever = get_retriever(settings)
    return lambda q: [h.id for h in retriever.search(q, k=5, channel=channel)]


def peer_searches(dense: bool) -> dict[str, Search]:
    from evals.baselines import build_baselines

    def bind(baseline: Any) -> Search:
        return lambda q: list(baseline.search(q, k=5))

    return {b.name: bind(b) for b in build_baselines(dense=dense)}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dense", action="store_true", help="also dense-only and fused channels")
    ap.add_argument("--peers", action="store_true", help="also the peer baselines from evals/")
    ap.add_argument("--peers-dense", action="store_true", help="include the chunk ensemble")
    ap.add_argument("--grid", action="store_true", help="sweep the fusion weight on dev")
    ap.add_argument("--misses", choices=["dev", "heldout"], help="list wrong top-1 questions")
    ap.add_argument("--json", action="store_true",
                    help="one JSON object per system and split, with per-item scores")
    ap.add_argument("--split", choices=["dev", "heldout", "both"], default="dev",
                    help="which split to score (default dev: tuning never looks at heldout)")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="override a numeric setting (k1, b, synonym_weight, dense_weight)")
    args = ap.parse_args(argv)
    for kv in args.set:
        name, _, value = kv.partition("=")
        OVERRIDES[name] = float(value)
    wanted = ("dev", "heldout") if args.split == "both" else (args.split,)
    splits = {s: items_for(s) for s in ("dev", "heldout")}

    if args.grid:
        print("| dense weight | dev R@1 | dev R@3 | dev MRR |\n|---|---|---|---|")
        for w in (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0):
            r = evaluate(channel_search("fused", w), splits["dev"])
            print(f"| {w:.2f} | {r['r@1']:.3f} | {r['r@3']:.3f} | {r['mrr']:.3f} |")
        return 0
    if args.misses:
        r = evaluate(channel_search("bm25"), splits[args.misses])
        for p in r["items"]:
            if p["r@1"] < 1:
                item = next(i for i in splits[args.misses] if i.id == p["id"])
                print(f"{p['id']}\t{item.question}\n    expected {p['expected']}\n"
                      f"    got      {p['ranked'][:3]}")
        return 0

    systems: dict[str, Search] = {"bm25 (default)": channel_search("bm25")}
    if args.dense:
        systems["dense only"] = channel_search("dense")
        weight = OVERRIDES.get("dense_weight", settings_from_env().dense_weight)
        systems[f"fused (w={weight})"] = channel_search("fused")
    if args.peers or args.peers_dense:
        systems.update({f"peer: {k}": v for k, v in peer_searches(args.peers_dense).items()})
    if not args.json:
        print("| system | split | n | R@1 | R@3 | MRR |\n|---|---|---|---|---|---|")
    for name, fn in systems.items():
        for split in wanted:
            r = evaluate(fn, splits[split])
            if args.json:
                print(json.dumps({"system": name, "split": split, **r}, ensure_ascii=False))
                continue
            print(f"| {name} | {split} | {r['n']} | {r['r@1']:.3f} | {r['r@3']:.3f} | "
                  f"{r['mrr']:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
