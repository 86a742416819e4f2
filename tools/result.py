"""Values returned by a check: a CriterionResult per criterion, a CheckResult per jurisdiction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from functools import cached_property, lru_cache
from typing import Any, NamedTuple

from .rules import Rule, levels

VERDICT_LABELS = {"eligible": "符合", "not_eligible": "不符合", "undetermined": "无法确定"}
STATUS_LABELS = {"met": "满足", "not_met": "不满足", "unknown": "未知"}
OPERATOR_WORDS = {">=": "不低于", ">": "高于", "<=": "不超过", "<": "低于"}


def number(d: Decimal | None) -> int | float | None:
    """A Decimal for JSON: an int when whole, else a float of its (short) decimal text."""
    if d is None:
        return None
    if d == d.to_integral_value():
        return int(d)
    return float(d)


@lru_cache(maxsize=8192)  # thresholds and common values repeat across a batch
def show(d: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: 2.50 → 2.5, 1E+1 → 10; a value
    with a long fraction (found backwards from a growth rate: 24 ÷ 1.2 ÷ 1.1) to 4 places, 约."""
    with localcontext() as ctx:  # every digit kept: the default 28 would round silently
        ctx.prec = max(ctx.prec, len(d.as_tuple().digits) + 2)
        n = d.normalize()
        if -int(n.as_tuple().exponent) > 6:
            return "约" + format(round(n, 4).normalize(), "f")
        return format(n, "f")


Text = str | Callable[[], str] | None  # texts are built only when shown: screening is faster


def text(t: Text) -> str | None:
    return t() if callable(t) else t


_POINTS = {"%": "个百分点"}  # a difference of percentages is in percentage points


def unit_text(unit: str | None, points: bool = False) -> str:
    if unit == "%":
        return "个百分点" if points else "%"
    return unit or ""


class CriterionResult(NamedTuple):
    """Immutable (a NamedTuple: batch screening builds ~20 per check, and a tuple is cheap)."""

    rule: Rule
    status: str  # met | not_met | unknown
    value: Decimal | bool | str | None = None
    margin: Decimal | None = None  # value − threshold (approximate when `approx`)
    approx: bool = False  # value derived with a root: shown rounded, decided exactly
    derivation: Text = None
    missing: tuple[str, ...] = ()
    gap: Text = None  # smallest change that would meet the criterion
    note: str | None = None  # e.g. 不适用 (not a high-energy industry)
    alternatives: tuple[CriterionResult, ...] = ()

    @property
    def metric(self) -> str:
        return self.rule.metric

    def margin_text(self) -> str | None:
        r, m = self.rule, self.margin
        if m is None or r.operator is None:
            return None
        unit = _POINTS.get(r.unit or "", r.unit or "")
        shown = show(abs(m))
        about = "约" if self.approx and not shown.startswith("约") else ""
        size = f"{about}{shown} {unit}" if unit else f"{about}{shown}"
        if m == 0:
            if self.status == "met":
                return "恰好达到标准"
            t = show(r.threshold)  # type: ignore[arg-type]
            return f"恰好等于 {t}{unit_text(r.unit)}，但要求{OPERATOR_WORDS[r.operator]}"
        upper = r.operator in ("<=", "<")
        if self.status == "met":
            return f"低于上限 {size}" if upper else f"超出标准 {size}"
        return f"超出上限 {size}" if upper else f"差 {size}"

    def threshold_json(self) -> Any:
        t = self.rule.threshold
        if isinstance(t, Decimal):
            return number(t)
        return levels().get(t, t) if t is not None else self.rule.expect

    def value_json(self) -> Any:
        v = self.value
        if isinstance(v, Decimal):
            return number(round(v, 4) if self.approx else v)
        if isinstance(v, str):
            return levels().get(v, v)
        return v

    def to_json(self) -> dict[str, Any]:
        r = self.rule
        out = _static_json(r).copy()
        out["citation"] = out["citation"].copy()
        out["status"] = self.status
        out["missing"] = list(self.missing)  # a fresh list: results never share mutable parts
        if self.value is None and self.derivation is None and not self.alternatives:
            out["note"] = self.note  # unknown, or a criterion that does not apply
            return out
        out["value"] = self.value_json()
        m = self.margin
        out["margin"] = None if m is None else number(round(m, 4) if self.approx else m)
        out["margin_text"] = self.margin_text()
        out["derivation"] = text(self.derivation)
        out["gap"] = text(self.gap)
        out["note"] = self.note
        if self.alternatives:
            alts = [a.to_json() for a in self.alternatives]
            out["alternatives"] = alts
            lead = next((a for a in alts if a["value"] == out["value"] and a["status"] in
                         (self.status, "not_met")), None)  # the option the values came from
            out["margin_text"] = lead["margin_text"] if lead else None
        return out


def _static_json(r: Rule) -> dict[str, Any]:
    """The rule's part of a criterion's JSON, built once per rule (key order kept for reading)."""
    cached = r.json_cache
    if not cached:
        t = r.threshold
        threshold = number(t) if isinstance(t, Decimal) else \
            levels().get(t, t) if t is not None else r.expect
        cached.update({
            "metric": r.metric, "label": r.label, "status": None, "value": None,
            "operator": r.operator or ("any" if r.alternatives else "=="),
            "threshold": threshold, "unit": r.unit, "margin": None, "margin_text": None,
            "qualifier": r.qualifier, "phrase": r.phrase, "required": True,
            "derivation": None, "gap": None, "note": None, "reading": r.reading,
            "missing": [], "citation": {"id": r.citation, "quote": r.phrase},
        })
    return cached


class Warning_(NamedTuple):
    code: str
    message: str
    citations: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "citations": list(self.citations)}


class Missing(NamedTuple):
    key: str
    label: str
    criteria: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "criteria": list(self.criteria)}


@dataclass(frozen=True)
class CheckResult:
    """The verdict and every criterion; `missing` and `warnings` are derived from them on first
    access (batch screening that only needs verdicts skips that work)."""

    profile: str
    jurisdiction: str
    verdict: str
    criteria: tuple[CriterionResult, ...]
    document_status: dict[str, Any] = field(default_factory=dict)
    explain: Callable[[CheckResult], tuple[tuple[Missing, ...], tuple[Warning_, ...]]] | None = \
        field(default=None, compare=False, repr=False)

    @cached_property
    def _explained(self) -> tuple[tuple[Missing, ...], tuple[Warning_, ...]]:
        return self.explain(self) if self.explain else ((), ())

    @property
    def missing(self) -> tuple[Missing, ...]:
        """Facts that would settle the unknown criteria, most decisive first."""
        return self._explained[0]

    @property
    def warnings(self) -> tuple[Warning_, ...]:
        return self._explained[1]

    @cached_property
    def failed(self) -> tuple[CriterionResult, ...]:
        return tuple([c for c in self.criteria if c.status == "not_met"])

    @cached_property
    def unknown(self) -> tuple[CriterionResult, ...]:
        return tuple([c for c in self.criteria if c.status == "unknown"])

    def to_json(self) -> dict[str, Any]:
        criteria = [c.to_json() for c in self.criteria]
        counts = dict.fromkeys(STATUS_LABELS, 0)
        for c in criteria:
            counts[c["status"]] += 1
        return {
            "profile": self.profile, "jurisdiction": self.jurisdiction, "verdict": self.verdict,
            "verdict_label": VERDICT_LABELS[self.verdict], "counts": counts,
            "criteria": criteria,
            "missing": [m.to_json() for m in self.missing],
            "warnings": [w.to_json() for w in self.warnings],
            "gaps": [{"metric": c["metric"], "gap": c["gap"], "citation": c["citation"]["id"]}
                     for c in criteria if c["status"] == "not_met" and c["gap"]],
            "document_status": self.document_status,
        }
