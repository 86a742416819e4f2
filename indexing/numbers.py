"""Numbers written the other way: questions say 二月份, 十五个工作日, 3年 where the texts say
2月底前, 15个工作日内, 三年. `numeral_variants` gives each counted quantity of a question in
the other notation, so both match the index."""

from __future__ import annotations

import re

from corpus import cn_to_int, int_to_cn

_UNITS = r"个工作日|工作日|个月|月份|月|日|号|天|年|家|户|个|亿|倍|平方公里|字"
_CN = re.compile(rf"([零〇一二两三四五六七八九十百千]+)(?=\s*(?:{_UNITS}))")
_AR = re.compile(rf"(?<![\d.])(\d{{1,2}})(?!\d)(?=\s*(?:{_UNITS}))")


def numeral_variants(text: str) -> str:
    """The counted numbers of `text` rewritten in the other notation (Chinese ↔ Arabic),
    each with its unit; "" when there are none."""
    out: list[str] = []
    for m in _CN.finditer(text):
        try:
            n = cn_to_int(m.group(1))
        except ValueError:
            continue
        if n < 2:  # 一年, 一个: idiom more often than count
            continue
        out.append(f"{n}{_unit(text, m.end())}")
    for m in _AR.finditer(text):
        n = int(m.group(1))
        if 0 < n <= 99:
            out.append(f"{int_to_cn(n)}{_unit(text, m.end())}")
    return " ".join(out)


def _unit(text: str, at: int) -> str:
    m = re.match(rf"\s*({_UNITS})", text[at:])
    unit = m.group(1) if m else ""
    return "月" if unit == "月份" else unit
