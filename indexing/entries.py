"""What gets indexed: every top-level unit and every item, each with its context."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus import Unit, get_corpus

from .settings import Settings

_CHAPTER_NO = re.compile(r"^第[一二三四五六七八九十百零〇两]+章\s*")


@dataclass(frozen=True)
class Entry:
    """One indexed unit. `parent` is the top-level unit (article, attachment section, notice)."""

    id: str
    doc: str
    parent: str
    item: str | None
    text: str  # what the index sees: context + verbatim text


def _lead(unit: Unit) -> str:
    """The sentence of an article before its first item ("申报集群还应同时满足以下要求。")."""
    if not unit.items:
        return ""
    cut = unit.text.find(unit.items[0].text)
    lead = unit.text[:cut] if cut > 0 else ""
    return re.sub(r"[(（][一二三四五六七八九十]+[)）]\s*$", "", lead.strip()).strip()


def attachment_heading(units: tuple[Unit, ...]) -> str:
    """The attachment's own title (…认定标准(暂行), …申报表): the first words of its preamble."""
    pre = next((u for u in units if u.kind == "attachment" and u.article == "附件"), None)
    if pre is None:
        return ""
    head = pre.text.split(" ", 1)[0]
    return head if len(head) <= 40 else ""


def _context(unit: Unit, heading: str = "") -> str:
    parts = []
    if heading and unit.kind == "attachment" and unit.article != "附件":
        parts.append(heading)  # every section belongs to the 申报表 / 认定标准
    if unit.chapter:
        parts.append(_CHAPTER_NO.sub("", unit.chapter))
    if unit.title and unit.title not in unit.text[: len(unit.title) + 2]:
        parts.append(unit.title)
    return " ".join(parts)


def build_entries(settings: Settings) -> list[Entry]:
    """Entries for every document the corpus holds (shipped and user-added), in reading order."""
    out: list[Entry] = []
    for doc_id in get_corpus().ids:
        units = get_corpus().doc(doc_id).units
        heading = attachment_heading(units)
        for unit in units:
            ctx = _context(unit, heading) if settings.context else ""
            out.append(Entry(unit.id, unit.doc, unit.id, None, f"{ctx} {unit.text}".strip()))
            if not settings.items:
                continue
            lead = _lead(unit)
            for item in unit.items:
                text = " ".join(p for p in (ctx, lead, item.text) if p)
                out.append(Entry(item.id, item.doc, unit.id, item.item, text))
    return out
