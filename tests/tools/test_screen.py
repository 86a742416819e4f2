"""Screening one profile against all five, ranked by closeness; gap analysis; agent tools."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from tools import check, check_all, langchain_tools, summary

BASE = yaml.safe_load((Path(__file__).parent / "golden" / "_base.yaml").read_text("utf-8"))


def test_check_all_ranks_closest_first() -> None:
    p = {**BASE, "output_by_year": {"2022": 21, "2023": 23, "2024": 25.5}, "patents_per_10k": 6}
    results = check_all(p, date(2024, 1, 1))
    order = [r.jurisdiction for r in results]
    # 21亿 and 6个 per 10k: enough for Qinghai, Sichuan (20亿, 5个) and Zhangye (10亿, 5个);
    # Guizhou needs 7个 (one failure); Shandong needs 40亿 and 15个 (two failures).
    assert {r.jurisdiction: r.verdict for r in results} == {
        "qinghai": "eligible", "sichuan": "eligible", "zhangye": "eligible",
        "guizhou": "not_eligible", "shandong": "not_eligible"}
    assert order[-1] == "shandong" and order[-2] == "guizhou"


def test_gaps_give_the_smallest_change() -> None:
    p = {**BASE, "output_by_year": {"2022": 38, "2023": 41, "2024": 47}, "iip_penetration": 12}
    r = check(p, "shandong", date(2024, 1, 1))
    s = summary(r)
    assert s["not_met"] == ["annual_output", "iip_penetration"]
    assert s["gaps"] == ["2022年产值需增加 2 亿元（至 40 亿元以上）",
                         "工业互联网平台应用普及率需提高 3 个百分点（至 15%）"]


def test_agent_tools_return_the_same_objects() -> None:
    check_tool, metric_tool, topic_tool = langchain_tools()
    out = check_tool.invoke({"profile": BASE, "jurisdiction": "青海", "as_of": "2024-01-01"})
    assert out == [check(BASE, "qinghai", date(2024, 1, 1)).to_json()]
    assert metric_tool.invoke({"metric": "rd_growth"})["rows"][2]["threshold"] == 10
    assert topic_tool.invoke({"topic": "nonsense"}).startswith("未知主题 (unknown topic)")
    bad = check_tool.invoke({"profile": {"sme_share": 1}})
    assert bad == ("画像数据有误 (invalid profile): profile.sme_share: 未知字段，是否指 "
                   "sme_output_share？(did you mean sme_output_share?) (unknown key)")


def test_jurisdiction_names() -> None:
    import pytest

    from tools import UnknownJurisdiction, resolve_jurisdiction

    assert [resolve_jurisdiction(x) for x in ("青海", "青海省", "黔", "Shandong", "张掖市")] == [
        "qinghai", "qinghai", "guizhou", "shandong", "zhangye"]
    with pytest.raises(UnknownJurisdiction, match="unknown jurisdiction"):
        resolve_jurisdiction("火星")


def test_agent_schema_describes_profile_keys() -> None:
    check_tool = langchain_tools()[0]
    schema = check_tool.tool_call_schema.model_json_schema()
    props = schema["$defs"]["Profile"]["properties"]
    assert props["incident_level"]["description"].startswith(
        "近三年安全、质量和环境污染等事故的最高等级")
    assert props["sme_output_share"]["description"] == "中小企业产值占集群总产值比例（%）"
