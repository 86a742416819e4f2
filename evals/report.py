"""The evaluation report: aggregates, JSON, a readable table, Markdown and a plot."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import metrics as M
from .dataset import CATEGORIES, Item

SCORE_METRICS = M.RETRIEVAL_METRICS + M.ANSWER_METRICS
LABELS = {"r@1": "R@1", "r@3": "R@3", "mrr": "MRR", "coverage@5": "覆盖@5 coverage@5",
          "fact_accuracy": "事实 fact acc.", "citation_precision": "引用精确率 cit. P",
          "citation_recall": "引用召回率 cit. R", "numeric_exactness": "数字准确 numeric",
          "verdict_accuracy": "结论 verdict", "criteria_accuracy": "逐项 criteria",
          "status_accuracy": "文件状态 status", "refusal_accuracy": "拒答 refusal",
          "search_p50_ms": "检索 p50 ms", "search_p95_ms": "检索 p95 ms",
          "answer_p50_ms": "回答 p50 ms", "answer_p95_ms": "回答 p95 ms"}


@dataclass(frozen=True)
class SystemRun:
    """One system's (or baseline's) per-item results and aggregates."""

    name: str
    items: tuple[dict[str, Any], ...]
    metrics: dict[str, Any]
    by_category: dict[str, dict[str, Any]]
    available: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def build(cls, name: str, items: Sequence[dict[str, Any]],
              available: Mapping[str, str | None]) -> SystemRun:
        overall = {**M.aggregate(items, SCORE_METRICS), **M.latency_summary(items)}
        by_cat: dict[str, dict[str, Any]] = {}
        for cat in CATEGORIES:
            sub = [it for it in items if it["category"] == cat]
            if sub:
                by_cat[cat] = {"n": len(sub), **M.aggregate(sub, SCORE_METRICS),
                               **M.latency_summary(sub)}
        return cls(name, tuple(items), overall, by_cat, dict(available))

    def value(self, metric: str, category: str | None = None) -> float | None:
        src = self.metrics if category is None else self.by_category.get(category, {})
        v = src.get(metric)
        return None if v is None else float(v)

    def to_json(self, with_items: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "available": self.available,
                               "metrics": _rounded(self.metrics),
                               "by_category": {c: _rounded(v) for c, v in
                                               self.by_category.items()}}
        if with_items:
            out["items"] = list(self.items)
        return out


def _rounded(d: Mapping[str, Any]) -> dict[str, Any]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in d.items()}


def _fmt(v: float | None, metric: str = "") -> str:
    if v is None:
        return "—"
    return f"{v:.1f}" if metric.endswith("_ms") else f"{v:.3f}"


@dataclass(frozen=True)
class Report:
    split: str
    dataset: str
    items: tuple[Item, ...]
    system: SystemRun
    baselines: dict[str, SystemRun]
    elapsed_s: float
    timings: dict[str, float] = field(default_factory=dict)  # seconds per part of the run

    @property
    def n(self) -> int:
        return len(self.items)

    def lead(self) -> dict[str, dict[str, float | None]]:
        """System minus each baseline, per retrieval metric."""
        out: dict[str, dict[str, float | None]] = {}
        for name, b in self.baselines.items():
            out[name] = {}
            for m in M.RETRIEVAL_METRICS:
                s, v = self.system.value(m), b.value(m)
                out[name][m] = None if s is None or v is None else round(s - v, 4)
        return out

    def modes(self) -> dict[str, int]:
        """How many items were answered in each assistant mode (deterministic, llm)."""
        out: dict[str, int] = {}
        for it in self.system.items:
            mode = it.get("details", {}).get("mode")
            if mode:
                out[str(mode)] = out.get(str(mode), 0) + 1
        return out

    def unavailable(self) -> dict[str, str]:
        return {k: v for k, v in self.system.available.items() if v is not None}

    def to_json(self) -> dict[str, Any]:
        counts = {c: sum(1 for it in self.items if it.category == c) for c in CATEGORIES}
        return {
            "split": self.split, "dataset": self.dataset, "n": self.n,
            "n_retrieval": sum(1 for it in self.items if it.retrieval_usable),
            "counts": counts,
            "available": self.system.available,
            "metrics": _rounded(self.system.metrics),
            "by_category": {c: _rounded(v) for c, v in self.system.by_category.items()},
            "items": list(self.system.items),
            "baseline": {n: b.to_json() for n, b in self.baselines.items()},
            "lead": self.lead(),
            "elapsed_s": self.elapsed_s,
            "timings_s": self.timings,
            "modes": self.modes(),
        }

    # ------------------------------------------------------------ text
    def _columns(self) -> list[SystemRun]:
        return [self.system, *self.baselines.values()]

    def table(self) -> str:
        """Readable plain-text summary: overall metrics, then R@1 and facts per category."""
        cols = self._columns()
        names = [c.name for c in cols]
        lines = [f"评测集 split={self.split}  条目 n={self.n}  用时 {self.elapsed_s:.1f}s",
                 "分项用时 timings (s): " + ", ".join(f"{k} {v:.1f}"
                                                     for k, v in self.timings.items())]
        if modes := self.modes():
            lines.append("回答模式 modes: " + ", ".join(f"{k} {v}" for k, v in modes.items()))
        lines.append("")
        for part, reason in self.unavailable().items():
            lines.append(f"不可用 (not available) {part}: {reason}")
        w = max(len(n) for n in names) + 2
        head = f"{'指标 metric':<24}" + "".join(f"{n:>{w}}" for n in names)
        lines += [head, "-" * len(head)]
        for m in (*SCORE_METRICS, *M.LATENCY_METRICS):
            vals = [c.value(m) for c in cols]
            if all(v is None for v in vals):
                continue
            lines.append(f"{m:<24}" + "".join(f"{_fmt(v, m):>{w}}" for v in vals))
        lines += self._lead_lines()
        lines += ["", "按类别 by category (R@1 / MRR / fact_accuracy)"]
        head = f"{'类别 category':<28}{'n':>5}" + "".join(f"{n:>{w}}" for n in names)
        lines += [head, "-" * len(head)]
        for cat in CATEGORIES:
            n = self.system.by_category.get(cat, {}).get("n", 0)
            for m in ("r@1", "mrr", "fact_accuracy"):
                vals = [c.value(m, cat) for c in cols]
                if all(v is None for v in vals):
                    continue
                lines.append(f"{cat + ' ' + m:<28}{n:>5}"
                             + "".join(f"{_fmt(v):>{w}}" for v in vals))
        return "\n".join(lines)

    def _lead_lines(self) -> list[str]:
        out = []
        for name, lead in self.lead().items():
            parts = [f"{m} {v:+.3f}" for m, v in lead.items() if v is not None]
            if parts:
                out.append(f"领先 lead over {name}: " + ", ".join(parts))
        return ["", *out] if out else []

    def failures(self, limit: int = 40) -> list[dict[str, Any]]:
        """Items where some system score is below 1, worst first."""
        bad = []
        for it in self.system.items:
            low = {k: v for k, v in it["scores"].items() if v is not None and v < 1}
            if low or it.get("error"):
                bad.append({"id": it["id"], "input": it.get("input", []), "low": low,
                            "error": it.get("error"),
                            "details": it.get("details", {}), "ranked": it.get("ranked")})
        bad.sort(key=lambda b: min(b["low"].values(), default=0))
        return bad[:limit]

    def markdown(self, plot_name: str | None = None) -> str:
        cols = self._columns()
        out = [f"# 评测报告 Evaluation report ({self.split})", "",
               f"- 数据集 dataset: `{self.dataset}`, items: {self.n}, "
               f"retrieval items: {sum(1 for it in self.items if it.retrieval_usable)}",
               f"- 用时 elapsed: {self.elapsed_s:.1f} s ("
               + ", ".join(f"{k} {v:.1f} s" for k, v in self.timings.items()) + ")", ""]
        for part, reason in self.unavailable().items():
            out.append(f"- **not available** `{part}`: {reason}")
        out += ["", "## Overall", "", "| metric | " + " | ".join(c.name for c in cols) + " |",
                "|---|" + "---:|" * len(cols)]
        for m in (*SCORE_METRICS, *M.LATENCY_METRICS):
            vals = [c.value(m) for c in cols]
            if any(v is not None for v in vals):
                out.append(f"| {m} | " + " | ".join(_fmt(v, m) for v in vals) + " |")
        out += [f"- {line}" for line in self._lead_lines() if line]
        out += ["", "## By category", ""]
        for cat in CATEGORIES:
            if cat not in self.system.by_category:
                continue
            out += [f"### {cat} (n={self.system.by_category[cat]['n']})", "",
                    "| metric | " + " | ".join(c.name for c in cols) + " |",
                    "|---|" + "---:|" * len(cols)]
            for m in SCORE_METRICS:
                vals = [c.value(m, cat) for c in cols]
                if any(v is not None for v in vals):
                    out.append(f"| {m} | " + " | ".join(_fmt(v) for v in vals) + " |")
            out.append("")
        if plot_name:
            out += [f"![metric per category]({plot_name})", ""]
        out += ["## Items below 1.0 (system)", ""]
        for f in self.failures():
            low = ", ".join(f"{k}={v:.2f}" for k, v in f["low"].items())
            extra = f" error: {f['error']}" if f["error"] else ""
            det = f["details"]
            hints = {k: det[k] for k in ("missing_facts", "unsupported_numbers",
                                         "wrong_criteria", "intent") if det.get(k)}
            said = " / ".join(f["input"])
            out.append(f"- `{f['id']}` 「{said}」 {low}{extra} ranked={f['ranked']} "
                       f"{json.dumps(hints, ensure_ascii=False)}")
        return "\n".join(out) + "\n"

    # ------------------------------------------------------------ files
    def plot(self, path: Path) -> Path:
        """Bar charts per category, system vs baselines: R@1, MRR, and the answer metrics."""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        panels = [m for m in ("r@1", "mrr", "fact_accuracy", "citation_recall")
                  if any(c.value(m) is not None for c in self._columns())]
        fig, axes = plt.subplots(len(panels), 1, figsize=(11, 2.8 * max(1, len(panels))),
                                 squeeze=False)
        for ax, m in zip(axes[:, 0], panels, strict=True):
            cols = [c for c in self._columns() if c.value(m) is not None]
            cats = [c for c in CATEGORIES if any(col.value(m, c) is not None for col in cols)]
            width = 0.8 / len(cols)
            for i, col in enumerate(cols):
                vals = [col.value(m, c) or 0.0 for c in cats]
                ax.bar([x + i * width for x in range(len(cats))], vals, width, label=col.name)
            ax.set_xticks([x + 0.4 - width / 2 for x in range(len(cats))], cats)
            ax.set_ylim(0, 1.05)
            ax.set_title(f"{m} per category ({self.split})")
            ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        fig.tight_layout()
        fig.savefig(path, dpi=110)
        plt.close(fig)
        return path

    def write(self, out_dir: str | Path) -> dict[str, Path]:
        """report.md, report.json and plot.png in `out_dir` (created if needed)."""
        d = Path(out_dir)
        d.mkdir(parents=True, exist_ok=True)
        plot = self.plot(d / f"eval-{self.split}.png")
        md = d / f"eval-{self.split}.md"
        md.write_text(self.markdown(plot.name), encoding="utf-8")
        js = d / f"eval-{self.split}.json"
        js.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1, default=str),
                      encoding="utf-8")
        return {"markdown": md, "json": js, "plot": plot}
