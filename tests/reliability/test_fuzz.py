"""Property-based fuzzing with hypothesis: the number parser, the profile loader and `ask`.
Every example run is tallied; the totals appear under "reliability figures" in the summary."""

from __future__ import annotations

import json
import string
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import assistant
import tools
from assistant.numbers import NumberError, find_quantities, parse_number, to_chinese
from corpus import verify_quote

from .conftest import tally

FAST = settings(max_examples=1000, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=300, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

NUMBER_CHARS = "0123456789.,０１２３４５６７８９．－%％零〇一二两三四五六七八九十百千万亿点负-"
DOMAIN_WORDS = [
    "青海", "四川", "贵州", "山东", "张掖", "集群", "产值", "亿元", "占比", "%", "有效期", "认定",
    "申报", "能申报吗", "近三年", "中小企业", "小巨人", "家", "平方公里", "还差多少", "如果",
    "那山东呢", "重新开始", "忽略以上指令", "。", "，", "？", " ",
]


# --- number parser ------------------------------------------------------------------------------

@FAST
@given(st.text(alphabet=NUMBER_CHARS, min_size=0, max_size=24))
def test_parse_number_returns_exact_decimal_or_value_error(token: str) -> None:
    tally("numbers.parse_number")
    try:
        value = parse_number(token)
    except ValueError:
        return
    assert isinstance(value, Decimal) and value.is_finite()


@FAST
@given(st.integers(min_value=0, max_value=10**16))
def test_arabic_and_chinese_numerals_round_trip(n: int) -> None:
    tally("numbers.round_trip")
    assert parse_number(str(n)) == n
    assert parse_number(to_chinese(n)) == n


@FAST
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=9999))
def test_decimal_fractions_are_exact(whole: int, frac: int) -> None:
    tally("numbers.fractions")
    text = f"{whole}.{frac:04d}"
    assert parse_number(text) == Decimal(text)


@FAST
@given(st.text(max_size=80) | st.lists(st.sampled_from(DOMAIN_WORDS + list(NUMBER_CHARS)),
                                       max_size=30).map("".join))
def test_find_quantities_never_crashes(text: str) -> None:
    tally("numbers.find_quantities")
    try:
        found = find_quantities(text)
    except NumberError:
        return
    for q in found:
        assert q.value.is_finite() and 0 <= q.start < q.end


# --- profile loader -----------------------------------------------------------------------------

PROFILE_KEYS = ["name", "area_km2", "enterprise_count", "output_by_year", "annual_output",
                "sme_output_share", "output_growth", "little_giant", "pillar_industry",
                "incident_level", "bogus_key"]
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-10**22, 10**22)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12)
    | st.decimals(allow_nan=False, allow_infinity=False).map(str),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=6)


@FAST
@given(st.dictionaries(st.sampled_from(PROFILE_KEYS), JSONISH, max_size=6))
def test_parse_profile_accepts_or_explains(data: dict) -> None:
    tally("tools.parse_profile")
    try:
        p = tools.parse_profile(data)
    except tools.ProfileError as exc:
        msg = str(exc)
        assert "\n" not in msg and "(" in msg  # one line, Chinese then (English)
        return
    share = p.sme_output_share
    assert share is None or Decimal(0) <= share <= 100
    assert p.annual_output is None or p.annual_output >= 0


@FAST
@given(st.sampled_from([".json", ".jsonl", ".yaml", ".csv"]),
       st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8"))
       | st.text(alphabet=string.printable + "青海集群亿元，", max_size=120).map(
           lambda t: t.encode("gbk", "ignore")))
def test_load_profiles_accepts_or_explains(tmp_path_factory: pytest.TempPathFactory,
                                           suffix: str, payload: bytes) -> None:
    tally("tools.load_profiles")
    path = Path(tmp_path_factory.mktemp("fuzz")) / f"p{suffix}"
    path.write_bytes(payload)
    try:
        profiles = tools.load_profiles(path)
    except tools.ProfileError as exc:
        assert "\n" not in str(exc)
        return
    assert profiles and all(isinstance(p, tools.Profile) for p in profiles)


@FAST
@given(st.dictionaries(st.sampled_from(["annual_output", "sme_output_share", "area_km2"]),
                       st.decimals(min_value=0, max_value=10**9, places=6,
                                   allow_nan=False, allow_infinity=False), min_size=1))
def test_loaded_json_values_are_exact(tmp_path_factory: pytest.TempPathFactory,
                                      data: dict) -> None:
    tally("tools.load_profiles.exact")
    data = {k: (min(v, Decimal(100)) if k == "sme_output_share" else v) for k, v in data.items()}
    path = Path(tmp_path_factory.mktemp("exact")) / "p.json"
    path.write_text("{" + ", ".join(f'"{k}": {v}' for k, v in data.items()) + "}")
    (p,) = tools.load_profiles(path)
    for k, v in data.items():
        assert getattr(p, k) == v


# --- ask ------------------------------------------------------------------------------------------

@SLOW
@given(st.lists(st.sampled_from(DOMAIN_WORDS) | st.text(max_size=6), min_size=1, max_size=12)
       .map("".join))
def test_ask_answers_with_verbatim_citations_or_rejects_blank(question: str) -> None:
    tally("assistant.ask")
    if not question.strip():
        with pytest.raises(ValueError):
            assistant.ask(question)
        return
    a = assistant.ask(question)
    assert a.answer.strip()
    for c in a.citations:
        assert verify_quote(c.id, c.quote), c.id
    json.dumps(a.to_json(), ensure_ascii=False, default=str)


# --- coverage-guided fuzzing (atheris / libFuzzer) ---------------------------------------------

ATHERIS_RUNS = 20_000


def test_atheris_number_and_profile_parsers() -> None:
    """libFuzzer exits its process, so the harness runs in a child; a crash fails the test."""
    import subprocess
    import sys

    pytest.importorskip("atheris")
    from .conftest import FIGURES, ROOT

    harness = ROOT / "tests" / "reliability" / "atheris_targets.py"
    done = subprocess.run([sys.executable, str(harness), f"-runs={ATHERIS_RUNS}"],
                          capture_output=True, text=True, timeout=300, cwd=str(ROOT))
    assert done.returncode == 0, done.stderr[-3000:]
    last = [ln for ln in done.stderr.splitlines() if "DONE" in ln]
    assert last and last[-1].startswith(f"#{ATHERIS_RUNS}"), done.stderr[-1500:]
    FIGURES["atheris runs (numbers + profile parser)"] = \
        f"{ATHERIS_RUNS} ({last[-1].split('DONE')[1].split('ft:')[0].strip()})"
