"""Eligibility results (the JSON of tools' CheckResult) as HTML tables and CSV rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from corpus import get_corpus

from .render import citation_chip, esc

VERDICT_LABELS = {"eligible": "符合认定条件", "not_eligible": "不符合认定条件",
                  "undetermined": "尚无法判定（缺少数据）"}
STATUS_LABELS = {"met": "满足", "not_met": "不满足", "unknown": "未知"}
OPERATOR_SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "=": "="}
OPERATOR_WORDS = {">=": "不低于", ">": "高于", "<=": "不高于", "<": "低于"}


def jurisdiction_name(doc_id: str) -> str:
    corpus = get_corpus()
    return corpus.doc(doc_id).meta.short_name if doc_id in corpus.ids else doc_id


def _value(v: Any, unit: str | None = None) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, Mapping):
        return "；".join(f"{k}年 {_value(x)}" for k, x in v.items()) + (f" {unit}" if unit else "")
    if isinstance(v, list | tuple):
        return "、".join(_value(x) for x in v) + (f" {unit}" if unit else "")
    return f"{v}{unit or ''}" if unit in ("%",) else f"{v} {unit}" if unit else str(v)


def requirement(c: Mapping[str, Any]) -> str:
    """Operator and threshold as a human reads them, plus the verbatim phrase and soft words."""
    op, threshold = str(c.get("operator") or ""), c.get("threshold")
    if op == "==" or isinstance(threshold, bool):
        head = f"应为：{_value(threshold)}" if threshold is not None else ""
    elif isinstance(threshold, str):  # a grade such as 较大: words read better than symbols
        head = f"{OPERATOR_WORDS.get(op, op)}{threshold}"
    elif threshold is not None:
        head = f"{OPERATOR_SYMBOLS.get(op, op)} {_value(threshold, c.get('unit'))}"
    else:
        head = ""
    bits = [esc(head)] if head else []
    if c.get("qualifier"):
        bits.append(f'<span class="qualifier">（{esc(c["qualifier"])}）</span>')
    if c.get("required") is False:
        bits.append('<span class="muted">（非必需）</span>')
    if c.get("phrase"):
        bits.append(f'<div class="muted">原文：{esc(c["phrase"])}</div>')
    return "".join(bits) or "—"


def _muted(text: Any) -> str:
    return f'<div class="muted">{esc(text)}</div>' if text else ""


def warning_items(warnings: Iterable[Any]) -> str:
    """Warnings are strings or {message, citations}; cited ones get their chips."""
    items = []
    for w in warnings:
        if isinstance(w, Mapping):
            cites = "".join(citation_chip(str(c), None) for c in w.get("citations") or [])
            items.append(f"<li>{esc(w.get('message'))}{cites}</li>")
        else:
            items.append(f"<li>{esc(w)}</li>")
    return f'<ul class="warnings">{"".join(items)}</ul>' if items else ""


def missing_text(missing: Iterable[Any]) -> list[str]:
    return [str(m.get("label") or m.get("key")) if isinstance(m, Mapping) else str(m)
            for m in missing]


def criterion_row(c: Mapping[str, Any]) -> str:
    status = str(c.get("status", "unknown"))
    cite = c.get("citation") or {}
    chip = citation_chip(str(cite["id"]), cite.get("quote")) if cite.get("id") else "—"
    margin = c.get("margin_text") or (c.get("margin") if c.get("margin") is not None else "—")
    derivation = _muted(c.get("derivation")) + _muted(c.get("note"))
    return (f'<tr data-metric="{esc(c.get("metric"))}" data-status="{esc(status)}">'
            f'<td>{esc(c.get("label") or c.get("metric"))}</td>'
            f'<td class="st-{esc(status)}">{esc(STATUS_LABELS.get(status, status))}</td>'
            f'<td>{esc(_value(c.get("value"), c.get("unit")))}{derivation}</td>'
            f"<td>{requirement(c)}</td><td>{esc(margin)}{_muted(c.get('gap'))}</td>"
            f"<td>{chip}</td></tr>")


def result_html(r: Mapping[str, Any], open_: bool = True) -> str:
    verdict = str(r.get("verdict"))
    jur = str(r.get("jurisdiction"))
    rows = "".join(criterion_row(c) for c in r.get("criteria") or [])
    missing = missing_text(r.get("missing") or [])
    miss = (f'<details class="missing"><summary>需补充的数据（{len(missing)} 项）</summary>'
            f'{esc("、".join(missing))}</details>' if missing else "")
    counts = r.get("counts") or {}
    tally = "　".join(f"{STATUS_LABELS[k]} {counts[k]}" for k in STATUS_LABELS if k in counts)
    return (f'<details class="jur-result" data-jurisdiction="{esc(jur)}"'
            f'{" open" if open_ else ""}><summary>'
            f"<b>{esc(jurisdiction_name(jur))}</b> <code>{esc(jur)}</code> "
            f'<span class="verdict verdict-{esc(verdict)}">'
            f"{esc(VERDICT_LABELS.get(verdict, verdict))}</span> "
            f'<span class="muted">{esc(tally)}</span></summary>'
            f"{warning_items(r.get('warnings') or [])}{miss}"
            '<table class="pa-table result-table"><thead><tr><th>条件</th><th>结果</th>'
            "<th>填报值</th><th>要求</th><th>差距</th><th>依据</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></details>")


def results_html(results: Sequence[Mapping[str, Any]], profile_warnings: Iterable[str] = ()
                 ) -> str:
    head = warning_items(profile_warnings)
    body = "".join(result_html(r, i == 0) for i, r in enumerate(results))
    return f'<div class="results">{head}{body}</div>'


CSV_COLUMNS = ["profile", "jurisdiction", "地区", "verdict", "结论", "not_met", "unknown",
               "missing", "warnings"]


def _criterion_brief(c: Mapping[str, Any]) -> str:
    cite = (c.get("citation") or {}).get("id") or ""
    return f"{c.get('label') or c.get('metric')}[{cite}]"


def summary_row(r: Mapping[str, Any]) -> dict[str, str]:
    crit = r.get("criteria") or []
    return {
        "profile": str(r.get("profile") or ""),
        "jurisdiction": str(r.get("jurisdiction")),
        "地区": jurisdiction_name(str(r.get("jurisdiction"))),
        "verdict": str(r.get("verdict")),
        "结论": VERDICT_LABELS.get(str(r.get("verdict")), str(r.get("verdict"))),
        "not_met": "；".join(_criterion_brief(c) for c in crit if c.get("status") == "not_met"),
        "unknown": "；".join(_criterion_brief(c) for c in crit if c.get("status") == "unknown"),
        "missing": "、".join(missing_text(r.get("missing") or [])),
        "warnings": "；".join(str(w.get("message")) if isinstance(w, Mapping) else str(w)
                             for w in r.get("warnings") or []),
    }


def results_csv(results: Iterable[Mapping[str, Any]]) -> str:
    """One row per (profile, jurisdiction); UTF-8 with BOM so spreadsheet programs read it."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in results:
        writer.writerow(summary_row(r))
    return "\ufeff" + buf.getvalue()
