"""Text normalisation for matching facts and numbers in answers.

Facts are matched on a canonical form so that "三年" matches "3年", full-width "２０亿" matches
"20亿", "2025-06-26" matches "2025年6月26日", and spacing or ASCII/full-width punctuation does not
matter. The same function is applied to both sides, so the mapping only has to be consistent.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from corpus import cn_to_int

# Runs of Chinese numerals below 1000 (万/亿 stay as units: "十八亿" -> "18亿").
_CN_RUN = re.compile(r"[零〇一二三四五六七八九十百两]+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MARKER = re.compile(r"\[\d+\]")
# Quote marks differ between sources (“ ” " 「 」); they never carry a fact.
_QUOTES = str.maketrans("", "", "\"'“”‘’「」『』")


def _cn_digits(match: re.Match[str]) -> str:
    run = match.group(0)
    if not any(ch in "一二三四五六七八九十" for ch in run):
        return run
    try:
        return str(cn_to_int(run))
    except ValueError:
        return run


def _iso_to_cn(match: re.Match[str]) -> str:
    y, m, d = match.groups()
    return f"{int(y)}年{int(m)}月{int(d)}日"


def normalize(text: str) -> str:
    """Canonical form used for fact matching (see module docstring)."""
    out = unicodedata.normalize("NFKC", text)
    out = _ISO_DATE.sub(_iso_to_cn, out)
    out = _CN_RUN.sub(_cn_digits, out)
    out = out.translate(_QUOTES)
    return _SPACE.sub("", out)


def contains(haystack: str, needle: str) -> bool:
    return normalize(needle) in normalize(haystack)


# Chinese numerals count as numbers only as quantities or ordinals (三年, 第十四条, 百分之五十),
# not inside words such as 一致, 一般, 统一.
_CN = "零〇一二三四五六七八九十百两"
_CN_PERCENT = re.compile(f"百分之([{_CN}]+)")
_CN_QUANTITY = re.compile(f"(?<=第)[{_CN}]+|[{_CN}]+(?=[年个家户亿万元日月天倍成条项种次名人位%])")


def numbers_in(text: str) -> list[Decimal]:
    """Every number written in `text` (Arabic, full-width or Chinese numerals used as quantities
    or ordinals), as Decimals. Citation markers such as [1] are not numbers of the answer."""
    out = []
    plain = _ISO_DATE.sub(_iso_to_cn, unicodedata.normalize("NFKC", _MARKER.sub("", text)))
    plain = _CN_PERCENT.sub(lambda m: _CN_RUN.sub(_cn_digits, m.group(1)) + "%", plain)
    plain = _CN_QUANTITY.sub(_cn_digits, plain)
    for raw in _NUMBER.findall(plain):
        try:
            out.append(Decimal(raw).normalize())
        except InvalidOperation:  # pragma: no cover - the regex only matches digits
            continue
    return out
