"""Tables pasted from a spreadsheet or a Markdown file, read as sentences the extractor knows.

Two layouts, cells split by tabs, pipes or runs of two or more spaces:

    指标              2023年    2024年    2025年        | 年份 | 总产值(亿元) | 主导产业产值(亿元) |
    总产值(亿元)      24.1      26.8      29.5          | 2023 | 30.2 | 22.1 |
    有效发明专利(件)  64        71        83            | 2024 | 33.5 | 24.9 |

become one sentence per figure: 总产值：2023年24.1亿元，2024年26.8亿元，2025年29.5亿元。 A unit
in the label's brackets goes onto each value. A figure that is one number for the latest year
(中小企业产值) keeps only its latest value; anything that is not such a table is left as it is.
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r"\t|[|｜]|\s{2,}")
_YEAR = re.compile(r"^(20\d\d)\s*年?(?:度)?$")
_VALUE = re.compile(r"^-?[\d.]+\s*(?:亿元|亿|万元|万|件|家|户|个|人|%|平方公里)?$")
_UNIT = re.compile(r"[（(]\s*([^()（）]{1,6}?)\s*[)）]")
_RULE_LINE = re.compile(r"^\s*[|｜]?\s*:?-{3,}")
# one figure for the latest year, not a yearly series (profile_keys.yaml)
_LATEST_ONLY = re.compile(r"中小企业(?:的)?产值|中小企业产值")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _SPLIT.split(line.strip().strip("|｜").strip()) if c.strip()]


def _label(text: str) -> tuple[str, str]:
    """(label without its bracketed unit, unit)."""
    m = _UNIT.search(text)
    unit = m.group(1) if m else ""
    return _UNIT.sub("", text).strip(), unit


def _sentence(label: str, unit: str, pairs: list[tuple[str, str]]) -> str:
    values = [(y, v if re.search(r"[^\d.\-\s]", v) else v + unit) for y, v in pairs]
    if _LATEST_ONLY.search(label):
        return f"{label}{values[-1][1]}。"
    return label + "：" + "，".join(f"{y}年{v}" for y, v in values) + "。"


def read_tables(text: str) -> str:
    """`text` with each pasted table of yearly figures written out as sentences."""
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    out: list[str] = []
    i = 0
    while i < len(lines):
        head = _cells(lines[i])
        years = [_YEAR.match(c) for c in head[1:]]
        rows: list[list[str]] = []
        j = i + 1
        while j < len(lines) and (_RULE_LINE.match(lines[j]) or len(_cells(lines[j])) >= 2):
            if not _RULE_LINE.match(lines[j]):
                rows.append(_cells(lines[j]))
            j += 1
        if len(head) >= 3 and all(years) and not _YEAR.match(head[0]) and rows and all(
                len(r) == len(head) and all(_VALUE.match(v) for v in r[1:]) for r in rows):
            ys = [y.group(1) for y in years if y]
            for r in rows:  # years across, one figure per row
                label, unit = _label(r[0])
                out.append(_sentence(label, unit, list(zip(ys, r[1:], strict=True))))
            i = j
            continue
        if len(head) >= 2 and len(rows) >= 2 and not _YEAR.match(head[0]) and all(
                len(r) == len(head) and _YEAR.match(r[0])
                and all(_VALUE.match(v) for v in r[1:]) for r in rows):
            ys = [str(_YEAR.match(r[0]).group(1)) for r in rows]  # type: ignore[union-attr]
            for col in range(1, len(head)):  # years down, one figure per column
                label, unit = _label(head[col])
                out.append(_sentence(label, unit, [(y, r[col]) for y, r in zip(ys, rows,
                                                                              strict=True)]))
            i = j
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)
