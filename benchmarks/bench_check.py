"""Eligibility throughput: profile×jurisdiction evaluations per second, and a 10,000-row CSV
screened against all five jurisdictions end to end through the CLI.

An evaluation is `tools.check(profile, jurisdiction, as_of)`: every criterion's status, value,
margin and the verdict. Missing facts, warnings and explanatory texts are derived when first
read; `with_to_json` measures checks that also render the whole result.

    python benchmarks/bench_check.py [--rows 10000] [--seconds 3]

Profiles are synthetic (seeded), spread around the thresholds so every branch is exercised:
met, not met and unknown criteria, derived growth, shares and per-10k ratios.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

COLUMNS = ["name", "area_km2", "enterprise_count", "output_2022", "output_2023", "output_2024",
           "sme_output", "leading_industry_share", "leading_industry_growth", "single_champion",
           "little_giant", "specialized_sme", "innovative_sme", "high_tech", "rd_growth",
           "patent_growth", "patents", "employees", "iip_penetration", "pillar_industry",
           "supply_chain_sharing", "high_energy_use", "energy_efficiency_above_benchmark",
           "open_cooperation", "operating_body", "three_year_plan", "incident_level",
           "cyber_incident_level", "misconduct", "prohibited_industry"]


def synthetic_row(rng: random.Random, i: int) -> dict[str, Any]:
    def maybe(value: Any) -> Any:
        return "" if rng.random() < 0.08 else value  # some cells unknown

    o22 = round(rng.uniform(8, 60), 2)
    o23 = round(o22 * rng.uniform(0.95, 1.2), 2)
    o24 = round(o23 * rng.uniform(0.95, 1.2), 2)
    return {
        "name": f"集群{i:05d}", "area_km2": maybe(round(rng.uniform(5, 130), 1)),
        "enterprise_count": maybe(rng.randint(3, 200)), "output_2022": o22,
        "output_2023": maybe(o23), "output_2024": o24,
        "sme_output": maybe(round(o24 * rng.uniform(0.4, 0.95), 2)),
        "leading_industry_share": maybe(round(rng.uniform(40, 95), 1)),
        "leading_industry_growth": maybe(round(rng.uniform(-2, 15), 2)),
        "single_champion": maybe(rng.randint(0, 2)), "little_giant": maybe(rng.randint(0, 3)),
        "specialized_sme": maybe(rng.randint(0, 12)), "innovative_sme": maybe(rng.randint(0, 8)),
        "high_tech": maybe(rng.randint(0, 8)), "rd_growth": maybe(round(rng.uniform(0, 20), 1)),
        "patent_growth": maybe(round(rng.uniform(0, 25), 1)),
        "patents": maybe(rng.randint(0, 400)), "employees": rng.randint(2000, 60000),
        "iip_penetration": maybe(round(rng.uniform(2, 30), 1)),
        "pillar_industry": maybe(rng.choice(["是", "否"])),
        "supply_chain_sharing": maybe(rng.choice(["是", "是", "否"])),
        "high_energy_use": maybe(rng.choice(["是", "否", "否"])),
        "energy_efficiency_above_benchmark": maybe(rng.choice(["是", "否"])),
        "open_cooperation": maybe("是"), "operating_body": maybe(rng.choice(["是", "否"])),
        "three_year_plan": maybe(rng.choice(["是", "否"])),
        "incident_level": maybe(rng.choice(["无", "无", "一般", "较大"])),
        "cyber_incident_level": maybe("无"), "misconduct": maybe(rng.choice(["否"] * 9 + ["是"])),
        "prohibited_industry": maybe("否"),
    }


def write_csv(path: Path, rows: int, seed: int = 20261122) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for i in range(rows):
            w.writerow(synthetic_row(rng, i))


def evaluations_per_second(path: Path, seconds: float) -> dict[str, Any]:
    from tools import check, jurisdictions, load_profiles

    profiles = load_profiles(path)[:2000]
    js = jurisdictions()
    as_of = date(2026, 11, 22)
    for p in profiles[:50]:  # warm caches (rules, document status)
        for j in js:
            check(p, j, as_of)
    rates = []  # one rate per pass over the profiles; the machine is shared, so report the best
    n, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        for p in profiles:
            for j in js:
                check(p, j, as_of)
        rates.append(len(profiles) * len(js) / (time.perf_counter() - t0))
        n += len(profiles) * len(js)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    # the same with the full result (missing facts, warnings, texts) rendered as a dict
    t0, c0 = time.perf_counter(), time.process_time()
    for p in profiles[:500]:
        for j in js:
            check(p, j, as_of).to_json()
    m = 500 * len(js)
    with_json = {"per_second": round(m / (time.perf_counter() - t0)),
                 "per_cpu_second": round(m / (time.process_time() - c0))}
    return {"evaluations": n, "seconds": round(elapsed, 3), "with_to_json": with_json,
            "evaluations_per_second_mean": round(n / elapsed),
            "evaluations_per_cpu_second": round(n / cpu),
            "evaluations_per_second_best_pass": round(max(rates)), "single_process": True}


def end_to_end(path: Path, extra: list[str]) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "policy_assistant", "check", "--profile", str(path),
           "--jurisdiction", "all", "--as-of", "2026-11-22", "--json", *extra]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, check=True,
                          env={**os.environ, "PYTHONUTF8": "1"})
    elapsed = time.perf_counter() - start
    lines = proc.stdout.decode("utf-8").splitlines()
    verdicts: dict[str, int] = {}
    for line in lines:
        v = json.loads(line)["verdict"]
        verdicts[v] = verdicts.get(v, 0) + 1
    return {"command": " ".join(["policy-assistant", *cmd[3:]]), "seconds": round(elapsed, 2),
            "results": len(lines), "verdicts": verdicts}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10000)
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"profiles_{args.rows}.csv"
        write_csv(path, args.rows)
        report = {
            "load_average_before": os.getloadavg()[0],
            "in_process": evaluations_per_second(path, args.seconds),
            "cli_full_auto_workers": end_to_end(path, []),
            "cli_full_one_process": end_to_end(path, ["--workers", "1"]),
            "cli_full_two_processes": end_to_end(path, ["--workers", "2"]),
            "cli_summary": end_to_end(path, ["--summary"]),
            "load_average_after": os.getloadavg()[0],
        }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
