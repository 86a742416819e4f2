"""The eligibility form's data side: form values ↔ profile, inline messages, JSON round trip."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tools import ProfileError, parse_profile
from ui import form


def blank() -> list[object]:
    values: list[object] = []
    for f in form.fields():
        values += [form.UNSET if f.kind in ("flag", "level") else ""] * f.slots
    return values


def put(values: list[object], key: str, *vals: object) -> None:
    at = 0
    for f in form.fields():
        if f.key == key:
            values[at:at + len(vals)] = vals
            return
        at += f.slots
    raise KeyError(key)


def test_every_form_key_is_a_profile_field() -> None:
    for f in form.fields():
        parse_profile({f.key: None})  # an unknown key would only warn; check it is known
        assert not parse_profile({f.key: None}).warnings, f.key


def test_blank_form_is_an_empty_profile_not_zeros() -> None:
    assert form.to_mapping(2025, blank()) == {}


def test_values_become_the_profile_mapping_with_series_years() -> None:
    v = blank()
    put(v, "name", "示例集群")
    put(v, "area_km2", " 80 ")
    put(v, "output_by_year", "18", "", "23.5")
    put(v, "pillar_industry", "是")
    put(v, "misconduct", "否")
    put(v, "incident_level", "一般")
    assert form.to_mapping(2025, v) == {
        "name": "示例集群", "area_km2": "80", "pillar_industry": True,
        "output_by_year": {"2023": "18", "2025": "23.5"},
        "misconduct": False, "incident_level": "一般"}


def test_series_without_a_year_is_a_message() -> None:
    v = blank()
    put(v, "output_by_year", "18", "21", "23")
    with pytest.raises(ProfileError, match="最近一个完整年度"):
        form.to_mapping(None, v)


def test_field_errors_name_each_bad_field_and_only_those() -> None:
    errors = form.field_errors({"area_km2": "80", "enterprise_count": "abc",
                                "sme_output_share": "120", "name": "x"})
    assert errors == {"enterprise_count": "应为数字 (not a number): 'abc'",
                      "sme_output_share": "比例不能超过100 (a percentage over 100): '120'"}


def test_profile_json_keeps_exact_numbers_and_round_trips() -> None:
    v = blank()
    put(v, "name", "示例集群")
    put(v, "sme_output_share", "55.1")
    put(v, "output_by_year", "18", "21.25", "23")
    put(v, "operating_body", "是")
    put(v, "incident_level", "较大")
    data = form.profile_json(form.to_mapping(2025, v))
    assert data == {"name": "示例集群", "output_by_year": {"2023": 18, "2024": 21.25, "2025": 23},
                    "sme_output_share": 55.1, "operating_body": True,
                    "incident_level": "larger"}
    again = parse_profile(json.loads(json.dumps(data)))
    assert again.sme_output_share == Decimal("55.1")
    latest, values = form.from_json_text(json.dumps(data, ensure_ascii=False))
    assert latest == 2025
    assert values == [str(x) if not isinstance(x, str) else x for x in values]
    assert form.to_mapping(latest, values) == {
        "name": "示例集群", "output_by_year": {"2023": "18", "2024": "21.25", "2025": "23"},
        "sme_output_share": "55.1", "operating_body": True, "incident_level": "较大"}


def test_uploaded_json_that_is_not_a_profile_is_a_message() -> None:
    with pytest.raises(ProfileError, match="not valid JSON"):
        form.from_json_text("{oops")
    with pytest.raises(ProfileError, match="sme_output_share"):
        form.from_json_text('{"sme_output_share": "很多"}')
