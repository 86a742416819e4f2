"""A drafted rules file: the same schema as tools/criteria/*.yaml plus review marks and dates.

`status: draft` and per-rule `reviewed: false` until a person accepts them with
`policy-assistant rules review ID --accept`; the engine refuses draft rules for verdicts.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from typing import Any

from corpus import parse
from corpus.extract_meta import draft_metadata

from .draft import Criterion, Drafted, draft_units

DRAFT_NOTE = ("本文件由 policy-assistant 依据原文自动起草，须经 `policy-assistant rules review "
              "{id} --accept` 人工审核后才用于资格判定。")


def plain_number(value: Decimal) -> int | str:
    """An exact YAML value: an int when whole, else the decimal as a string ("0.5")."""
    if value == value.to_integral_value():
        return int(value)
    return format(value.normalize(), "f")


def criterion_dict(c: Criterion, top: bool = True) -> dict[str, Any]:
    d: dict[str, Any] = {"metric": c.metric}
    if c.expect is not None:
        d["expect"] = c.expect
    elif isinstance(c.threshold, str):  # an incident level
        d.update({"operator": c.operator, "threshold": c.threshold, "negated": c.negated})
    elif not c.alternatives:
        d["operator"] = c.operator
        d["threshold"] = plain_number(c.threshold) if c.threshold is not None else None
        d["unit"] = c.unit
    if c.years is not None:
        d["years"] = c.years
    if c.qualifier:
        d["qualifier"] = c.qualifier
    if c.categories:
        d["categories"] = list(c.categories)
    d["phrase"] = c.phrase
    if top:
        d["citation"] = c.citation
    if c.alternatives:
        d["alternatives"] = [criterion_dict(a, top=False) for a in c.alternatives]
    if c.note:
        d["note"] = c.note
    if top:
        d["reviewed"] = False
    return d


def date_facts(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """施行日期, 有效期, 印发日期 as drafted by corpus.extract_meta, each with its phrase."""
    facts: list[dict[str, Any]] = []
    if meta.get("effective_date") or meta.get("effective_on_issue"):
        facts.append({"fact": "effective_date",
                      "value": meta["effective_date"] or "on_issue",
                      "phrase": meta["effective_quote"], "citation": meta["effective_source"],
                      "reviewed": False})
    elif meta.get("effective_source") and meta.get("effective_quote"):
        facts.append({"fact": "effective_date", "value": None,
                      "phrase": meta["effective_quote"], "citation": meta["effective_source"],
                      "note": "原文未写明施行日期 (the text leaves the date blank)",
                      "reviewed": False})
    if meta.get("validity_years") is not None:
        facts.append({"fact": "validity_years", "value": meta["validity_years"], "unit": "年",
                      "phrase": meta["validity_quote"], "citation": meta["validity_source"],
                      "reviewed": False})
    if meta.get("issue_date"):
        facts.append({"fact": "issue_date", "value": meta["issue_date"],
                      "phrase": meta["issue_quote"], "citation": meta["issue_source"],
                      "reviewed": False})
    return facts


def standard_ids(drafted: Drafted) -> list[str]:
    """The articles / attachment sections the criteria come from, in reading order."""
    out: list[str] = []
    for c in drafted.criteria:
        article = ":".join(c.citation.split(":")[:2])
        if article not in out:
            out.append(article)
    return out


def draft_document(raw: str, doc_id: str, title: str | None = None,
                   level: str | None = None) -> dict[str, Any]:
    """The draft rules file for a regulation, from its text alone."""
    parsed = parse(raw, doc_id)
    drafted = draft_units(parsed.units)
    meta = draft_metadata(parsed, doc_id, title=title, level=level)
    doc: dict[str, Any] = {
        "jurisdiction": doc_id,
        "status": "draft",
        "note": DRAFT_NOTE.format(id=doc_id),
        "source_sha256": hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        "drafted_on": date.today(),
        "standard": standard_ids(drafted),
    }
    if drafted.relaxation is not None:
        r = drafted.relaxation
        doc["relaxation"] = {"applies_if": r.applies_if, "phrase": r.phrase,
                             "citation": r.citation}
    doc["criteria"] = [criterion_dict(c) for c in drafted.criteria]
    doc["dates"] = date_facts(meta)
    doc["skipped"] = [{"citation": s.citation, "phrase": s.phrase, "reason": s.reason}
                      for s in drafted.skipped]
    return doc
