"""Reliability suite helpers: a tally of generated cases and measured figures, printed in the
terminal summary of every run (so the numbers in docs/reliability.md come from real output)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES: Counter[str] = Counter()  # fuzz target -> examples hypothesis actually ran
FIGURES: dict[str, Any] = {}  # name -> measured value (load p95 …)


def tally(target: str) -> None:
    """Count one generated example for `target` (call inside a @given test body)."""
    CASES[target] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not CASES and not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for target, n in sorted(CASES.items()):
        terminalreporter.write_line(f"fuzz cases tried  {target:<28} {n}")
    if CASES:
        terminalreporter.write_line(f"fuzz cases tried  {'total':<28} {sum(CASES.values())}")
    for name, value in FIGURES.items():
        terminalreporter.write_line(f"{name:<46} {value}")


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "POLICY_ASSISTANT_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    env.pop("POLICY_ASSISTANT_DEBUG", None)
    env.pop("POLICY_ASSISTANT_LLM", None)
    env.update(extra)
    return env


def run_cli(args: list[str], home: Path, stdin: str | bytes | None = None, timeout: float = 120,
            **env: str) -> subprocess.CompletedProcess[str]:
    """`policy-assistant ARGS` in a real child process (exit code, stdout, stderr as text)."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    # -P: the working directory (a data home holding a `corpus/` folder) must not shadow the
    # installed packages, just as for the `policy-assistant` console script
    done = subprocess.run([sys.executable, "-P", "-c",
                           "from policy_assistant.cli import main; main()", *args],
                          input=data, capture_output=True, timeout=timeout,
                          env=cli_env(home, **env), cwd=str(home))
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8", "replace"),
                                       done.stderr.decode("utf-8", "replace"))


def one_line_error(stderr: str) -> str:
    """The error line; fails the test on a traceback or a multi-line error."""
    assert "Traceback" not in stderr, stderr[-2000:]
    lines = [ln for ln in stderr.splitlines() if ln.strip() and not ln.startswith(
        ("正在建立检索索引", "检索索引已失效"))]
    assert len(lines) == 1, stderr[-2000:]
    assert lines[0].startswith("Error: "), lines[0]
    return lines[0]


@pytest.fixture(scope="session")
def warm_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data home with the search index built once, shared by the subprocess tests."""
    home = tmp_path_factory.mktemp("warm-home")
    done = run_cli(["search", "-k", "1", "青海有效期"], home)
    assert done.returncode == 0, done.stderr
    return home
