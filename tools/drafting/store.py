"""Drafted rules files in the user data directory: `<data_home>/rules/<id>.yaml`."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from corpus import data_home, get_corpus

from .document import draft_document
from .patterns import tables


class ReviewError(ValueError):
    """The draft cannot be shown or accepted (no draft, text changed, quote not verbatim)."""


def rules_dir() -> Path:
    return data_home() / "rules"


def rules_path(doc_id: str) -> Path:
    return rules_dir() / f"{doc_id}.yaml"


def _write(path: Path, doc: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".yaml.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        yaml.safe_dump(doc, fh, allow_unicode=True, sort_keys=False, width=1000)
    os.replace(tmp, path)  # readers see the old file or the new one, never half of one


def draft_and_store(doc_id: str) -> int:
    """Draft the rules of an added document into the data directory; the number of criteria.

    Re-drafting (after `corpus add` replaced the text) resets the file to `status: draft`.
    """
    doc = get_corpus().doc(doc_id)
    drafted = draft_document(doc.raw, doc_id, title=doc.meta.title, level=doc.meta.level)
    _write(rules_path(doc_id), drafted)
    return len(drafted["criteria"])


def load_user_rules(doc_id: str) -> dict[str, Any] | None:
    """The drafted (or reviewed) rules file of a user document, or None when there is none."""
    path = rules_path(doc_id)
    if not path.is_file():
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0]
        raise ReviewError(f"规则文件无法解析 (cannot parse rules file) {path}: {first}") from None
    if not isinstance(data, dict) or data.get("jurisdiction") != doc_id:
        raise ReviewError(f"规则文件格式不对 (malformed rules file): {path}")
    return data


def each_quoted(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """(citation, phrase) of every criterion, alternative, date fact and relaxation."""
    out: list[tuple[str, str]] = []
    for c in doc.get("criteria") or ():
        out.append((c["citation"], c["phrase"]))
        out.extend((c["citation"], a["phrase"]) for a in c.get("alternatives") or ())
    out.extend((f["citation"], f["phrase"]) for f in doc.get("dates") or () if f.get("phrase"))
    if doc.get("relaxation"):
        out.append((doc["relaxation"]["citation"], doc["relaxation"]["phrase"]))
    return out


def _all_rules(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for c in doc.get("criteria") or () for r in (c, *(c.get("alternatives") or ()))]


def problems(doc_id: str, doc: dict[str, Any]) -> list[str]:
    """Why a draft cannot be accepted: the text changed, or a quote is not verbatim."""
    c = get_corpus()
    if doc_id not in c.ids:
        return [f"文件 {doc_id} 不在语料中 (document not in the corpus)"]
    out = []
    if doc.get("source_sha256") and doc["source_sha256"] != c.doc(doc_id).meta.sha256:
        out.append("原文在起草后已更改，请重新添加 (the text changed since drafting; "
                   "run corpus add again)")
    out.extend(f"引文与原文不符 (quote not verbatim) {cid}: {phrase}"
               for cid, phrase in each_quoted(doc) if not c.verify_quote(cid, phrase))
    kinds = tables().metric_kinds
    out.extend(f"{r['metric']} 未写明年数，请在规则文件中补充 years (years missing) "
               f"{r.get('citation', '')}: {r['phrase']}"
               for r in _all_rules(doc) if kinds.get(r.get("metric", "")) == "every_year"
               and not r.get("years"))
    from tools.rules import RuleError, build_rules  # the engine must be able to read the file

    try:
        build_rules(doc_id, doc)
    except (RuleError, KeyError, TypeError) as exc:
        out.append(f"规则格式不对，判定引擎无法读取 (the engine cannot read the rules): {exc}")
    return out


def accept(doc_id: str, on: date | None = None) -> dict[str, Any]:
    """Mark every drafted rule and date fact reviewed; refuses when a quote does not check out."""
    doc = load_user_rules(doc_id)
    if doc is None:
        raise ReviewError(f"没有 {doc_id} 的规则草稿 (no drafted rules for {doc_id}; "
                          "add the text with `policy-assistant corpus add` first)")
    found = problems(doc_id, doc)
    if found:
        raise ReviewError(found[0])
    for item in [*(doc.get("criteria") or ()), *(doc.get("dates") or ())]:
        item["reviewed"] = True
    doc["status"] = "reviewed"
    doc["reviewed_on"] = on or date.today()
    doc["note"] = "已人工审核 (reviewed)。"
    _write(rules_path(doc_id), doc)
    return doc


def draft_refusal(doc_id: str) -> str:
    """The message the engine gives instead of a verdict from draft rules."""
    return (f"规则尚未审核：{doc_id} 的规则是依据原文自动起草的草稿，审核前不用于资格判定；"
            f"请运行 policy-assistant rules review {doc_id} 核对后加 --accept "
            f"(rules not reviewed yet: {doc_id}'s rules are a draft)")


def user_jurisdictions() -> list[str]:
    """Added documents (in corpus order) that have a drafted or reviewed rules file."""
    c = get_corpus()
    return [j for j in c.ids if c.doc(j).meta.user_added and rules_path(j).is_file()]


def is_reviewed(doc: dict[str, Any]) -> bool:
    return doc.get("status") == "reviewed"
