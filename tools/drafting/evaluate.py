"""Leave-one-out check of the drafter against the reviewed rules shipped for the five texts.

For each shipped jurisdiction, rules are drafted from its text alone and compared with the
numeric criteria of its reviewed rules file (those with an operator and a numeric threshold;
alternatives count one by one, under their parent's citation) on (metric, operator, threshold,
citation). Run: `python -m tools.drafting.evaluate`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from corpus.paths import PACKAGE_DIR, TEXTS_DIR

from .document import draft_document
from .shipped import shipped_rules

Key = tuple[str, str, Decimal, str]
CondKey = tuple[str, str, str]  # (metric, "expect=True" or "< larger", citation)


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def numeric_keys(rules: dict[str, Any]) -> set[Key]:
    """(metric, operator, threshold, citation) of every numeric criterion in a rules file."""
    out: set[Key] = set()
    for c in rules.get("criteria") or ():
        for r in c.get("alternatives") or [c]:
            value = _number(r.get("threshold"))
            if r.get("operator") and value is not None:
                out.add((r["metric"], r["operator"], value, c["citation"]))
    return out


def condition_keys(rules: dict[str, Any]) -> set[CondKey]:
    """The yes/no conditions and incident levels of a rules file (the non-numeric criteria)."""
    out: set[CondKey] = set()
    for c in rules.get("criteria") or ():
        if isinstance(c.get("expect"), bool):
            out.add((c["metric"], f"expect={c['expect']}", c["citation"]))
        elif c.get("operator") and c.get("threshold") is not None \
                and _number(c["threshold"]) is None:
            out.add((c["metric"], f"{c['operator']} {c['threshold']}", c["citation"]))
    return out


@dataclass(frozen=True)
class Score:
    jurisdiction: str
    shipped: int
    drafted: int
    matched: int
    missed: tuple[Any, ...]
    extra: tuple[Any, ...]

    @property
    def precision(self) -> float:
        return self.matched / self.drafted if self.drafted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.shipped if self.shipped else 1.0


def score(doc_id: str, raw: str, reviewed: dict[str, Any], conditions: bool = False) -> Score:
    keys = condition_keys if conditions else numeric_keys
    gold: set[Any] = set(keys(reviewed))
    drafted: set[Any] = set(keys(draft_document(raw, doc_id)))
    return Score(doc_id, len(gold), len(drafted), len(gold & drafted),
                 tuple(sorted(gold - drafted, key=str)), tuple(sorted(drafted - gold, key=str)))


def leave_one_out(conditions: bool = False) -> list[Score]:
    """One score per shipped document that has a reviewed rules file: its numeric criteria,
    or (conditions=True) its yes/no conditions and incident levels."""
    docs = yaml.safe_load((PACKAGE_DIR / "documents.yaml").read_text(encoding="utf-8"))
    scores = []
    for doc_id, meta in docs.items():
        reviewed = shipped_rules(doc_id)
        if reviewed is not None:
            raw = (TEXTS_DIR / meta["file"]).read_text(encoding="utf-8")
            scores.append(score(doc_id, raw, reviewed, conditions))
    return scores


def total(scores: list[Score]) -> Score:
    return Score("overall", sum(s.shipped for s in scores), sum(s.drafted for s in scores),
                 sum(s.matched for s in scores), (), ())


def table(scores: list[Score]) -> str:
    lines = ["jurisdiction  shipped  drafted  matched  precision  recall"]
    for s in [*scores, total(scores)]:
        lines.append(f"{s.jurisdiction:<12}  {s.shipped:>7}  {s.drafted:>7}  {s.matched:>7}  "
                     f"{s.precision:>9.3f}  {s.recall:>6.3f}")
        lines.extend(f"    missed {k}" for k in s.missed)
        lines.extend(f"    extra  {k}" for k in s.extra)
    return "\n".join(lines)


if __name__ == "__main__":
    print("numeric criteria (metric, operator, threshold, citation)")
    print(table(leave_one_out()))
    print("\nyes/no conditions and incident levels (metric, expect or level, citation)")
    print(table(leave_one_out(conditions=True)))
