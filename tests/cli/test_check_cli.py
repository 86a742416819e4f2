"""`policy-assistant check` and `compare` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from policy_assistant.cli import cli

PROFILE = {"name": "某县机械集群", "area_km2": 80,
           "output_by_year": {"2022": 18, "2023": 21, "2024": 25}, "sme_output_share": 72,
           "leading_industry_share": 55, "rd_growth": 6}


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_check_json_one_object_per_jurisdiction(tmp_path: Path) -> None:
    f = write(tmp_path, "p.json", json.dumps(PROFILE, ensure_ascii=False))
    res = run("check", "--profile", f, "--jurisdiction", "all", "--as-of", "2024-01-01",
              "--json")
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert sorted(r["jurisdiction"] for r in rows) == [
        "guizhou", "qinghai", "shandong", "sichuan", "zhangye"]
    assert {r["verdict"] for r in rows} == {"not_eligible"}
    qinghai = next(r for r in rows if r["jurisdiction"] == "qinghai")
    annual = next(c for c in qinghai["criteria"] if c["metric"] == "annual_output")
    assert {k: annual[k] for k in ("status", "value", "operator", "threshold", "unit", "margin")} \
        == {"status": "not_met", "value": 18, "operator": ">=", "threshold": 20, "unit": "亿元",
            "margin": -2}
    assert annual["citation"] == {"id": "qinghai:附件一", "quote": "近三年产值均在20亿元以上"}


def test_check_human_output(tmp_path: Path) -> None:
    f = write(tmp_path, "p.json", json.dumps(PROFILE, ensure_ascii=False))
    res = run("check", "--profile", f, "-j", "青海", "--as-of", "2024-01-01")
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert lines[0] == "【青海】某县机械集群：不符合（满足 5 项，不满足 1 项，未知 14 项）"
    assert ("  ✗ 近三年集群年产值（每一年）：18亿元，标准 ≥ 20亿元（差 2 亿元）  "
            "〔qinghai:附件一〕“近三年产值均在20亿元以上”") in lines
    assert "      差距：2022年产值需增加 2 亿元（至 20 亿元以上）" in lines


def test_check_summary_csv(tmp_path: Path) -> None:
    f = write(tmp_path, "c.csv", "name,output_2022,output_2023,output_2024\n甲,9,10,11\n")
    res = run("check", "--profile", f, "-j", "zhangye", "--summary", "--json")
    assert res.exit_code == 0
    row = json.loads(res.output)
    assert row["verdict"] == "not_eligible" and row["not_met"] == ["annual_output"]
    assert row["gaps"] == ["2022年产值需增加 1 亿元（至 10 亿元以上）"]


def test_check_from_stdin() -> None:
    res = run("check", "--profile", "-", "-j", "sichuan", "--json",
              stdin=json.dumps({"name": "乙", "incident_level": "较大"}))
    assert res.exit_code == 0
    assert json.loads(res.output)["verdict"] == "not_eligible"


def test_bad_input_is_one_line_and_exit_1(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.json", '{"sme_output_share": 150}')
    res = run("check", "--profile", bad)
    assert res.exit_code == 1
    assert res.output == ("Error: 画像数据有误 (invalid profile): sme_output_share: "
                          "比例不能超过100 (a percentage over 100): 150\n")
    res = run("check", "--profile", str(tmp_path / "none.json"))
    assert res.exit_code == 1 and "profile file not found" in res.output
    res = run("check", "--profile", bad, "-j", "mars")
    assert res.exit_code == 1 and res.output.startswith("Error: 未知地区 (unknown jurisdiction)")
    res = run("check", "--profile", bad, "--as-of", "yesterday")
    assert res.exit_code == 1 and "invalid date" in res.output


def test_compare_metric_json_and_text() -> None:
    res = run("compare", "--metric", "sme_output_share", "--json")
    assert res.exit_code == 0
    t = json.loads(res.output)
    assert [(r["jurisdiction"], r["threshold"]) for r in t["rows"]] == [
        ("sichuan", 60), ("guizhou", 60), ("shandong", 70), ("zhangye", 70), ("qinghai", 50)]
    res = run("compare", "-m", "area_km2")
    assert res.output.splitlines()[1] == \
        "  四川   ≤ 100平方公里［一般］  〔sichuan:第十一条:（一）〕“占地面积一般不超过100平方公里”"


def test_compare_topic_and_errors() -> None:
    res = run("compare", "--topic", "appeal")
    assert res.exit_code == 0
    assert "  差异：申诉期限：青海有规定，四川、贵州、山东、张掖未规定" in res.output
    res = run("compare")
    assert res.exit_code == 1 and "exactly one of --metric, --topic" in res.output
    res = run("compare", "--topic", "weather")
    assert res.exit_code == 1 and "unknown topic" in res.output
    res = run("compare", "--list", "--json")
    assert "validity" in json.loads(res.output)["topics"]


def test_compare_all_matrix() -> None:
    res = run("compare", "--metric", "all")
    assert res.exit_code == 0
    lines = res.output.splitlines()
    assert lines[0] == "指标\t四川\t贵州\t山东\t张掖\t青海"
    assert "中小企业产值占集群总产值比例\t≥60%\t≥60%\t≥70%\t≥70%\t≥50%" in lines
    assert "优质中小企业数量\t≥8家\t≥8家\t≥1家 或 ≥10家\t≥1家 或 ≥3家\t≥1家 或 ≥6家" in lines
    assert ("近三年安全、质量和环境污染等事故的最高等级\t无较大及以上\t无重大及以上\t"
            "无较大及以上\t无较大及以上\t无较大及以上") in lines
