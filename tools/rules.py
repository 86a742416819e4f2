"""Rules as data: each jurisdiction's recognition criteria, from `tools/criteria/*.yaml`."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

import yaml

OPERATORS = (">=", ">", "<=", "<")
KINDS = ("number", "every_year", "growth", "count", "fact", "level")


class RuleError(ValueError):
    """A rules file is malformed (a bug in the data, not in user input)."""


def _data(name: str) -> Any:
    text = resources.files("tools.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str | None
    kind: str
    series: str | None = None  # by-year profile key for every_year / growth
    applies_if: str | None = None  # fact that makes a conditional criterion apply
    fact: str | None = None  # profile key holding the fact, when not the metric key
    related: str | None = None  # a metric some texts use instead (cluster vs leading industry)


@cache
def metrics() -> dict[str, Metric]:
    out = {}
    for key, d in _data("metrics.yaml").items():
        if d["kind"] not in KINDS:
            raise RuleError(f"metric {key}: unknown kind {d['kind']!r}")
        out[key] = Metric(key, d["label"], d.get("unit"), d["kind"], d.get("series"),
                          d.get("applies_if"), d.get("fact"), d.get("related"))
    return out


@cache
def levels() -> dict[str, str]:
    """Incident severity keys, lowest first, with their Chinese words."""
    return dict(_data("levels.yaml"))


@cache
def operator_words() -> tuple[dict[str, str], dict[str, str]]:
    d = _data("operators.yaml")
    return dict(d["words"]), dict(d["negations"])


@dataclass(frozen=True, slots=True)
class Rule:
    """One criterion (or one alternative of a criterion) with the clause it encodes."""

    jurisdiction: str
    metric: str
    citation: str
    phrase: str
    operator: str | None = None  # None for yes/no facts
    threshold: Decimal | str | None = None  # a level key for `level` metrics
    expect: bool | None = None  # for facts
    unit: str | None = None
    qualifier: str | None = None  # 一般 / 原则上 / 初步 …
    negated: bool = False  # the phrase names what must not happen
    years: int | None = None  # 近三年…均: every one of the last `years` years
    categories: tuple[str, ...] = ()  # enterprise categories summed by a count
    reading: str | None = None  # how an ambiguous phrase is read
    alternatives: tuple[Rule, ...] = ()
    index: int = 0
    kind: str = ""  # the metric's kind, filled in by the loader
    key: str = ""  # the profile key a fact is read from
    applies_if: str | None = None  # a conditional fact applies only when this fact is true
    series: str | None = None  # by-year profile key a value can be derived from
    # the rule's part of a criterion's JSON, filled on first use (see result._static_json)
    json_cache: dict[str, Any] = field(default_factory=dict, init=False, compare=False,
                                       hash=False, repr=False)

    @property
    def label(self) -> str:
        return metrics()[self.metric].label

    @property
    def id(self) -> str:
        return f"{self.jurisdiction}:{self.metric}"


@dataclass(frozen=True)
class Relaxation:
    applies_if: str
    phrase: str
    citation: str


@dataclass(frozen=True)
class JurisdictionRules:
    jurisdiction: str
    standard: tuple[str, ...]
    rules: tuple[Rule, ...]
    relaxation: Relaxation | None = None
    draft: bool = False  # an added document's drafted rules, not yet reviewed
    by_metric: dict[str, Rule] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def evaluators(self) -> tuple[Any, ...]:
        """One compiled evaluator per criterion (see `derive.compile_rule`)."""
        from .compiled import compile_rule

        return tuple(compile_rule(r) for r in self.rules)

    @cached_property
    def flagged(self) -> tuple[int, ...]:
        """Positions of criteria that can raise a warning (reading, qualifier, category sum)."""
        return tuple(i for i, r in enumerate(self.rules)
                     if r.reading or r.qualifier or r.metric in self.counted)

    @cached_property
    def counted(self) -> frozenset[str]:
        """Metrics of criteria that sum enterprise categories (double counting can occur)."""
        return frozenset(r.metric for r in self.rules
                         if r.categories or any(a.categories for a in r.alternatives))


def _rule(j: str, d: dict[str, Any], index: int, citation: str | None = None) -> Rule:
    metric = d.get("metric")
    if metric not in metrics():
        raise RuleError(f"{j}: unknown metric {metric!r}")
    m = metrics()[metric]
    cite = d.get("citation") or citation
    if not cite or not d.get("phrase"):
        raise RuleError(f"{j}:{metric}: phrase and citation are required")
    alts = tuple(_rule(j, a, index, cite) for a in d.get("alternatives") or ())
    op = d.get("operator")
    threshold: Decimal | str | None = None
    if alts:
        pass
    elif m.kind == "fact":
        if not isinstance(d.get("expect"), bool):
            raise RuleError(f"{j}:{metric}: a fact needs expect: true|false")
    elif m.kind == "level":
        threshold = str(d.get("threshold"))
        if op != "<" or threshold not in levels():
            raise RuleError(f"{j}:{metric}: a level rule needs operator '<' and a level key")
    else:
        if op not in OPERATORS:
            raise RuleError(f"{j}:{metric}: operator must be one of {OPERATORS}, not {op!r}")
        threshold = Decimal(str(d.get("threshold")))
        if d.get("unit") != m.unit:
            raise RuleError(f"{j}:{metric}: unit {d.get('unit')!r} != metric unit {m.unit!r}")
    return Rule(
        jurisdiction=j, metric=metric, citation=cite, phrase=d["phrase"], operator=op,
        threshold=threshold, expect=d.get("expect"), unit=d.get("unit") or m.unit,
        qualifier=d.get("qualifier"), negated=bool(d.get("negated")), years=d.get("years"),
        categories=tuple(d.get("categories") or ()), reading=d.get("reading"),
        alternatives=alts, index=index, kind=m.kind, key=m.fact or metric,
        applies_if=m.applies_if, series=m.series,
    )


class DraftRules(ValueError):
    """The jurisdiction's rules are an unreviewed draft (a document added with `corpus add`)."""


@cache
def shipped_jurisdictions() -> tuple[str, ...]:
    """The shipped, reviewed rules files (`tools/criteria/*.yaml`), in the corpus order."""
    from corpus import get_corpus

    have = {p.name[:-5] for p in resources.files("tools.criteria").iterdir()
            if p.name.endswith(".yaml")}
    return tuple(j for j in get_corpus().ids if j in have)


def jurisdictions(include_drafts: bool = True) -> list[str]:
    """Jurisdictions with rules: the shipped five, then documents added with `corpus add` that
    have a rules file in the data directory (drafts only when `include_drafts`)."""
    from .drafting import user_jurisdictions

    out = list(shipped_jurisdictions())
    for j in user_jurisdictions():
        if j not in out and (include_drafts or not load_rules(j).draft):
            out.append(j)
    return out


def load_rules(jurisdiction: str) -> JurisdictionRules:
    """Shipped rules (cached), or an added document's rules file (reloaded when it changes)."""
    if jurisdiction in shipped_jurisdictions():
        return _shipped_rules(jurisdiction)
    from .drafting import rules_path

    try:
        st = rules_path(jurisdiction).stat()
    except (FileNotFoundError, ValueError):
        raise KeyError(jurisdiction) from None
    return _user_rules(jurisdiction, st.st_mtime_ns, st.st_size)


@cache
def _shipped_rules(jurisdiction: str) -> JurisdictionRules:
    text = resources.files("tools.criteria").joinpath(f"{jurisdiction}.yaml").read_text(
        encoding="utf-8")
    return build_rules(jurisdiction, yaml.safe_load(text))


@lru_cache(maxsize=32)
def _user_rules(jurisdiction: str, mtime_ns: int, size: int) -> JurisdictionRules:
    from .drafting import is_reviewed, load_user_rules

    d = load_user_rules(jurisdiction)
    if d is None:
        raise KeyError(jurisdiction)
    return build_rules(jurisdiction, d, draft=not is_reviewed(d))


def build_rules(jurisdiction: str, d: dict[str, Any], draft: bool = False) -> JurisdictionRules:
    rules = tuple(_rule(jurisdiction, r, i) for i, r in enumerate(d.get("criteria") or ()))
    relax = d.get("relaxation")
    out = JurisdictionRules(jurisdiction, tuple(d.get("standard") or ()), rules,
                            Relaxation(relax["applies_if"], relax["phrase"], relax["citation"])
                            if relax else None, draft=draft)
    for r in rules:
        if r.metric in out.by_metric:
            raise RuleError(f"{jurisdiction}: two criteria for {r.metric}")
        out.by_metric[r.metric] = r
    return out


def wording_problems(rule: Rule) -> list[str]:
    """Disagreements between a rule's phrase and its operator, per the reviewed wording table."""
    if rule.alternatives:
        return [p for a in rule.alternatives for p in wording_problems(a)]
    if rule.operator is None:
        return []
    words, negations = operator_words()
    found: list[str] = []
    text = rule.phrase
    for word in sorted(words, key=len, reverse=True):  # longest first: 不低于 before 低于
        if word in text:
            found.append(word)
            text = text.replace(word, "\0")
    if not found:
        return [f"{rule.id}: no operator word in {rule.phrase!r}"]
    problems = []
    for word in found:
        op = words[word]
        if rule.negated:
            op = negations[op]
        if op != rule.operator:
            problems.append(f"{rule.id}: {word!r} means {op} but the rule says {rule.operator}")
    return problems
