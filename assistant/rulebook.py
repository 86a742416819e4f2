"""Which criterion a question asks about, and that criterion's verbatim clause per jurisdiction.

Reads the rules through `tools.load_rules` (the tools package's data); nothing is restated here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SHARE_OF = r"占(?:集群)?(?:总产值)?(?:的)?(?:比例|比重|比)?"
# Question wording → tools metric. Longest match first; tuned on dev questions only.
QUESTION_METRICS: tuple[tuple[str, str], ...] = (
    (r"中小企业(?:产值)?" + _SHARE_OF, "sme_output_share"),
    (r"主导产业(?:产值)?" + _SHARE_OF, "leading_industry_share"),
    (r"主导产业(?:产值)?(?:的)?(?:年均)?(?:增速|增长)", "leading_industry_growth"),
    (r"研发(?:经费|投入)?(?:的)?(?:年均)?(?:增速|增长)", "rd_growth"),
    (r"每万人|万人(?:有效)?(?:发明)?专利", "patents_per_10k"),
    (r"(?:有效)?(?:发明)?专利(?:的)?(?:年均)?(?:增长|增速)", "patent_growth"),
    (r"(?:集群)?产值(?:的)?(?:年均)?(?:增速|增长)", "output_growth"),
    (r"工业互联网", "iip_penetration"),
    (r"占地|面积", "area_km2"),
    (r"企业户数|生产、服务等?企业|多少户", "enterprise_count"),
    (r"优质中小企业|小巨人|单项冠军|专精特新|创新型中小企业|高新技术企业", "quality_enterprises"),
    (r"产值|产值门槛", "annual_output"),
)
_COMPILED = [(re.compile(p), m) for p, m in QUESTION_METRICS]


def metrics_in(question: str) -> list[str]:
    """Metrics a question names, in order of first mention, longer wordings winning."""
    found: list[tuple[int, str]] = []
    masked = question
    for pattern, metric in _COMPILED:
        for m in pattern.finditer(masked):
            if metric not in (f for _, f in found):
                found.append((m.start(), metric))
            masked = masked[:m.start()] + "\0" * (m.end() - m.start()) + masked[m.end():]
    return [m for _, m in sorted(found)]


@dataclass(frozen=True)
class Clause:
    jurisdiction: str
    metric: str
    citation: str
    phrase: str
    operator: str | None
    threshold: str | None
    unit: str | None
    qualifier: str | None


def clauses(metric: str, jurisdiction: str) -> list[Clause]:
    """The clause(s) of `jurisdiction`'s rules for `metric` (an 'either … or' criterion gives
    its alternatives too). Empty when the jurisdiction sets no such criterion."""
    try:
        from tools import load_rules
    except ImportError:  # pragma: no cover - tools is part of the project
        return []
    try:
        rules = load_rules(jurisdiction)
    except KeyError:
        return []
    out: list[Clause] = []
    for rule in rules.rules:
        members = (rule, *rule.alternatives)
        if any(r.metric == metric for r in members) or (
                metric == "quality_enterprises" and rule.metric in ("little_giant",
                                                                   "leading_industry_champions")):
            out.append(Clause(jurisdiction, metric, rule.citation, rule.phrase, rule.operator,
                              str(rule.threshold) if rule.threshold is not None else None,
                              rule.unit, rule.qualifier))
    return out
