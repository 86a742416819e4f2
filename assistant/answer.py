"""The answer value: prose, intent, citations with verbatim quotes, and structured extras."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Citation:
    id: str
    quote: str
    marker: int

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "quote": self.quote, "marker": f"[{self.marker}]"}


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    intent: str
    citations: tuple[Citation, ...] = ()
    results: tuple[dict[str, Any], ...] = ()
    warnings: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    profile: dict[str, Any] = field(default_factory=dict)
    mode: str = "deterministic"
    jurisdictions: tuple[str, ...] = ()
    asks: tuple[str, ...] = ()  # questions back to the user
    notes: tuple[str, ...] = ()  # how input was understood (年份、单位) or LLM fallbacks

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "question": self.question,
            "answer": self.answer,
            "intent": self.intent,
            "citations": [c.to_json() for c in self.citations],
            "jurisdictions": list(self.jurisdictions),
            "warnings": list(self.warnings),
            "missing": list(self.missing),
            "asks": list(self.asks),
            "notes": list(self.notes),
            "profile": profile_json(self.profile),
            "mode": self.mode,
        }
        if self.results:
            out["results"] = list(self.results)
        return out


def json_number(d: Decimal) -> int | float:
    """A Decimal for JSON output: an int when whole, else the float of its short decimal text."""
    return int(d) if d == d.to_integral_value() else float(d)


def profile_json(profile: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in profile.items():
        if isinstance(value, dict):
            out[key] = {k: json_number(v) if isinstance(v, Decimal) else v
                        for k, v in value.items()}
        elif isinstance(value, Decimal):
            out[key] = json_number(value)
        else:
            out[key] = value
    return out


class CitationList:
    """Collects citations in order of first use and hands out their [n] markers."""

    def __init__(self) -> None:
        self.items: list[Citation] = []

    def add(self, cid: str, quote: str) -> str:
        for c in self.items:
            if c.id == cid and c.quote == quote:
                return f"[{c.marker}]"
        c = Citation(cid, quote, len(self.items) + 1)
        self.items.append(c)
        return f"[{c.marker}]"

    def evidence(self) -> str:
        """The evidence block printed under the prose: [n] id “quote”."""
        from .render import cite_label

        return "\n".join(f"[{c.marker}] {cite_label(c.id)}（{c.id}）：“{c.quote}”"
                         for c in self.items)
