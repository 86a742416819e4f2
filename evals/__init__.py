"""The evaluation suite: Q&A items with cited facts, metrics, peer baselines and the runner.

    from evals import run
    report = run(split="dev")          # the project's system beside the baselines
    print(report.table()); report.write("artifacts/eval")
"""

from .dataset import CATEGORIES, DatasetError, Item, check_item, check_items, load_items
from .diff import diff, load_report
from .report import Report, SystemRun
from .runner import run, run_baseline, run_system
from .system import DefaultSystem

__all__ = [
    "CATEGORIES",
    "DatasetError",
    "DefaultSystem",
    "Item",
    "Report",
    "SystemRun",
    "check_item",
    "check_items",
    "diff",
    "load_items",
    "load_report",
    "run",
    "run_baseline",
    "run_system",
]
