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
_VALUE = re.compile(r"^(?:-?[\d.]+\s*(?:亿元|亿|万元|万|件|家|户|个|人|%|平方公里)?|[—\-–/]+|空|无)"
                    r"$")
_EMPTY = re.compile(r"^(?:[—\-–/]+|空|无)$")
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
    values = [(y, v if re.search(r"[^\d.\-\s]", v) else v + unit) for y, v in pairs
              if not _EMPTY.match(v)]
    if not values:
        return ""
    if _LATEST_ONLY.search(label) or len(values) == 1:  # 从业人员 — — 50000: one figure
        return f"{label}{values[-1][1]}。"
    return label + "：" + "，".join(f"{y}年{v}" for y, v in values) + "。"


_FORM_LINE = re.compile(r"^(?P<label>[^：:\n]{2,40}?)\s*[：:]\s*(?P<value>[^\n]+?)\s*$")
_FORM_UNITS = {"亿元": "亿元", "亿": "亿元", "千万元": "千万元", "百万元": "百万元", "万元": "万元",
               "元": "元", "%": "%", "％": "%",
               "平方公里": "平方公里", "公顷": "公顷", "亩": "亩", "件": "件", "个": "个",
               "人": "人", "家": "家", "户": "户"}
_YEAR_VALUE = re.compile(r"(20\d\d)\s*年?\s*[：:]?\s*(-?[\d.]+)(?![\d.])")


def read_form(text: str) -> str:
    """Lines of a pasted 申报表, 标签（单位）：数值, as sentences:
    主导产业产值（万元）：2023年 180000；2024年 196000 →
    主导产业产值：2023年180000万元，2024年196000万元。 The unit in the label's
    brackets goes onto each bare number; a label's year (（万元，2025年）) is dropped. Lines
    without a bracketed unit or a year list are left as they are."""
    out = []
    for line in text.split("\n"):
        m = _FORM_LINE.match(line.strip())
        if not m:
            out.append(line)
            continue
        label, value = m.group("label"), m.group("value")
        cut = re.search(r"[。？?！!]", value)  # …484000。近三年产值达标吗？ — the figures first
        rest = value[cut.start():] if cut else ""
        value = value[:cut.start()] if cut else value
        unit_m = re.search(r"[（(]\s*([^()（），,]{1,5}?)\s*(?:[，,][^()（）]*)?[)）]", label)
        unit = _FORM_UNITS.get(unit_m.group(1), "") if unit_m else ""
        pairs = _YEAR_VALUE.findall(value)
        bare = re.fullmatch(r"-?[\d.]+", value)
        if (not unit and len(pairs) < 2) or (unit_m and not unit):  # (美元): not ours to drop
            out.append(line)
            continue
        name = re.sub(r"[（(][^()（）]*[)）]", "", label).strip()
        if len(pairs) >= 2 and not re.sub(r"(20\d\d)\s*年?\s*[：:]?\s*-?[\d.]+|"
                                          r"[；;，,、\s]", "", value):
            out.append(name + "：" + "，".join(f"{y}年{v}{unit}" for y, v in pairs) + "。"
                       + rest.lstrip("。"))
        elif bare and unit:
            out.append(f"{name}{value}{unit}。" + rest.lstrip("。"))
        else:
            out.append(line)
    return "\n".join(out)


def _unit_before(lines: list[str]) -> str:
    """A unit said for the whole table on the line before it (统计数据（万元）：)."""
    m = _UNIT.search(lines[-1]) if lines else None
    return m.group(1) if m and m.group(1) in ("亿元", "万元") else ""


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
                out.append(_sentence(label, unit or _unit_before(lines[i - 1:i]),
                                     list(zip(ys, r[1:], strict=True))))
            i = j
            continue
        if len(head) >= 2 and len(rows) >= 2 and not _YEAR.match(head[0]) and all(
                len(r) == len(head) and _YEAR.match(r[0])
                and all(_VALUE.match(v) for v in r[1:]) for r in rows):
            ys = [str(_YEAR.match(r[0]).group(1)) for r in rows]  # type: ignore[union-attr]
            for col in range(1, len(head)):  # years down, one figure per column
                label, unit = _label(head[col])
                out.append(_sentence(label, unit or _unit_before(lines[i - 1:i]),
                                     [(y, r[col]) for y, r in zip(ys, rows, strict=True)]))
            i = j
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)
