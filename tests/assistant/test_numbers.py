"""Chinese numbers: exact examples and property-based round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.numbers import (
    NumberError,
    Quantity,
    find_quantities,
    fmt,
    hedge_in,
    parse_number,
    share_percent,
    to_chinese,
    to_yi,
)


@pytest.mark.parametrize(("text", "value"), [
    ("25", "25"), ("２５", "25"), ("二十五", "25"), ("二十五亿", "2500000000"),
    ("一千二百万", "12000000"), ("250000万", "2500000000"), ("1亿2000万", "120000000"),
    ("二十五点五", "25.5"), ("两万五", "25000"), ("一千二", "1200"), ("十五", "15"),
    ("一百零五", "105"), ("二〇二四", "2024"), ("2.5万", "25000"), ("1,200", "1200"),
    ("十万", "100000"), ("一亿零五", "100000005"), ("０.５５", "0.55"),
])
def test_parse_number_examples(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("bad", ["", "万", "亿", "abc", "二十五x"])
def test_parse_number_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_number(bad)


def _qs(text: str) -> list[tuple[str, str, str]]:
    return [(q.raw, fmt(q.value), q.unit) for q in find_quantities(text)]


def test_find_quantities_units_and_scaling() -> None:
    assert _qs("18、22、25亿元") == [("18", "18", ""), ("22", "22", ""), ("25亿元", "25", "亿元")]
    found = find_quantities("250000万元")
    assert [to_yi(q.value, q.unit) for q in found] == [Decimal(25)]
    assert to_yi(find_quantities("二十五亿")[0].value, "亿") == Decimal(25)
    assert to_yi(find_quantities("1亿2000万元")[0].value, "元") == Decimal("1.2")


def test_percent_forms() -> None:
    assert _qs("55%") == [("55%", "55", "%")]
    assert _qs("５５％") == [("55%", "55", "%")]
    assert _qs("百分之五十五") == [("百分之五十五", "55", "%")]
    assert _qs("五成五") == [("五成五", "55", "%")]
    assert _qs("五成") == [("五成", "50", "%")]
    assert _qs("增长3个百分点") == [("3个百分点", "3", "%")]


def test_share_as_fraction_and_over_100() -> None:
    assert share_percent(Quantity(Decimal("0.55"), "", 0, 4, "0.55")) == Decimal(55)
    assert share_percent(Quantity(Decimal(55), "%", 0, 3, "55%")) == Decimal(55)
    with pytest.raises(NumberError) as exc:
        share_percent(Quantity(Decimal(120), "%", 0, 4, "120%"))
    assert "0到100%" in exc.value.question


def test_counts_and_negative() -> None:
    assert _qs("3家小巨人") == [("3家", "3", "家")]
    assert _qs("增速-3%") == [("-3%", "-3", "%")]
    assert _qs("负5亿") == [("负5亿", "-5", "亿")]


@pytest.mark.parametrize("text", ["大概25亿", "25亿左右", "几十亿", "二十多亿", "约30%", "近30亿",
                                  "20余亿元", "预计30亿"])
def test_hedges_detected(text: str) -> None:
    assert hedge_in(text) is not None


def test_no_hedge_in_plain_value() -> None:
    assert hedge_in("产值25亿元") is None


def test_fmt_never_exponent() -> None:
    assert fmt(Decimal("2.5E+1")) == "25"
    assert fmt(Decimal("22.50")) == "22.5"


# --- property-based round trips -----------------------------------------------------------

FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2)


@given(st.integers(min_value=0, max_value=10**12))
def test_chinese_integer_round_trip(n: int) -> None:
    assert parse_number(to_chinese(n)) == n


@given(money)
def test_money_yi_forms_round_trip(d: Decimal) -> None:
    forms = [(f"{fmt(d)}亿元", "亿元"), (f"{fmt(d)}亿", "亿"), (f"{fmt(d * 10000)}万元", "万元"),
             (fmt(d).translate(FULL) + "亿", "亿")]
    for text, _unit in forms:
        (q,) = find_quantities(text)
        assert to_yi(q.value, q.unit) == d, text


@given(st.integers(min_value=1, max_value=99999))
def test_money_chinese_numeral_round_trip(n: int) -> None:
    (q,) = find_quantities(to_chinese(n) + "亿元")
    assert to_yi(q.value, q.unit) == n
    (q,) = find_quantities(to_chinese(n * 10000) + "元")
    assert to_yi(q.value, q.unit) == Decimal(n) / 10000


@given(st.integers(min_value=1, max_value=99))
def test_percent_forms_round_trip(p: int) -> None:
    assert find_quantities(f"{p}%")[0].value == p
    assert find_quantities("百分之" + to_chinese(p))[0].value == p
    tens, ones = divmod(p, 10)
    if tens:
        head = "十" if tens == 10 else to_chinese(tens)
        cheng = head + "成" + (to_chinese(ones) if ones else "")
        assert find_quantities(cheng)[0].value == p
    q = find_quantities(f"{fmt(Decimal(p) / 100)}")[0]
    if "." in q.raw:
        assert share_percent(q) == p


@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("100"), places=1))
def test_decimal_percent_round_trip(d: Decimal) -> None:
    (q,) = find_quantities(f"{fmt(d)}%")
    assert q.value == d and q.unit == "%"
