"""Draft a document's metadata from its text alone (used by `corpus add`).

Every fact keeps the unit and the verbatim phrase it came from; a date the text leaves blank
("2023年X月X日", "年 月 日") stays None.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .model import Unit
from .numerals import cn_to_int
from .parser import Parsed

_EFFECTIVE = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起(?:施行|实施)")
_EFFECTIVE_BLANK = re.compile(r"自\s*(?:\d{4})?\s*年[\sXx×]*月[\sXx×]*日起[^。]*")
_ON_ISSUE = re.compile(r"自(?:印发|发布|公布)之日起(?:施行|实施)")
_VALIDITY = re.compile(r"有效期(?:为)?(\d+|[一二三四五六七八九十]+)年")
_INTERPRET = re.compile(r"由(.{2,30}?)负责解释")
_NOTICE_ISSUER = re.compile(r"^(.{2,30}?)关于印发")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日$")
_KINDS = ("认定管理办法", "暂行办法", "实施细则", "管理办法", "实施办法", "办法", "细则")
_PLACE = re.compile(r"^(.{2,8}?)(省|自治区|市|州|盟|县|区)")


def _num(text: str) -> int:
    return int(text) if text.isdigit() else cn_to_int(text)


def _final_article(units: tuple[Unit, ...]) -> Unit | None:
    """The article that states when the text takes effect (searched from the end)."""
    for unit in reversed([u for u in units if u.kind == "article"]):
        if "起施行" in unit.text or "起实施" in unit.text or "有效期自" in unit.text:
            return unit
    return None


def draft_metadata(parsed: Parsed, doc_id: str, title: str | None = None,
                   level: str | None = None) -> dict[str, Any]:
    """Metadata in the shape of documents.yaml, drafted from the parsed text."""
    title = title or parsed.title
    place = _PLACE.match(title)
    short = place.group(1) if place else title[:2]
    full_place = place.group(0) if place else short
    if level is None:
        level = "city" if place and place.group(2) in ("市", "州", "盟", "县", "区") else "province"
    kind = next((k for k in _KINDS if k in title), "")
    meta: dict[str, Any] = {
        "title": title, "short_name": short, "level": level,
        "province": full_place if level == "province" else "", "parent": None, "kind": kind,
        "draft": "征求意见稿" in title,
        "draft_quote": "征求意见稿" if "征求意见稿" in title else None,
        "issuer": "", "issuer_source": None,
        "issue_date": None, "issue_source": None, "issue_quote": None,
        "effective_date": None, "effective_source": None, "effective_quote": None,
        "effective_on_issue": False,
        "validity_years": None, "validity_source": None, "validity_quote": None,
        "aliases": sorted({full_place, short}, key=len, reverse=True), "abbreviations": [],
        "notes": [],
    }
    notice = next((u for u in parsed.units if u.kind == "notice"), None)
    if notice is not None:
        m = _DATE.search(notice.text)
        if m:
            meta["issue_date"] = date(int(m[1]), int(m[2]), int(m[3]))
            meta["issue_source"], meta["issue_quote"] = notice.id, m.group(0)
        who = _NOTICE_ISSUER.match(notice.text)
        if who:
            meta["issuer"], meta["issuer_source"] = who.group(1), notice.id
    if not meta["issuer"]:
        for unit in parsed.units:
            m = _INTERPRET.search(unit.text)
            if m and unit.kind == "article":
                issuer = m.group(1).removeprefix("本办法由").strip()
                if full_place and not issuer.startswith((full_place, short)):
                    issuer = full_place + issuer
                meta["issuer"], meta["issuer_source"] = issuer, unit.id
    final = _final_article(parsed.units)
    if final is not None:
        meta["effective_source"] = final.id
        m = _EFFECTIVE.search(final.text)
        if m:
            meta["effective_date"] = date(int(m[1]), int(m[2]), int(m[3]))
            meta["effective_quote"] = m.group(0)
        elif _ON_ISSUE.search(final.text):
            meta["effective_on_issue"] = True
            meta["effective_quote"] = _ON_ISSUE.search(final.text).group(0)  # type: ignore[union-attr]
        else:
            blank = _EFFECTIVE_BLANK.search(final.text)
            meta["effective_quote"] = blank.group(0) if blank else final.text
        v = _VALIDITY.search(final.text)
        if v:
            meta["validity_years"] = _num(v.group(1))
            meta["validity_source"], meta["validity_quote"] = final.id, v.group(0)
    return meta
