"""Chinese numbers and units as people type them: 25亿, 二十五亿, 250000万元, 百分之五十五, 五成五.

Values are exact (`Decimal`), never floats. Hedged or impossible values raise `NumberError`
whose `question` is the Chinese question to ask back instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％－，＋", "0123456789.%-,+")

#: A number token: Arabic digits (with decimals) and Chinese numerals, mixed (1亿2000万).
#: It starts only where a run of number characters starts and takes the run whole (an atomic
#: group): without that, a failed match on a long digit run backtracks through every way of
#: splitting it (25 digits took minutes).
NUM = (r"(?<![\d.零〇一二两三四五六七八九十百千万亿点])"  # 百分点, 百分之 are not a hundred
       r"(?>(?:\d+(?:\.\d+)?|(?!百分)[零〇一二两三四五六七八九十百千])"
       r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿点])*)")
NUM_RE = re.compile(NUM)

#: Words that make a value an estimate, not a fact: we ask rather than guess.
HEDGES = ("大概", "大约", "约为", "约", "左右", "上下", "差不多", "估计", "估算", "可能", "也许",
          "将近", "接近", "几十", "十几", "几百", "几千", "几", "多亿", "多万", "来亿", "余亿",
          "出头", "不到", "至少", "最多", "以上", "以下", "超过", "不少于", "不低于", "大于",
          "小于", "突破", "逾", "来家", "多家", "余家")
_HEDGE_RE = re.compile("|".join(map(re.escape, sorted(HEDGES, key=len, reverse=True)))
                       + r"|近(?=[\d一二两三四五六七八九十])|(?<=[\d十百千万])余|大致|预计|预估"
                       r"|(?<=[\d十百千万])来(?=[家户件个人亿万%亩]|平方|公顷)"  # 十来平方公里
                       r"|(?:都|均|全)(?:过|超|破|上)"
                       r"(?=了?\s*[\d一二两三四五六七八九十])"  # 三年都过20亿
                       r"|(?<=亿)多(?!少)|(?<=万元)多(?!少)"  # 22亿多
                       r"|(?<=[\d十百千万成])多"
                       r"(?=[家户件个人亿万%]|$|[，,。；;])")  # 六成多, 三百多件


class NumberError(ValueError):
    """A value that cannot be taken as stated; `question` asks the user for a definite one."""

    def __init__(self, question: str, text: str = ""):
        super().__init__(question)
        self.question = question
        self.text = text


def normalize(text: str) -> str:
    """Full-width digits and signs to ASCII; drop thousands separators (1,200 → 1200)."""
    text = text.translate(_FULL_WIDTH)
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)


def _int_of_cn_digits(run: str) -> int:
    return int("".join(str(CN_DIGITS[ch]) for ch in run))


def parse_number(token: str) -> Decimal:
    """Parse one number: 25, 2.5, 二十五, 一千二百万, 250000万, 1亿2000万, 二十五点五, 两万五."""
    s = normalize(token).strip()
    if not s:
        raise ValueError("empty number")
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return Decimal(s)
    if not re.fullmatch(r"[\d.零〇一二两三四五六七八九十百千万亿点]+", s) or not re.search(
            r"[\d零〇一二两三四五六七八九十百千]", s):
        raise ValueError(f"not a number: {token!r}")
    total = Decimal(0)   # completed 亿/万 groups
    section = Decimal(0)  # below 万 in the current group
    number: Decimal | None = None
    digit_run = False  # last token was a Chinese digit (so 二〇二四 reads digit by digit)
    cn_trailing = False
    last_unit = 0
    zero_seen = False
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isdigit():
            m = re.match(r"\d+(?:\.\d+)?", s[i:])
            assert m is not None
            if number is not None:
                raise ValueError(f"not a number: {token!r}")
            number = Decimal(m.group())
            i += len(m.group())
            digit_run = cn_trailing = False
            continue
        if ch in CN_DIGITS:
            d = CN_DIGITS[ch]
            if d == 0:
                zero_seen = True
            number = number * 10 + d if (digit_run and number is not None) else Decimal(d)
            digit_run = cn_trailing = True
        elif ch in ("点", "."):
            j = i + 1
            while j < len(s) and (s[j] in CN_DIGITS or s[j].isdigit()):
                j += 1
            frac = s[i + 1:j]
            if not frac:
                raise ValueError(f"not a number: {token!r}")
            frac_digits = "".join(str(CN_DIGITS[c]) if c in CN_DIGITS else c for c in frac)
            number = (number or Decimal(0)) + Decimal("0." + frac_digits)
            i = j
            digit_run = cn_trailing = False
            continue
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            section += (number if number is not None else Decimal(1)) * unit
            number, digit_run, cn_trailing, last_unit, zero_seen = None, False, False, unit, False
        elif ch in _BIG_UNITS:
            unit = _BIG_UNITS[ch]
            group = section + (number or Decimal(0))
            if group == 0 and total == 0:
                raise ValueError(f"not a number: {token!r}")
            if unit == 10**8:
                total = (total + group) * unit
            else:
                total += group * unit
            section, number = Decimal(0), None
            digit_run, cn_trailing, last_unit, zero_seen = False, False, unit, False
        else:  # pragma: no cover - excluded by the fullmatch above
            raise ValueError(f"not a number: {token!r}")
        i += 1
    if number is not None and cn_trailing and last_unit >= 10 and not zero_seen and number < 10:
        number *= Decimal(last_unit) / 10  # colloquial 两万五 = 25000, 一千二 = 1200
    return total + section + (number or Decimal(0))


def to_chinese(n: int) -> str:
    """Write a non-negative integer in Chinese numerals (二十五, 一千二百万, 三亿零五百)."""
    if n < 0:
        raise ValueError("negative")
    if n == 0:
        return "零"
    digits = "零一二三四五六七八九"

    def below_10k(v: int, leading: bool) -> str:
        out, zero = "", False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d, v = divmod(v, unit)
            if d:
                if zero:
                    out += "零"
                    zero = False
                out += ("" if (unit == 10 and d == 1 and leading and not out) else digits[d]) + name
            elif out:
                zero = True
        return out

    parts: list[str] = []
    groups = [(10**8, "亿"), (10**4, "万"), (1, "")]
    rest = n
    for size, name in groups:
        g, rest = divmod(rest, size)
        if g:
            if size == 10**8 and g >= 10**4:
                text = to_chinese(g)
            else:
                text = below_10k(g, leading=not parts)
            if parts and g < 1000:
                text = "零" + text
            parts.append(text + name)
    return "".join(parts).replace("零零", "零")


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with its unit word as typed."""

    value: Decimal
    unit: str  # "亿元", "万元", "元", "%", "家", "个", "平方公里", "人", "件", "" …
    start: int
    end: int
    raw: str


_UNIT_RE = (r"(?P<unit>亿元|亿|万元|万|元|%|个百分点|百分点|平方公里|平方千米|km2|km²|平方米|公顷"
            r"|亩|家|个|名|人|件|项|户)?")
_PERCENT_FORMS = [
    re.compile(r"百分之(?P<num>" + NUM + ")"),
    re.compile(r"千分之(?P<permille>" + NUM + ")"),
    re.compile(r"(?P<tens>[一二两三四五六七八九十])成(?P<ones>[一二三四五六七八九])?(?![\d一二三四五六七八九十])"),
]
_QTY_RE = re.compile(r"(?P<sign>[-负])?(?P<num>" + NUM + r")\s*" + _UNIT_RE)


def find_quantities(text: str) -> list[Quantity]:
    """All numbers in `text`, left to right, in their typed unit (not yet scaled)."""
    s = normalize(text)
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PERCENT_FORMS:
        for m in pattern.finditer(s):
            if m.groupdict().get("tens"):
                value = Decimal(_cn_small(m.group("tens")) * 10 + (
                    CN_DIGITS[m.group("ones")] if m.group("ones") else 0))
            elif m.groupdict().get("permille"):
                value = parse_number(m.group("permille")) / 10
            else:
                value = parse_number(m.group("num"))
            found.append(Quantity(value, "%", m.start(), m.end(), m.group()))
            taken.append((m.start(), m.end()))
    for m in _QTY_RE.finditer(s):
        if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
            continue
        try:
            value = parse_number(m.group("num"))
        except ValueError:
            continue
        unit = m.group("unit") or ""
        num = m.group("num")
        if num[-1] in _BIG_UNITS and unit in ("", "元"):
            head = num[:-1]
            if head and not any(c in _BIG_UNITS for c in head):
                # 25亿元 → 25 in 亿; 一千二百万 → 1200 in 万
                value = parse_number(head)
                unit = num[-1] + unit
            else:  # 1亿2000万 → an absolute amount in 元
                unit = "元"
        if m.group("sign"):
            value = -value
        unit = {"百分点": "%", "个百分点": "%", "平方千米": "平方公里", "km2": "平方公里",
                "km²": "平方公里"}.get(unit, unit)
        found.append(Quantity(value, unit, m.start(), m.end(), m.group()))
    return sorted(found, key=lambda q: q.start)


def _cn_small(ch: str) -> int:
    return 10 if ch == "十" else CN_DIGITS[ch]


def to_yi(value: Decimal, unit: str) -> Decimal:
    """Money in 亿元: 250000万元 → 25, 25亿 → 25; a bare number is taken as 亿元."""
    if unit in ("亿元", "亿", ""):
        return value
    if unit in ("万元", "万"):
        return value / 10000
    if unit in ("千万元", "百万元"):  # a declared unit for bare figures (单位：千万元)
        return value / (10 if unit == "千万元" else 100)
    if unit == "元":
        return value / 100000000
    raise ValueError(f"not money: {unit}")


def hedge_in(text: str) -> str | None:
    """The first hedge word in `text` (大概, 左右, 几十亿 …), or None."""
    m = _HEDGE_RE.search(normalize(text))
    return m.group() if m else None


def share_percent(q: Quantity) -> Decimal:
    """A share in percent: 55% → 55, 0.55 (said as a share) → 55; over 100 is impossible."""
    value = q.value
    if q.unit != "%" and ("." in q.raw or q.raw.startswith(("零点", "〇点"))) and \
            Decimal(0) <= value <= 1:  # 0.72 / 零点一: a share written as a fraction
        value = value * 100
    if value < 0 or value > 100:
        raise NumberError(f"占比应在0到100%之间，您说的是“{q.raw}”，请核对后重新告诉我。", q.raw)
    return value


def canonical(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent form (25.0 → 25, 2E+1 → 20), exactly
    for any number of digits (the default 28-digit context would round, or raise)."""
    if not value.is_finite():
        return value
    _, digits, exponent = value.as_tuple()
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(digits) + max(int(exponent), 0) + 2)
        try:
            normalized = value.normalize()
        except InvalidOperation:  # pragma: no cover
            return value
        if normalized == normalized.to_integral():
            return normalized.quantize(Decimal(1))
        return normalized


def fmt(value: Decimal) -> str:
    """Plain decimal text for answers: 25, 22.5, 0.05 (never 2.5E+1)."""
    return format(canonical(value), "f")
