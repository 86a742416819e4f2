"""The value `search` returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    """One ranked unit. `matched` is the item whose text matched best, when it was an item.

    `via` says how it was found: "reference" (the question cites it), "topic" (the question
    cites another article but its words are in this one), "bm25", "dense" or "fused".
    """

    id: str
    doc: str
    score: float
    text: str
    chapter: str | None
    title: str | None
    matched: str | None = None
    via: str = "bm25"

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "doc": self.doc, "score": round(float(self.score), 4),
                "text": self.text, "chapter": self.chapter, "title": self.title,
                "matched": self.matched, "via": self.via}
