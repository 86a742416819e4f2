"""Comparisons across jurisdictions: one metric's thresholds side by side, or a non-numeric topic
aligned aspect by aspect, showing what one jurisdiction has that the others lack."""

from __future__ import annotations

import difflib
from functools import cache
from typing import Any

from corpus import get_corpus

from .result import number
from .rules import Rule, _data, jurisdictions, levels, load_rules, metrics, shipped_jurisdictions


class UnknownTopic(ValueError):
    """An unknown metric or topic name; the message lists the choices."""


def _metric_table() -> dict[str, dict[str, Any]]:
    return {k: {"label": m.label, "unit": m.unit} for k, m in metrics().items()}


@cache
def topics() -> dict[str, Any]:
    return dict(_data("topics.yaml"))


def _resolve(name: str, choices: dict[str, str], what: str) -> str:
    key = name.strip()
    if key in choices:
        return key
    for k, label in choices.items():
        if key and (key == label or key in label):
            return k
    near = difflib.get_close_matches(key, list(choices), 3, 0.4)
    options = "、".join(near or choices)
    english = "metric" if what == "指标" else "topic"
    raise UnknownTopic(f"未知{what} (unknown {english}): "
                       f"{name!r}；可选 (choose from): {options}")


def _rule_json(r: Rule) -> dict[str, Any]:
    t = r.threshold
    threshold: Any = number(t) if not isinstance(t, str) and t is not None else \
        levels().get(t, t) if t is not None else r.expect
    out: dict[str, Any] = {
        "operator": r.operator or ("any" if r.alternatives else "=="), "threshold": threshold,
        "unit": r.unit, "qualifier": r.qualifier, "phrase": r.phrase, "reading": r.reading,
        "citation": {"id": r.citation, "quote": r.phrase},
    }
    if r.categories:
        out["categories"] = list(r.categories)
    if r.alternatives:
        out["alternatives"] = [{"metric": a.metric, **_rule_json(a)} for a in r.alternatives]
    return out


def compare_metric(metric: str) -> dict[str, Any]:
    """Each jurisdiction's threshold for `metric` (a key such as `sme_output_share`, or its
    Chinese label) with operator, qualifier and the clause quoted."""
    key = _resolve(metric, {k: m.label for k, m in metrics().items()}, "指标")
    corpus = get_corpus()
    rows = []
    for j in jurisdictions():
        jr = load_rules(j)
        r = jr.by_metric.get(key)
        if r is None:  # the metric may sit inside another criterion's alternatives
            r = next((a for c in jr.rules for a in c.alternatives if a.metric == key), None)
        row: dict[str, Any] = {"jurisdiction": j, "name": corpus.doc(j).meta.short_name,
                               "rules_status": "draft" if jr.draft else "reviewed"}
        if jr.draft:
            row["rules_note"] = "该地规则为自动起草的草稿，尚未审核，仅供参考"
        if r is None:
            note = "认定标准未规定此项"
            related = metrics()[key].related
            other = load_rules(j).by_metric.get(related) if related else None
            if other is not None:
                note += f"；相关规定见 {other.metric}：“{other.phrase}”（{other.citation}）"
            row.update({"operator": None, "threshold": None, "unit": metrics()[key].unit,
                        "qualifier": None, "citation": None, "absent": True, "note": note})
        else:
            row.update(_rule_json(r))
        rows.append(row)
    return {"metric": key, "label": metrics()[key].label, "unit": metrics()[key].unit,
            "rows": rows}


def compare_all() -> dict[str, Any]:
    """Every criterion's metric side by side: one `compare_metric` table per metric, in the
    order the texts list them (the matrix officials put on one page)."""
    seen: dict[str, None] = {}
    for j in jurisdictions():
        for r in load_rules(j).rules:
            seen[r.metric] = None
            for a in r.alternatives:
                seen[a.metric] = None
    order = [k for k in metrics() if k in seen]
    return {"metrics": [compare_metric(k) for k in order]}


def compare_topic(topic: str) -> dict[str, Any]:
    """A non-numeric topic (有效期, 撤销情形, 申报主体 …) aligned by aspect across jurisdictions."""
    table = topics()
    key = _resolve(topic, {k: v["label"] for k, v in table.items()}, "主题")
    t = table[key]
    corpus = get_corpus()
    js = list(shipped_jurisdictions())  # topics are aligned by hand for the shipped texts
    rows = []
    for j in js:
        entries = [{"aspect": e["aspect"], "aspect_label": t["aspects"][e["aspect"]],
                    "value": e.get("value"), "citation": {"id": e["citation"],
                                                          "quote": e["phrase"]}}
                   for e in t["entries"].get(j, [])]
        rows.append({"jurisdiction": j, "name": corpus.doc(j).meta.short_name,
                     "entries": entries})
    aspects = []
    for a, label in t["aspects"].items():
        present = [j for j in js if any(e["aspect"] == a for e in t["entries"].get(j, []))]
        aspects.append({"aspect": a, "label": label, "present_in": present,
                        "absent_in": [j for j in js if j not in present],
                        "only_in": present if len(present) == 1 else []})
    names = {j: corpus.doc(j).meta.short_name for j in js}
    differences = []
    for a in aspects:
        if a["absent_in"] and a["present_in"]:
            have = "、".join(names[j] for j in a["present_in"])
            lack = "、".join(names[j] for j in a["absent_in"])
            differences.append(f"{a['label']}：{have}有规定，{lack}未规定")
    return {"topic": key, "label": t["label"], "aspects": aspects, "rows": rows,
            "differences": differences}


METRICS: dict[str, dict[str, Any]] = {}
TOPICS: dict[str, str] = {}


def _fill() -> None:
    METRICS.update(_metric_table())
    TOPICS.update({k: v["label"] for k, v in topics().items()})


_fill()
