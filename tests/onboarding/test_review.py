"""`corpus add` drafts rules into the data directory; `rules review` shows and accepts them."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from policy_assistant.cli import cli
from tools.drafting import rules_path

HECHUAN = Path(__file__).parent / "fixtures" / "hechuan.txt"


def run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.output


def add() -> dict:
    code, out = run("corpus", "add", str(HECHUAN), "--id", "hechuan", "--json")
    assert code == 0, out
    return json.loads(out.splitlines()[-1])


def test_add_drafts_into_the_data_directory(_isolated_home: Path) -> None:
    row = add()
    assert row["rules_drafted"] == 12
    path = rules_path("hechuan")
    assert path == _isolated_home / "rules" / "hechuan.yaml" and path.is_file()
    doc = yaml.safe_load(path.read_text("utf-8"))
    assert doc["status"] == "draft" and doc["jurisdiction"] == "hechuan"


def test_review_shows_each_rule_beside_its_quote() -> None:
    add()
    code, out = run("rules", "review", "hechuan")
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].startswith("hechuan 的规则（草稿，尚未审核，审核前不用于资格判定）")
    assert lines[1:5] == [
        " 1. 占地面积 ≤ 80 平方公里（原文：原则上）",
        "    原文【hechuan:第四条:（一）】占地面积原则上不超过80平方公里  ✓ 与原文一致",
        " 2. 相关生产、服务等企业户数 ≥ 30 户",
        "    原文【hechuan:第四条:（一）】相关生产、服务等企业户数不少于30户  ✓ 与原文一致",
    ]
    assert ("    b. 优质中小企业数量 ≥ 12 家（计：专精特新中小企业、创新型中小企业、"
            "国家级高新技术企业）：或者不少于12家专精特新中小企业、创新型中小企业和"
            "国家级高新技术企业") in lines
    assert "施行日期：2025-02-01  原文【hechuan:第九条】自2025年2月1日起施行" in lines
    assert "放宽条款（ethnic_or_revolutionary_area）【hechuan:第四条】革命老区可适当放宽" in lines
    assert lines[-1] == "确认无误后执行：policy-assistant rules review hechuan --accept"


def test_review_json_and_accept() -> None:
    add()
    code, out = run("rules", "review", "hechuan", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["status"] == "draft" and len(doc["criteria"]) == 12
    assert all(c["quote_verified"] and not c["reviewed"] for c in doc["criteria"])
    assert doc["criteria"][0]["unit_text"].startswith("集群主导产业为所在县域的特色产业")
    code, out = run("rules", "review", "hechuan", "--accept", "--json")
    assert code == 0, out
    assert json.loads(out)["status"] == "reviewed" and json.loads(out)["accepted"] == 12
    saved = yaml.safe_load(rules_path("hechuan").read_text("utf-8"))
    assert saved["status"] == "reviewed"
    assert all(c["reviewed"] for c in saved["criteria"]) and all(f["reviewed"]
                                                                 for f in saved["dates"])
    code, out = run("rules", "review", "hechuan")
    assert code == 0 and out.startswith("hechuan 的规则（已审核）") and "--accept" not in out


def test_accept_refuses_an_edited_quote_or_a_changed_text() -> None:
    add()
    path = rules_path("hechuan")
    doc = yaml.safe_load(path.read_text("utf-8"))
    doc["criteria"][0]["phrase"] = "占地面积原则上不超过90平方公里"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    code, out = run("rules", "review", "hechuan", "--accept")
    assert code == 1 and "引文与原文不符" in out and "Traceback" not in out
    assert "✗ 原文中找不到此引文" in run("rules", "review", "hechuan")[1]
    doc["criteria"][0]["phrase"] = "占地面积原则上不超过80平方公里"
    doc["source_sha256"] = "0" * 64
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    code, out = run("rules", "review", "hechuan", "--accept")
    assert code == 1 and "原文在起草后已更改" in out
    assert yaml.safe_load(path.read_text("utf-8"))["status"] == "draft"


def test_accept_refuses_rules_the_engine_cannot_read() -> None:
    add()
    path = rules_path("hechuan")
    doc = yaml.safe_load(path.read_text("utf-8"))
    doc["criteria"][0]["operator"] = "≥"  # a hand edit outside the engine's operators
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    code, out = run("rules", "review", "hechuan", "--accept")
    assert code == 1 and "判定引擎无法读取" in out and "Traceback" not in out
    path.write_text("criteria: [unclosed", "utf-8")
    code, out = run("rules", "review", "hechuan")
    assert code == 1 and "规则文件无法解析" in out and len(out.strip().splitlines()) == 1


def test_accept_refuses_an_every_year_rule_without_its_years(tmp_path: Path) -> None:
    f = tmp_path / "t.txt"
    f.write_text("柳塘市中小企业特色产业集群认定办法\n第一条 为促进中小企业集群发展，制定本办法。\n"
                 "第二条 集群产值在10亿元以上。\n第三条 本办法自2025年5月1日起施行。\n", "utf-8")
    assert run("corpus", "add", str(f), "--id", "liutang")[0] == 0
    code, out = run("rules", "review", "liutang")
    assert "注意：原文未写明“近N年”，请审核时补充年数 (years not stated)" in out
    code, out = run("rules", "review", "liutang", "--accept")
    assert code == 1 and "annual_output 未写明年数" in out
    path = rules_path("liutang")
    doc = yaml.safe_load(path.read_text("utf-8"))
    doc["criteria"][0]["years"] = 1  # the reviewer reads it as one year
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    assert run("rules", "review", "liutang", "--accept")[0] == 0


def test_adding_again_resets_the_draft() -> None:
    add()
    assert run("rules", "review", "hechuan", "--accept")[0] == 0
    add()
    assert yaml.safe_load(rules_path("hechuan").read_text("utf-8"))["status"] == "draft"


def test_review_errors_are_one_line() -> None:
    code, out = run("rules", "review", "nowhere")
    assert code == 1 and out.startswith("Error: 未知文件编号 (unknown document id): 'nowhere'")
    assert len(out.strip().splitlines()) == 1
    add()
    rules_path("hechuan").unlink()
    code, out = run("rules", "review", "hechuan")
    assert code == 1 and "没有 hechuan 的规则草稿" in out
    code, out = run("rules", "review", "qinghai", "--accept")
    assert code == 1 and "内置规则" in out


def test_review_of_a_shipped_jurisdiction_shows_its_reviewed_rules() -> None:
    code, out = run("rules", "review", "shandong")
    assert code == 0 and out.startswith("shandong 的规则（已审核）")
    assert "    原文【shandong:第四条:（一）】近三年产值均在40亿元以上  ✓ 与原文一致" in out
    assert "✗" not in out


def test_a_gbk_province_with_its_standard_in_an_attachment(tmp_path: Path) -> None:
    """Another made-up regulation: GBK, criteria in 附件 sections, other wordings and units."""
    source = Path(__file__).parent / "fixtures" / "lanping.txt"
    gbk = tmp_path / "lanping.txt"
    gbk.write_bytes(source.read_text("utf-8").encode("gbk"))
    code, out = run("corpus", "add", str(gbk), "--id", "lanping", "--json")
    assert code == 0, out
    assert json.loads(out)["rules_drafted"] == 8
    doc = json.loads(run("rules", "review", "lanping", "--json")[1])
    assert [(c["metric"], c["operator"], c["threshold"], c["unit"], c.get("years"),
             c.get("qualifier"), c["citation"]) for c in doc["criteria"]] == [
        ("area_km2", "<=", 50, "平方公里", None, "一般", "lanping:附件一"),
        ("annual_output", ">=", "0.8", "亿元", 2, None, "lanping:附件一"),
        ("sme_output_share", ">=", 55, "%", None, None, "lanping:附件一"),
        ("leading_industry_share", ">", 45, "%", None, None, "lanping:附件一"),
        ("leading_industry_growth", ">", "4.5", "%", None, "原则上", "lanping:附件一"),
        ("quality_enterprises", ">=", 3, "家", None, None, "lanping:附件二"),
        ("patents_per_10k", ">=", 3, "个", None, None, "lanping:附件三"),
        ("iip_penetration", ">=", 6, "%", None, None, "lanping:附件四"),
    ]
    assert all(c["quote_verified"] for c in doc["criteria"])
    assert doc["criteria"][1]["phrase"] == "近两年产值均达到8000万元以上"
    assert doc["skipped"] == [{"citation": "lanping:附件三",
                               "phrase": "研发人员占从业人员比例不低于5%",
                               "reason": "未识别指标 (no metric recognised)"}]
    assert [(f["fact"], f["value"], f["phrase"]) for f in doc["dates"]] == [
        ("effective_date", "on_issue", "自印发之日起施行"), ("validity_years", 5, "有效期五年")]


def test_a_text_without_numeric_criteria_drafts_nothing(tmp_path: Path) -> None:
    f = tmp_path / "plain.txt"
    f.write_text("松河市中小企业特色产业集群管理办法\n"
                 "第一条 为支持中小企业集群发展，制定本办法。\n"
                 "第二条 集群应当设立运营管理机构。\n"
                 "第三条 本办法自2025年5月1日起施行。\n", "utf-8")
    code, out = run("corpus", "add", str(f), "--id", "songhe")
    assert code == 0 and "已起草 0 条规则" in out
    code, out = run("rules", "review", "songhe")
    assert code == 0 and "未从原文中起草出数值规则" in out
    assert "施行日期：2025-05-01  原文【songhe:第三条】自2025年5月1日起施行" in out


def test_rules_list_and_redraft() -> None:
    add()
    code, out = run("rules", "list", "--json")
    assert code == 0, out
    rows = {r["id"]: r for r in map(json.loads, out.splitlines())}
    assert [rows[j]["status"] for j in ("sichuan", "qinghai", "hechuan")] == \
        ["reviewed", "reviewed", "draft"]
    assert rows["hechuan"]["source"] == "user" and rows["hechuan"]["criteria"] == 12
    assert rows["shandong"]["source"] == "shipped" and rows["shandong"]["path"] is None
    assert run("rules", "review", "hechuan", "--accept")[0] == 0
    out = run("rules", "list")[1]
    assert ("hechuan    添加｜已审核｜12条  鹤川市中小企业特色产业集群培育认定办法"
            in out.splitlines())
    code, out = run("rules", "draft", "hechuan")
    assert code == 0 and out.startswith("已重新起草 hechuan 的 12 条规则（草稿）")
    assert yaml.safe_load(rules_path("hechuan").read_text("utf-8"))["status"] == "draft"
    code, out = run("rules", "draft", "qinghai")
    assert code == 1 and "内置文件" in out
