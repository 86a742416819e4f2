"""Which criterion a question asks about, and that criterion's verbatim clause per jurisdiction.

Reads the rules through `tools.load_rules` (the tools package's data); nothing is restated here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SHARE_OF = r"占(?!地)(?:集群)?(?:总产值)?(?:的)?(?:比例|比重|比)?"
_GAP = r"[^，,。？?！!；;]{0,8}?"  # colloquial words between subject and verb (的产值在集群里得占)
_GROWS = r"(?:的)?(?:年均)?(?:增速|增长|涨)"
# Question wording → tools metric. Longest match first; tuned on dev questions only.
QUESTION_METRICS: tuple[tuple[str, str], ...] = (
    (r"中小企业" + _GAP + _SHARE_OF, "sme_output_share"),
    (r"主导产业" + _GAP + _SHARE_OF, "leading_industry_share"),
    (r"主导产业" + _GAP + _GROWS, "leading_industry_growth"),
    (r"研发(?:经费|投入)?(?:的)?(?:年均)?(?:增速|增长)", "rd_growth"),
    (r"每万(?:个|名)?(?:从业人员|员工|职工|人)|万人(?:有效)?(?:发明)?专利", "patents_per_10k"),
    (r"(?:有效)?(?:发明)?专利(?:的)?(?:年均)?(?:增长|增速)", "patent_growth"),
    (r"(?:集群)?产值(?:每年|一年)?(?:得|要|需)?" + _GROWS, "output_growth"),
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
    """One jurisdiction's clause for a metric, or (citation None) the tools' note that the
    jurisdiction sets no such criterion."""

    jurisdiction: str
    metric: str
    citation: str | None
    phrase: str
    qualifier: str | None = None
    related: bool = False  # quoted by the tools' note as the related provision
    draft: bool = False  # rules drafted from a user-added text and not yet reviewed


_NOTE_QUOTE = re.compile(r"“([^”]+)”（([a-z0-9_]+:[^（）]+(?:（[^（）]+）)?)）")


def clauses(metric: str, jurisdiction: str) -> list[Clause]:
    """The clause for `metric` in `jurisdiction`, from `tools.compare_metric` (the 'either … or'
    criteria come whole). Empty when the tools know no such metric or jurisdiction."""
    try:
        from tools import compare_metric
    except ImportError:  # pragma: no cover - tools is part of the project
        return []
    try:
        table = compare_metric(metric)
    except (KeyError, ValueError):
        return []
    out: list[Clause] = []
    for row in table.get("rows") or []:
        if row.get("jurisdiction") != jurisdiction:
            continue
        draft = row.get("rules_status") not in (None, "reviewed")
        if row.get("citation"):
            out.append(Clause(jurisdiction, metric, row["citation"]["id"],
                              row["citation"]["quote"], qualifier=row.get("qualifier"),
                              draft=draft))
        elif row.get("absent"):
            note = str(row.get("note") or "认定标准未规定此项")
            related = _NOTE_QUOTE.search(note)
            out.append(Clause(jurisdiction, metric, None, note.split("；")[0], draft=draft))
            if related:
                out.append(Clause(jurisdiction, metric, related.group(2), related.group(1),
                                  draft=draft, related=True))
    return out
