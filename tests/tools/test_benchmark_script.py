"""The benchmark script runs (tiny sizes; it asserts nothing about speed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.mark.slow
def test_benchmark_script_runs() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_check.py"), "--rows",
                          "40", "--seconds", "0.2"], capture_output=True, check=True, cwd=ROOT)
    report = json.loads(out.stdout)
    assert report["cli_summary"]["results"] == 200
    assert report["cli_full_one_process"]["verdicts"] == report["cli_summary"]["verdicts"]
    assert report["in_process"]["evaluations"] > 0
