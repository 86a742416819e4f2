"""Eligibility answers from `tools.check`: verdict, per-criterion table, and the few questions
whose answers could still change the verdict."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from . import quotes
from .answer import Answer, CitationList
from .compose import finish
from .render import short

STATUS_WORDS = {"met": "满足", "not_met": "不满足", "unknown": "未知"}
VERDICT_WORDS = {"eligible": "各项已知条件均满足", "not_eligible": "不符合认定条件",
                 "undetermined": "目前还无法确定"}
VERDICT_LABELS = {"eligible": "已知条件均满足", "not_eligible": "不符合",
                  "undetermined": "无法确定"}
ASK_AT_ONCE = 3


def tools_profile(profile: dict[str, Any]) -> dict[str, Any]:
    """The dialogue's profile in the tools' input form (exact strings for Decimals)."""
    out: dict[str, Any] = {}
    for key, value in profile.items():
        if isinstance(value, dict):
            out[key] = {k: str(v) for k, v in value.items()}
        elif isinstance(value, Decimal):
            out[key] = str(value)
        else:
            out[key] = value
    return out


def run_checks(profile: dict[str, Any], docs: Sequence[str], as_of: date) -> list[Any]:
    from tools import check

    return [check(tools_profile(profile), doc, as_of) for doc in docs]


def asks_for(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Facts worth asking for: only when no criterion already fails (then nothing unknown can
    change the verdict), the missing keys of the unknown criteria, in the rules' order."""
    if result["verdict"] != "undetermined":
        return []
    from .extract import LABELS

    missing = list(result.get("missing") or [])
    # figures first (they decide most verdicts), then the yes/no facts, each in the rules' order
    return sorted(missing, key=lambda m: 0 if m["key"] in LABELS else 1)


def _value_text(c: dict[str, Any]) -> str:
    v = c.get("value")
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "是" if v else "否"
    unit = c.get("unit") or ""
    if isinstance(v, float):  # as every number is shown (24 ÷ 1.2 ÷ 1.1 → 约18.1818)
        from tools.result import show

        return f"{show(Decimal(repr(v)))}{unit}"
    return f"{v}{unit}"


def _threshold_text(c: dict[str, Any]) -> str:
    return c.get("phrase") or ""


def compose(question: str, profile: dict[str, Any], docs: Sequence[str], as_of: date, *,
            focus: str | None = None, hypothetical: bool = False,
            notes: Sequence[str] = (), extra_asks: Sequence[str] = (),
            named: Sequence[str] = ()) -> Answer:
    """`focus`: "gap" (还差多少) or "why" (为什么不行) to lead with the failing criteria;
    `named`: the figures the question named, whose rule is quoted even while still unknown
    (专利每年增长2.5%左右，离线差多少 → the exact figure is asked for, and the line shown)."""
    cites = CitationList()
    try:
        results = [r.to_json() for r in run_checks(profile, docs, as_of)]
    except ValueError as exc:  # ProfileError, UnknownJurisdiction, DraftRules: said, not raised
        message = f"无法对照：{exc}"
        return finish(question, "clarify", [message], cites, [], as_of, asks=(message,),
                      profile=dict(profile))
    lines: list[str] = []
    asks: list[str] = list(extra_asks)
    ask_lines: list[str] = []
    missing: list[str] = []
    if hypothetical:
        lines.append("（假设情形，不改变您已提供的数据）")
    if len(results) > 1:
        lines.append("各地对照结果：" + "；".join(
            f"{short(r['jurisdiction'])} {VERDICT_LABELS[r['verdict']]}" for r in results) + "。")
    for res in results:
        doc = res["jurisdiction"]
        crit = res["criteria"]
        counts = {s: sum(1 for c in crit if c["status"] == s) for s in STATUS_WORDS}
        lines.append(f"{short(doc)}：按您提供的情况，{VERDICT_WORDS[res['verdict']]}"
                     f"（满足 {counts['met']} 项、不满足 {counts['not_met']} 项、"
                     f"未知 {counts['unknown']} 项）。")
        failed = [c for c in crit if c["status"] == "not_met"]
        known = [c for c in crit if c["status"] != "unknown"]
        if focus and not failed:
            lines.append("目前没有不满足的条件，只是还缺少数据，无法下结论。" if focus == "why"
                         else "已知的条件都已满足，没有差距；还缺少的数据见下。")
        if failed:
            lines.append("不满足的条件：" if focus != "gap" else "还差：")
            for c in failed:
                mark = _cite(cites, c)
                how = c.get("gap") or c.get("margin_text") or ""
                lines.append(f"- {c['label']}：您的数据 {_value_text(c)}，要求“{c['phrase']}”"
                             f"{mark}；{how}".rstrip("；"))
        if known:
            lines.append("逐项对照（已知部分）：")
            lines.append("| 条件 | 结果 | 您的数据 | 标准 | 差距 | 出处 |")
            lines.append("|---|---|---|---|---|---|")
            for c in known:
                mark = _cite(cites, c)
                soft = f"（{c['qualifier']}）" if c.get("qualifier") else ""
                lines.append(f"| {c['label']} | {STATUS_WORDS[c['status']]} | {_value_text(c)} | "
                             f"{_threshold_text(c)}{soft} | {c.get('margin_text') or '—'} | "
                             f"{mark} |")
                if c.get("derivation"):
                    lines.append(f"  （{c['derivation']}）")
        unknown = [c["label"] for c in crit if c["status"] == "unknown"]
        if unknown and res["verdict"] == "not_eligible":
            lines.append(f"另有 {counts['unknown']} 项因缺少数据未判断；"
                         "已有条件不满足，补充它们也不会改变结论。")
        elif unknown:
            lines.append("尚未判断（缺少数据）：" + "；".join(unknown) + "。")
            lines.extend(_not_enough(cites, res, profile))
        for c in crit:
            if c["status"] == "unknown" and c.get("phrase") and (
                    c["metric"] in named or set(c.get("missing") or ()) & set(named)):
                lines.append(f"- {c['label']}的要求：“{c['phrase']}”{_cite(cites, c)}")
        want = asks_for(res)
        missing.extend(m["key"] for m in want)
        if want:
            shown = want[:ASK_AT_ONCE]
            asks.append("请补充：" + "；".join(m["label"] for m in shown) + "。")
            # in the prose each asked fact carries the clause that needs it
            ask_lines.append("请补充：" + "；".join(
                m["label"] + _need_marks(cites, crit, m["key"]) for m in shown) + "。")
        for w in res.get("warnings") or []:
            if not str(w.get("code", "")).startswith("document"):  # status shown once, below
                lines.append(f"说明：{w['message']}{_warning_marks(cites, w)}")
    lines.extend(notes)
    lines.extend([*extra_asks, *ask_lines])
    return finish(question, "eligibility", lines, cites, list(docs), as_of,
                  results=tuple(results), missing=tuple(dict.fromkeys(missing)),
                  profile=dict(profile), asks=tuple(asks), notes=tuple(notes))


def _not_enough(cites: CitationList, res: dict[str, Any], profile: dict[str, Any]) -> list[str]:
    """Unknown criteria the user's own figures touch (1家单项冠军 for 青海's "1 家主导产业的单项
    冠军或小巨人"): the clause, and what it needs beyond what was said."""
    from .counts import COUNT_PATTERNS
    from .extract import LABELS
    from .rulebook import metrics_in

    out: list[str] = []
    for c in res["criteria"]:
        if c["status"] != "unknown" or not c.get("citation"):
            continue
        given = [k for k in profile if k in LABELS and c["metric"] in metrics_in(LABELS[k])]
        needs = [m["label"] for m in res.get("missing") or []
                 if c["metric"] in (m.get("criteria") or []) and m["key"] not in profile]
        if not given or not needs:
            continue
        said = "、".join(f"{LABELS[k]} {_given_text(profile[k])}"
                        f"{' 家' if k in COUNT_PATTERNS else ''}" for k in given)
        out.append(f"您提供的{said}还不足以判断“{c['label']}”：要求“{c['phrase']}”"
                   f"{_cite(cites, c)}；还需要：{'、'.join(needs)}。")
    return out


def _given_text(value: Any) -> str:
    if isinstance(value, dict):
        return "、".join(f"{y}年{v}" for y, v in value.items())
    return str(value)


def _warning_marks(cites: CitationList, w: dict[str, Any]) -> str:
    """Cite a tools warning's quoted clause (原文规定“民族地区、革命老区可适当放宽。”)."""
    from corpus import verify_quote

    marks = ""
    for phrase in re.findall(r"“([^”]+)”", w.get("message", "")):
        for cid in w.get("citations") or []:
            if verify_quote(cid, phrase):
                marks += cites.add(cid, quotes.sentence_with(cid, phrase) or phrase)
                break
    return marks


def _need_marks(cites: CitationList, crit: Sequence[dict[str, Any]], key: str) -> str:
    """Markers of the clauses of the unknown criteria that need fact `key`."""
    marks = ""
    for c in crit:
        if c["status"] == "unknown" and key in (c.get("missing") or []) and c.get("citation"):
            mark = _cite(cites, c)
            marks += "" if mark in marks else mark
    return marks


def _cite(cites: CitationList, c: dict[str, Any]) -> str:
    cid = c["citation"]["id"]
    phrase = c["citation"]["quote"]
    sentence = quotes.sentence_with(cid, phrase) or phrase
    return cites.add(cid, sentence)
