"""`check`: one profile against one jurisdiction's criteria → verdict, margins, missing facts,
warnings (draft or expired text, ambiguous readings, soft qualifiers, double counting)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

from corpus import document_status, get_corpus

from .profile import Profile, parse_profile
from .result import CheckResult, CriterionResult, Missing, Warning_
from .rules import DraftRules, _data, jurisdictions, load_rules

VERDICT_ORDER = {"eligible": 0, "undetermined": 1, "not_eligible": 2}


class UnknownJurisdiction(ValueError):
    def __init__(self, name: str, nearest: list[str]):
        near = "、".join(nearest) or "、".join(jurisdictions())
        super().__init__(f"未知地区 (unknown jurisdiction): {name!r}；可选 (choose from): {near}")


@cache
def profile_key_labels() -> dict[str, str]:
    return dict(_data("profile_keys.yaml"))


@cache
def resolve_jurisdiction(name: str) -> str:
    """A doc id from an id, short name or alias: qinghai, 青海, 青海省 → qinghai."""
    key = name.strip()
    known = jurisdictions()
    if key.lower() in known:
        return key.lower()
    corpus = get_corpus()
    for j in known:
        meta = corpus.doc(j).meta
        if key in (meta.short_name, *meta.aliases, *meta.abbreviations):
            return j
    raise UnknownJurisdiction(name, difflib.get_close_matches(key.lower(), known, 3, 0.4))


def _status(jurisdiction: str, as_of: date) -> tuple[dict[str, Any], Warning_ | None]:
    meta = get_corpus().doc(jurisdiction).meta
    return _status_of(jurisdiction, meta.sha256, as_of)


@cache
def _status_of(jurisdiction: str, sha256: str, as_of: date
               ) -> tuple[dict[str, Any], Warning_ | None]:
    meta = get_corpus().doc(jurisdiction).meta
    st = document_status(meta, as_of)
    doc = {"title": meta.title, "short_name": meta.short_name, **st.to_json()}
    if st.status == "in_force":
        return doc, None
    lead = {"draft": "该文件为征求意见稿，结论仅供参考：",
            "expired": "该文件已过有效期，结论仅供参考：",
            "not_yet_in_force": "该文件尚未施行：",
            "unknown": "无法确定该文件是否有效："}[st.status]
    return doc, Warning_(f"document_{st.status}", lead + st.reason, st.citations)


def _missing(criteria: tuple[CriterionResult, ...]) -> tuple[Missing, ...]:
    """Missing facts, most decisive first: a fact that settles more criteria comes first."""
    seen: dict[str, dict[str, None]] = {}
    for c in criteria:
        if c.status == "unknown":
            for key in c.missing:
                seen.setdefault(key, {})[c.metric] = None
    labels = profile_key_labels()
    keys = sorted(seen, key=lambda k: -len(seen[k]))  # stable: ties keep the rules' order
    return tuple([Missing(k, labels.get(k, k), tuple(seen[k])) for k in keys])


def _double_counting(c: CriterionResult, p: Profile) -> Warning_ | None:
    deciding: tuple[CriterionResult, ...] = (c,)
    if c.alternatives:  # only the alternative that decided a met criterion matters
        met = [a for a in c.alternatives if a.status == "met"]
        deciding = (met[0],) if met else c.alternatives
    for r in deciding:
        cats = r.rule.categories
        if not cats or (len(cats) == 5 and p.quality_enterprises is not None):
            continue
        nonzero = [k for k in cats if getattr(p, k)]
        if len(nonzero) >= 2:
            return Warning_(
                "double_counting",
                "各类优质企业按类别相加：同一企业可能同时是专精特新中小企业、创新型中小企业或"
                "高新技术企业（小巨人通常也是专精特新中小企业），合计可能重复计数；"
                "请核对去重后的家数（五类合计可填 quality_enterprises）。",
                (c.rule.citation,))
    return None


def _stale(p: Profile, as_of: date) -> Warning_ | None:
    """By-year data ending before last year: “近三年” at `as_of` means later years."""
    for key in ("output_by_year", "leading_industry_output_by_year"):
        series = getattr(p, key)
        if series and max(series) < as_of.year - 1:
            y = as_of.year - 1
            return Warning_("stale_data", f"逐年产值只到{max(series)}年；截至{as_of.isoformat()}，"
                            f"“近三年”通常指{y - 2}–{y}年，以上按所给最近三年判断。")
    return None


def _warnings(results: tuple[CriterionResult, ...], p: Profile, verdict: str,
              jurisdiction: str, status_warning: Warning_ | None,
              as_of: date) -> tuple[Warning_, ...]:
    out: list[Warning_] = []
    if status_warning:
        out.append(status_warning)
    out.extend(Warning_("unknown_key", w) for w in p.warnings)
    if p.output_by_year or p.leading_industry_output_by_year:
        stale = _stale(p, as_of)
        if stale:
            out.append(stale)
    rules = load_rules(jurisdiction)
    for i in rules.flagged:  # only criteria with a reading, a qualifier or a category sum
        c = results[i]
        if c.status == "unknown":
            continue
        r = c.rule
        if r.reading:
            out.append(Warning_("reading", r.reading, (r.citation,)))
        if r.qualifier and c.status == "not_met":
            out.append(Warning_(
                "qualifier", f"“{r.label}”未满足，但该项写作“{r.phrase}”，带有“{r.qualifier}”"
                f"限定，认定机关可能酌情考虑。", (r.citation,)))
        if r.metric in rules.counted:
            dc = _double_counting(c, p)
            if dc:
                out.append(dc)
    relax = rules.relaxation
    if relax and verdict != "eligible":
        flag = getattr(p, relax.applies_if, None)
        if flag is not False:
            where = "该集群位于民族地区或革命老区" if flag else "若集群位于民族地区或革命老区"
            out.append(Warning_("relaxation", f"{where}：原文规定“{relax.phrase}”放宽幅度文中"
                                "未规定，以上判断按一般标准作出。", (relax.citation,)))
    return tuple(out)


def check(profile: Mapping[str, Any] | Profile, jurisdiction: str,
          as_of: date | None = None) -> CheckResult:
    """Every criterion of `jurisdiction` against `profile`; exact, three-valued."""
    p = parse_profile(profile)
    j = resolve_jurisdiction(jurisdiction)
    rules = load_rules(j)
    if rules.draft:
        from .drafting import draft_refusal

        raise DraftRules(draft_refusal(j))
    results = tuple([ev(p) for ev in rules.evaluators])
    statuses = {c.status for c in results}
    verdict = ("not_eligible" if "not_met" in statuses
               else "undetermined" if "unknown" in statuses else "eligible")
    day = as_of or date.today()
    doc_status, status_warning = _status(j, day)

    def explain(r: CheckResult) -> tuple[tuple[Missing, ...], tuple[Warning_, ...]]:
        missing = _missing(results) if "unknown" in statuses else ()
        return missing, _warnings(results, p, verdict, j, status_warning, day)
    return CheckResult(p.label, j, verdict, results, doc_status, explain)
