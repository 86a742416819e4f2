"""Value types of the corpus: documents, units (articles, attachment sections, items)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_WS = re.compile(r"\s+")


def normalize_ws(text: str) -> str:
    """Collapse every run of whitespace (including full-width spaces) to one space."""
    return _WS.sub(" ", text).strip()


@dataclass(frozen=True)
class Unit:
    """A citable piece of a document: an article, attachment section, notice or item."""

    id: str
    doc: str
    article: str
    item: str | None
    kind: str  # "article" | "attachment" | "notice" | "item"
    chapter: str | None
    title: str | None
    text: str
    order: int
    items: tuple[Unit, ...] = ()

    @property
    def label(self) -> str:
        """Human label: 第十一条（一）, 附件一 具有较强核心竞争力."""
        base = self.article + (self.item or "")
        return f"{base} {self.title}" if self.title and self.kind == "attachment" else base

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "doc": self.doc,
            "article": self.article,
            "item": self.item,
            "chapter": self.chapter,
            "title": self.title,
            "kind": self.kind,
            "text": self.text,
        }


@dataclass(frozen=True)
class DateFact:
    """A date (or period) the text states, with the unit and phrase that state it."""

    value: date | None
    source: str | None
    quote: str | None


@dataclass(frozen=True)
class DocumentMeta:
    id: str
    file: str
    sha256: str
    title: str
    short_name: str
    issuer: str
    issuer_source: str | None
    level: str  # province | city
    province: str
    parent: str | None
    kind: str
    draft: bool
    draft_quote: str | None
    issue: DateFact
    effective: DateFact
    effective_on_issue: bool
    validity_years: int | None
    validity_source: str | None
    validity_quote: str | None
    aliases: tuple[str, ...]
    abbreviations: tuple[str, ...]
    notes: tuple[str, ...] = ()
    user_added: bool = False


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    raw: str
    units: tuple[Unit, ...]  # top-level units in reading order (notice, articles, attachment)
    chapters: tuple[str, ...]
    attachment_announced: str | None
    by_id: dict[str, Unit] = field(repr=False, hash=False, compare=False, default_factory=dict)

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def articles(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.kind == "article")

    @property
    def attachment_sections(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.kind == "attachment")

    def all_units(self) -> list[Unit]:
        out: list[Unit] = []
        for unit in self.units:
            out.append(unit)
            out.extend(unit.items)
        return out
