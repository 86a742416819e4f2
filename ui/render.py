"""HTML fragments the web app shows: status badges, quoted articles, citation chips.

Presentation only: every fact comes from `corpus` (texts, statuses) or from the objects
`assistant` and `tools` return; nothing here decides eligibility or reads the law.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

from corpus import STATUS_LABELS, UnknownCitation, get_corpus, normalize_ws

# Colour class of each document status badge.
STATUS_CLASS = {
    "draft": "badge-draft",
    "not_yet_in_force": "badge-pending",
    "in_force": "badge-ok",
    "expired": "badge-expired",
    "unknown": "badge-unknown",
}


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def status_badge(status: str) -> str:
    label = STATUS_LABELS.get(status, status)
    return f'<span class="badge {STATUS_CLASS.get(status, "badge-unknown")}">{esc(label)}</span>'


def highlight(text: str, quote: str | None) -> tuple[str, bool]:
    """`text` as HTML with the verbatim `quote` wrapped in <mark>; True when it was found."""
    body = normalize_ws(text)
    needle = normalize_ws(quote or "")
    at = body.find(needle) if needle else -1
    if at < 0:
        return esc(body), False
    end = at + len(needle)
    return (f"{esc(body[:at])}<mark>{esc(body[at:end])}</mark>{esc(body[end:])}", True)


def cited_unit_html(cid: str, quote: str | None = None) -> str:
    """The article a citation points into, with the quoted sentence highlighted."""
    corpus = get_corpus()
    try:
        unit = corpus.unit(cid)
    except UnknownCitation as exc:
        return f'<div class="cite-missing">无此条文 (no such article): {esc(exc.cid)}</div>'
    article = corpus.unit(f"{unit.doc}:{unit.article}") if unit.item else unit
    body, found = highlight(article.text, quote)
    if not found and article is not unit:
        body, found = highlight(unit.text, quote)
    meta = corpus.doc(unit.doc).meta
    head = f"《{esc(meta.title)}》 {esc(article.label)}"
    if article.chapter:
        head += f" · {esc(article.chapter)}"
    return (f'<div class="cite-body" data-cite="{esc(cid)}"><div class="cite-head">{head}</div>'
            f'<div class="cite-text">{body}</div></div>')


def cite_label(cid: str) -> str:
    """Short chip label: 青海 第十四条（一）."""
    parts = cid.split(":")
    corpus = get_corpus()
    name = corpus.doc(parts[0]).meta.short_name if parts[0] in corpus.ids else parts[0]
    return f"{name} {''.join(parts[1:])}"


def citation_chip(cid: str, quote: str | None, marker: str | None = None) -> str:
    """A chip that opens (no script needed) to the quoted article with the quote marked."""
    prefix = f"{esc(marker)} " if marker else ""
    return (f'<details class="cite-chip"><summary>{prefix}{esc(cite_label(cid))}</summary>'
            f"{cited_unit_html(cid, quote)}</details>")


def citation_chips(citations: Iterable[Mapping[str, Any]]) -> str:
    chips = [citation_chip(str(c["id"]), c.get("quote"), c.get("marker")) for c in citations]
    return f'<div class="cite-chips">{"".join(chips)}</div>' if chips else ""


def message_list(items: Iterable[str], css: str) -> str:
    lis = "".join(f"<li>{esc(i)}</li>" for i in items)
    return f'<ul class="{css}">{lis}</ul>' if lis else ""
