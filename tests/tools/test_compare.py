"""Comparisons across the five jurisdictions."""

from __future__ import annotations

import pytest

from corpus import verify_quote
from tools import METRICS, TOPICS, UnknownTopic, compare_metric, compare_topic


def test_compare_metric_rows_exact() -> None:
    t = compare_metric("iip_penetration")
    assert t["label"] == "工业互联网平台应用普及率" and t["unit"] == "%"
    assert [(r["jurisdiction"], r["operator"], r["threshold"]) for r in t["rows"]] == [
        ("sichuan", ">=", 10), ("guizhou", ">=", 10), ("shandong", ">=", 15),
        ("zhangye", ">=", 10), ("qinghai", ">=", 8)]
    assert t["rows"][4]["citation"] == {"id": "qinghai:附件五",
                                        "quote": "工业互联网平台应用普及率不低于8%"}


def test_compare_metric_shows_qualifiers_and_absent_rows() -> None:
    area = {r["jurisdiction"]: r for r in compare_metric("area_km2")["rows"]}
    assert area["sichuan"]["qualifier"] == "一般" and area["zhangye"]["qualifier"] is None
    count = {r["jurisdiction"]: r for r in compare_metric("enterprise_count")["rows"]}
    assert count["zhangye"]["threshold"] == 10 and count["sichuan"]["absent"] is True
    growth = {r["jurisdiction"]: r for r in compare_metric("output_growth")["rows"]}
    assert growth["sichuan"]["note"].startswith(
        "认定标准未规定此项；相关规定见 leading_industry_growth")
    assert growth["shandong"]["reading"]


def test_compare_metric_by_chinese_label_and_alternatives() -> None:
    assert compare_metric("每万人有效发明专利拥有量")["metric"] == "patents_per_10k"
    q = {r["jurisdiction"]: r for r in compare_metric("quality_enterprises")["rows"]}
    assert q["sichuan"]["threshold"] == 8
    assert [a["threshold"] for a in q["shandong"]["alternatives"]] == [1, 10]
    lg = {r["jurisdiction"]: r for r in compare_metric("little_giant")["rows"]}
    assert lg["zhangye"]["threshold"] == 1 and lg["qinghai"].get("absent") is True


def test_compare_topic_shows_what_only_one_has() -> None:
    t = compare_topic("appeal")
    assert [a["only_in"] for a in t["aspects"]] == [["qinghai"], ["qinghai"]]
    assert t["differences"] == ["申诉期限：青海有规定，四川、贵州、山东、张掖未规定",
                                "答复期限：青海有规定，四川、贵州、山东、张掖未规定"]
    r = compare_topic("撤销")
    low = next(a for a in r["aspects"] if a["aspect"] == "low_satisfaction")
    assert low["only_in"] == ["shandong"]


@pytest.mark.parametrize("topic", list(TOPICS))
def test_topic_quotes_are_verbatim(topic: str) -> None:
    for row in compare_topic(topic)["rows"]:
        for e in row["entries"]:
            assert verify_quote(e["citation"]["id"], e["citation"]["quote"])


def test_unknown_names() -> None:
    with pytest.raises(UnknownTopic, match="unknown metric"):
        compare_metric("gdp")
    with pytest.raises(UnknownTopic, match="unknown topic"):
        compare_topic("weather")
    assert METRICS["area_km2"] == {"label": "占地面积", "unit": "平方公里"}


def test_compare_all_is_one_table_per_metric_in_the_texts() -> None:
    from tools import compare_all

    tables = compare_all()["metrics"]
    keys = [t["metric"] for t in tables]
    assert keys[:4] == ["area_km2", "enterprise_count", "annual_output", "sme_output_share"]
    assert "little_giant" in keys and "leading_industry_champions" in keys
    assert all(len(t["rows"]) == 5 for t in tables)
