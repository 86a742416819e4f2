"""Output by year (近三年产值): 2022年至2024年产值分别为18、22、25亿元, 2022年18亿、2023年…,
2022、2023、2024年分别为…, 去年25亿、前年22亿、大前年20亿, 近三年22亿、24亿和26亿."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from .numbers import NUM, NumberError, Quantity, find_quantities, fmt, to_yi

_VALUE_YEAR = re.compile(r"(?P<q>" + NUM + r"\s*(?:亿元|亿|万元|万|元)?)\s*[（(]\s*(?P<y>20\d\d)"
                         r"\s*年?\s*[)）]")
_YEAR_RANGE = re.compile(r"(?P<a>20\d\d)\s*年?\s*(?:至|到|-|—|–|~|～)\s*(?P<b>20\d\d)\s*年?")
_YEAR_VALUE = re.compile(r"(?P<y>20\d\d)\s*(?:年|(?=[-—–:：])|(?=\s*(?:的)?(?:集群)?(?:总)?产值))"
                         r"\s*(?:年底|年末|全年|底|末)?(?:的)?(?:集群)?(?:总)?(?:产值)?\s*"
                         r"(?:(?:能|可以|要|会)?(?:做到|达到|冲到|实现|到)|为|是|达到|达|有|突破|超过|:|：|-|—|–"
                         r"|(?:又)?(?:回升|回落|涨|增长|升|降|跌|掉|恢复|下降|下滑|提高|提升)(?:到|至)了?)?\s*"
                         r"(?P<q>" + NUM + r"\s*(?:亿元|亿|万元|万|元)?)")
_FROM_TO = re.compile(r"从\s*(?P<a>" + NUM + r"\s*(?:亿元|亿|万元|万|元)?)\s*(?:一路|逐年|稳步)?"
                      r"(?:涨|增长|增加|提高|上升|升|增|提升|发展|做)?(?:到|至)了?\s*"
                      r"(?P<b>" + NUM + r"\s*(?:亿元|亿|万元|万|元)?)")
_YEAR_LIST = re.compile(r"(?P<years>20\d\d\s*年?(?:\s*[、，,和及与]\s*20\d\d\s*年?)+)")
_HEADER_UNIT = re.compile(r"产值\s*[（(]\s*(亿元|千万元|百万元|万元|元)\s*[)）]")
# an amount with no unit after a year (2023年 215,000 / 2023: 198000)
_BARE_AMOUNT = re.compile(r"(?<=20\d\d年)\s*[:：]?\s*\d[\d.,]*(?![\d.,]*\s*(?:亿|万|元|%))"
                          r"|(?<=20\d\d)\s*[:：]\s*\d[\d.,]*(?![\d.,]*\s*(?:亿|万|元|%))")
_RELATIVE = (("大前年", 3), ("前年", 2), ("去年", 1), ("今年", 0))
BARE_LIMIT = Decimal(10000)  # a bare output this large is no figure in 亿元: its unit is asked


# two-digit years (23年, 23、24、25年; not 25年来 or 3年内, which are spans of time)
SHORT_YEARS = re.compile(r"(?<![\d.])(1[5-9]|2\d|3[0-5])"
                         r"(?=(?:\s*[、，,和及与]\s*\d{2})*\s*年(?![度内以来间]))")


def _absolute_years(context: str, as_of: date) -> str:
    """去年/前年/大前年 → the calendar year as of `as_of` (去年 in 2026 is 2025年); two-digit
    years → four (分别是23、24、25年 → 2023、2024、2025年)."""
    context = SHORT_YEARS.sub(r"20\1", context)
    for word, back in _RELATIVE:  # a separator keeps 十二亿去年 from reading as 十二亿2025
        context = context.replace(word, f" {as_of.year - back}年")
    return context.replace("年年", "年")


def output_series(context: str, as_of: date, each_year: bool = False, unit: str = ""
                  ) -> tuple[dict[str, Decimal], str | None]:
    """近三年产值 as {year: 亿元}; years from 2022年至2024年 / 2022年…2023年… or else the
    three full years before `as_of` (stated in a note so the user can correct it). One value
    with no year is the last full year's, or every year's when `each_year` (如果产值是30亿)."""
    context = _absolute_years(context, as_of)
    header = _HEADER_UNIT.search(context)  # 产值（万元）：2023年 215,000；…
    if header:
        context = _BARE_AMOUNT.sub(lambda m: m.group() + header.group(1), context)
    after = list(_VALUE_YEAR.finditer(context))  # 25亿（2025），23亿（2024）
    if len(after) >= 2:
        return {m.group("y"): _money(find_quantities(m.group("q"))[0].value,
                                     find_quantities(m.group("q"))[0].unit or unit, m.group())
                for m in after}, None
    pairs = list(_YEAR_VALUE.finditer(context))
    rise = _FROM_TO.search(context)
    if rise and not re.search(r"20\d\d", context):  # 近三年产值从9.6亿涨到12亿: first and last
        qa, qb = find_quantities(rise.group("a"))[0], find_quantities(rise.group("b"))[0]
        b_unit = qb.unit or unit
        return {str(as_of.year - 3): _money(qa.value, qa.unit or b_unit, rise.group("a")),
                str(as_of.year - 1): _money(qb.value, b_unit, rise.group("b"))}, None
    rng = _YEAR_RANGE.search(context)
    if rng and len(pairs) == 1 and pairs[0].start() >= rng.end():
        # 2023到2025年从43亿涨到了54亿，中间2024年是48亿
        tagged = pairs[0].group("y")
        spanned = [str(y) for y in range(int(rng.group("a")), int(rng.group("b")) + 1)]
        rest = [q for q in _money_values(context[rng.end():pairs[0].start()]
                                         + context[pairs[0].end():]) if q.unit]
        untagged = [y for y in spanned if y != tagged]
        if tagged in spanned and len(rest) == len(untagged):
            q0 = find_quantities(pairs[0].group("q"))[0]
            out = {tagged: _money(q0.value, q0.unit, pairs[0].group())}
            out.update({y: _money(q.value, q.unit, q.raw) for y, q in zip(untagged, rest,
                                                                         strict=True)})
            return dict(sorted(out.items())), None
    if len(pairs) >= 2 or (len(pairs) == 1 and len(_money_values(context)) == 1):
        out = {}
        for m in pairs:
            q = find_quantities(m.group("q"))[0]
            out[m.group("y")] = _money(q.value, q.unit or unit, m.group())
        return out, None
    listed = None if rng else _YEAR_LIST.search(context)
    body = context[rng.end():] if rng else context[listed.end():] if listed else context
    span = rng or listed
    if span and not _money_values(body):  # 18.5亿、20亿、22亿，分别是2023、2024、2025年
        body = context[:span.start()]
    year_after = r"\s*(?:年|$)" if span else r"\s*(?:年|[、，,和及与]\s*20\d\d|$)"
    quantities = [q for q in find_quantities(body)  # 2000、100万元: 2000 is an amount here
                  if not (re.fullmatch(r"20\d\d", q.raw) and re.match(year_after, body[q.end:]))]
    quantities = [q for q in quantities if q.unit in ("亿元", "亿", "万元", "万", "元", "")]
    if not quantities:
        return {}, None
    last_unit = next((q.unit for q in reversed(quantities) if q.unit), unit)
    values = [_money(q.value, q.unit or last_unit, q.raw) for q in quantities]
    note = None if last_unit else "产值未写单位，按亿元理解。"
    if re.search(r"都是|均为|都为|每年都|每年均|均是", body) and len(values) == 1:
        values = values * (len(re.findall(r"20\d\d", listed.group("years"))) if listed else 3)
    if rng:
        a, b = int(rng.group("a")), int(rng.group("b"))
        years = list(range(a, b + 1))
        if len(years) != len(values):
            raise NumberError(f"{a}年至{b}年共{len(years)}年，但给出了{len(values)}个产值，"
                              "请逐年说明。", context)
    elif listed:
        years = [int(y) for y in re.findall(r"20\d\d", listed.group("years"))]
        if len(years) != len(values):
            raise NumberError(f"列出了{len(years)}个年份，但给出了{len(values)}个产值，"
                              "请逐年说明。", context)
    else:
        if len(values) == 1 and each_year:
            values = values * 3
            note = (note or "") + f"只给了一个产值，按近三年每年均为{fmt(values[0])}亿元理解。"
        elif len(values) == 1:  # 总产值25亿: that year only; the others stay unknown
            year = as_of.year - 1
            return {str(year): values[0]}, (note or "") + f"未说明年份，按{year}年理解。"
        years = list(range(as_of.year - len(values), as_of.year))
        note = (note or "") + f"未说明年份，按{years[0]}年至{years[-1]}年理解。"
    out = {str(y): v for y, v in zip(years, values, strict=True)}
    for m in pairs:  # 2025年产值13.6亿，2023年、2024年分别是12亿和12.8亿: the year said before
        if span and m.end() <= span.start() and m.group("y") not in out:
            q = find_quantities(m.group("q"))[0]
            out[m.group("y")] = _money(q.value, q.unit or unit, m.group())
    return dict(sorted(out.items())), note


def _money_values(text: str) -> list[Quantity]:
    """The amounts in `text` that are not years (2023年是20亿 holds one)."""
    return [q for q in find_quantities(text) if not re.fullmatch(r"20\d\d", q.raw)]


def _money(value: Decimal, unit: str, raw: str) -> Decimal:
    if value < 0:
        raise NumberError(f"产值不能为负数，您说的是“{raw}”，请核对。", raw)
    if not unit and value >= BARE_LIMIT:  # 2023年 398000: no output in 亿元
        raise NumberError(f"您说的产值“{raw.strip()}”没有单位，请告诉我单位（亿元还是万元）。", raw)
    return to_yi(value, unit)


# Other yearly series a 申报表 lists: 主导产业产值2022年16亿、2023年17亿…, 研发经费2022年10000万元…,
# 有效发明专利：2022年底100件、2023年底110件… (profile keys of tools/data/profile_keys.yaml).
NAMED_SERIES = (
    ("leading_industry_output_by_year",
     r"主导产业(?:[（(][^()（）]{1,10}[)）])?(?:的)?(?:总)?产值"),  # 主导产业（竹浆纸）产值
    ("rd_by_year", r"(?:中小企业)?研发(?:经费|投入|费用)(?:支出|投入|投入额|总额)?"
                   r"|(?:中小企业)?研发(?=\s*(?:20)?\d\d\s*年)"),  # 中小企业研发23年1.8亿 24年…
    ("patents_by_year", r"(?:有效)?(?:发明)?专利(?:拥有量|数量|件数|数)?"),
)
_NAMED = re.compile("|".join(f"(?P<{k}>{p})" for k, p in NAMED_SERIES))
SERIES_KEYS = tuple(k for k, _ in NAMED_SERIES)


def year_values(text: str, key: str, as_of: date) -> dict[str, Decimal]:
    """{year: value} said for one named series (更正：2023年是64件 after the patent series)."""
    text = _absolute_years(_series_text(text, key), as_of)
    years = re.findall(r"(20\d\d)\s*年", text)
    if not years:
        return {}
    amounts = _money_values(text)
    if len(years) == 1 and len(amounts) == 1:  # 2024年主导产业那个数应该是15.5亿
        q = amounts[0]
        return {years[0]: _money(q.value, q.unit, q.raw) if q.unit else q.value}
    try:
        return output_series(text, as_of)[0]
    except NumberError:
        return {}


def _series_text(text: str, key: str) -> str:
    """A named series as output_series reads it: 2022年底100件 → 2022年100 for patents."""
    text = _YEAR_END.sub(r"\1年", text)
    return _COUNT_UNIT.sub("", text) if key == "patents_by_year" else text


_STOP = re.compile(r"[。！!？?；;\n]")
_THREE_YEARS = re.compile(r"[^，,。；;\d]{0,8}?(?:分别|依次)(?:是|为|有)"
                          r"?")  # (近三年 arrives blanked)
_BARE_LIST = re.compile(r"\s*(?:是|为|有|[：:])?\s*" + NUM + r"\s*(?:亿元|亿|万元|万)?"
                        r"(?:\s*[、，,和及与]\s*" + NUM + r"\s*(?:亿元|亿|万元|万)?){2}"
                        r"(?![\d.]|\s*(?:%|家|件|个|户))")
_RANGE_BEFORE = re.compile(r"(?P<range>20\d\d\s*年?\s*(?:至|到|-|—|–|~|～)\s*20\d\d\s*年?)"
                           r"\s*(?:的|间|期间)?\s*(?:集群)?$")
_YEAR_END = re.compile(r"(20\d\d)\s*年\s*(?:底|末|年底|年末)")
_COUNT_UNIT = re.compile(r"(?<=[\d〇零一二两三四五六七八九十百千])\s*(?:件|个|项)")


def named_series(s: str, as_of: date, stop: re.Pattern[str]
                 ) -> list[tuple[str, int, int, dict[str, Decimal]]]:
    """(profile key, start, end, {year: value}) for each series of two or more years (or one
    year before the latest, right after the name: 专利2023年是60件) written after one of
    NAMED_SERIES' words, up to the sentence end or the next metric word (`stop`).
    Money is in 亿元 (研发经费 only as a ratio, so any one unit does); patents are counts."""
    out = []
    for m in _NAMED.finditer(s):
        key = str(m.lastgroup)
        end = len(s)
        for pattern in (_STOP, stop):
            nxt = pattern.search(s, m.end())
            while nxt is not None and nxt.start() == nxt.end():
                nxt = pattern.search(s, nxt.end() + 1)
            if nxt is not None and nxt.start() < end:
                end = nxt.start()
        segment = s[m.end():end]
        before = _RANGE_BEFORE.search(s, max(0, m.start() - 16), m.start())
        if before:  # 2023年到2025年的主导产业产值：12.0、12.5、13.3亿元
            segment = before.group("range") + segment
        said = re.findall(r"20\d\d|去年|前年|大前年|今年", segment)
        if len(said) == 1 and key in SERIES_KEYS and said[0] != str(as_of.year - 1) and \
                re.fullmatch(r"20\d\d", said[0]):  # 有效发明专利2023年是60件: an earlier year
            one = year_values(segment, key, as_of)  # (the latest year stays a single figure)
            if len(one) == 1 and re.match(r"\s*(?:是|为|有|达到|[：:])?\s*(?:20\d\d\s*年|去年|前年|"
                                          r"大前年|今年)"
                                          r"(?:底|末)?\s*(?:是|为|有|达到|[：:])?\s*[\d零〇一二两三四五六七八九十]",
                                          segment):
                out.append((key, m.start(), end, one))
            continue
        listed = (_THREE_YEARS.match(segment) or _BARE_LIST.match(segment)) and \
            len(_money_values(segment)) == 3  # 近三年主导产业产值：13亿、13.9亿、14.8亿
        if len(said) < 2 and not listed:  # 研发经费近三年分别是3000万元、3300万元、3600万元
            continue
        try:
            series, _ = output_series(_series_text(segment, key), as_of)
        except NumberError:
            continue
        if len(series) >= 2:
            out.append((key, m.start(), end, series))
    return out
