"""The reviewed tables the drafter reads: its own patterns plus the engine's wording and metrics.

Nothing here holds a number of a regulation; the operator words and metric units are the same
files the eligibility engine uses (tools/data/operators.yaml, tools/data/metrics.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml


def _yaml(package: str, name: str) -> Any:
    return yaml.safe_load(resources.files(package).joinpath(name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class MetricPattern:
    metric: str
    pattern: re.Pattern[str]
    units: tuple[str, ...]


@dataclass(frozen=True)
class CountMetric:
    metric: str
    only: frozenset[str]
    requires: str | None


@dataclass(frozen=True)
class FactPattern:
    metric: str
    pattern: re.Pattern[str]
    expect: bool | None  # None for an incident level (the level word is group 1)


@dataclass(frozen=True)
class Tables:
    words: dict[str, str]  # operator word -> operator (reviewed wording table)
    negations: dict[str, str]
    metric_units: dict[str, str | None]
    metric_kinds: dict[str, str]
    metric_labels: dict[str, str]
    units: dict[str, tuple[str, Decimal]]  # unit as written -> (metric unit, factor)
    metrics: tuple[MetricPattern, ...]
    categories: dict[str, re.Pattern[str]]
    category_labels: dict[str, str]
    count_metrics: tuple[CountMetric, ...]
    default_count_metric: str
    qualifiers: tuple[str, ...]
    negating_prefixes: tuple[str, ...]
    filler: str
    alternative_openers: tuple[str, ...]
    relaxations: tuple[dict[str, str], ...]
    clause_breaks: str
    form_words: tuple[str, ...]
    facts: tuple[FactPattern, ...]
    levels: dict[str, str]  # level word (较大) -> level key (larger)

    @property
    def words_longest_first(self) -> list[str]:
        return sorted(self.words, key=len, reverse=True)


@cache
def tables() -> Tables:
    ops = _yaml("tools.data", "operators.yaml")
    metric_defs = _yaml("tools.data", "metrics.yaml")
    d = _yaml("tools.drafting_data", "patterns.yaml")
    units = {k: (v["to"], Decimal(str(v["factor"]))) for k, v in d["units"].items()}
    patterns = tuple(
        MetricPattern(m["metric"], re.compile(m["pattern"]),
                      tuple(m.get("units") or (metric_defs[m["metric"]]["unit"],)))
        for m in d["metrics"]
    )
    return Tables(
        words=dict(ops["words"]), negations=dict(ops["negations"]),
        metric_units={k: v.get("unit") for k, v in metric_defs.items()},
        metric_kinds={k: v["kind"] for k, v in metric_defs.items()},
        metric_labels={k: v["label"] for k, v in metric_defs.items()},
        units=units, metrics=patterns,
        categories={k: re.compile(v) for k, v in d["categories"].items()},
        category_labels=dict(d["category_labels"]),
        count_metrics=tuple(CountMetric(c["metric"], frozenset(c["only"]), c.get("requires"))
                            for c in d["count_metrics"]),
        default_count_metric=d["default_count_metric"],
        qualifiers=tuple(d["qualifiers"]), negating_prefixes=tuple(d["negating_prefixes"]),
        filler=d["filler"], alternative_openers=tuple(d["alternative_openers"]),
        relaxations=tuple(d["relaxations"]), clause_breaks=d["clause_breaks"],
        form_words=tuple(d["form_words"]),
        facts=tuple([FactPattern(f["metric"], re.compile(f["pattern"]), f["expect"])
                     for f in d["facts"]]
                    + [FactPattern(f["metric"], re.compile(f["pattern"]), None)
                       for f in d["levels"]]),
        levels={word: key for key, word in _yaml("tools.data", "levels.yaml").items()},
    )
