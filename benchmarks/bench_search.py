"""Search latency and index build time (a benchmark, not a test).

    python benchmarks/bench_search.py            # BM25 + jurisdiction filter (the default)
    python benchmarks/bench_search.py --dense    # also the dense and fused channels

Reports, in a temporary data directory (the user's files are never touched):
- index build time: from nothing (jieba's full dictionary loaded without its cache) and again
  with jieba's cache present;
- warm per-query latency p50/p95 over every eval question (`evals/data/qa.jsonl`), repeated;
- process start to first answer for `policy-assistant search "…"` (index already built), and for
  the very first search that has to build the index.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
QUESTION = "青海的集群有效期几年？"


def questions() -> list[str]:
    path = ROOT / "evals" / "data" / "qa.jsonl"
    out: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out.extend([item["question"]] if item.get("question") else item.get("turns") or [])
    return out


def pct(values: Sequence[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def latency(search: Callable[[str], object], qs: Sequence[str], rounds: int) -> dict[str, float]:
    for q in qs:  # warm up: model, caches, page cache
        search(q)
    times = []
    for _ in range(rounds):
        for q in qs:
            start = time.perf_counter()
            search(q)
            times.append((time.perf_counter() - start) * 1000)
    return {"queries": len(times), "p50_ms": round(pct(times, 50), 3),
            "p95_ms": round(pct(times, 95), 3), "mean_ms": round(statistics.fmean(times), 3)}


def cli_start(home: Path, runs: int) -> dict[str, float]:
    env = {**os.environ, "POLICY_ASSISTANT_HOME": str(home)}
    exe = shutil.which("policy-assistant")
    cmd = [exe] if exe else [sys.executable, "-m", "policy_assistant"]
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([*cmd, "search", "-k", "1", QUESTION], env=env, check=True,
                       capture_output=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    # CPU time is what the process itself needs; wall time also shows a busy machine
    return {"runs": runs, "median_s": round(statistics.median(times), 3),
            "min_s": round(min(times), 3), "median_cpu_s": round(statistics.median(cpu), 3)}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dense", action="store_true", help="also the dense and fused channels")
    ap.add_argument("--rounds", type=int, default=20, help="repetitions of the question set")
    ap.add_argument("--runs", type=int, default=7, help="process starts to time")
    args = ap.parse_args(argv)
    report: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="pa-bench-") as tmp:
        home = Path(tmp) / "home"
        os.environ["POLICY_ASSISTANT_HOME"] = str(home)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
        from corpus import reload_corpus
        from indexing import get_retriever, settings_from_env
        from indexing.search import clear_cache
        from indexing.store import build_lexical_index, index_root

        reload_corpus()
        settings = settings_from_env().with_(dense=False)
        report["build_s_no_jieba_cache"] = round(timed(lambda: build_lexical_index(settings)), 3)
        report["build_s"] = round(timed(lambda: build_lexical_index(settings)), 3)
        report["cli_first_search_builds_s"] = None
        shutil.rmtree(index_root())  # the first search of a fresh install builds the index
        report["cli_first_search_builds_s"] = cli_start(home, 1)["median_s"]
        report["cli_start_to_first_answer"] = cli_start(home, args.runs)
        clear_cache()
        qs = questions()
        retriever = get_retriever(settings)
        report["bm25_filter_latency"] = latency(lambda q: retriever.search(q, k=5), qs,
                                                args.rounds)
        if args.dense:
            dense = settings.with_(dense=True)
            started = time.perf_counter()
            r = get_retriever(dense)
            r.search(QUESTION, k=1)  # loads the model and builds the collection
            report["dense_first_use_s"] = round(time.perf_counter() - started, 3)
            rounds = max(1, args.rounds // 10)
            report["dense_latency"] = latency(lambda q: r.search(q, k=5, channel="dense"), qs,
                                              rounds)
            report["fused_latency"] = latency(lambda q: r.search(q, k=5), qs, rounds)
    report["machine"] = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
