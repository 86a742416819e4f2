"""Done-when: a made-up city's regulation is added, shown, compared, refused while its rules are
a draft, and evaluated once a person has accepted them (the CLI, as a user would run it)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from policy_assistant.cli import cli

HECHUAN = Path(__file__).parent / "fixtures" / "hechuan.txt"
PROFILE = {
    "name": "鹤川示例集群", "area_km2": 60, "enterprise_count": 45,
    "output_by_year": {"2022": 13, "2023": 14.5, "2024": 16}, "sme_output_share": 80,
    "leading_industry_share": 70, "little_giant": 3, "rd_growth": 7, "patent_growth": 9,
    "patents_per_10k": 10, "iip_penetration": 25, "incident_level": "none",
}


def run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(cli, list(args))
    return r.exit_code, r.output


def rows(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_added_city_from_draft_to_verdict(tmp_path: Path) -> None:
    code, out = run("corpus", "add", str(HECHUAN), "--id", "hechuan", "--json")
    assert code == 0, out

    code, out = run("corpus", "show", "hechuan:第四条:（五）", "hechuan:第九条", "--json")
    assert code == 0, out
    assert [r["text"] for r in rows(out)] == ["工业互联网平台应用普及率达到20%以上。",
                                             "本办法自2025年2月1日起施行，有效期3年。"]

    code, out = run("compare", "--metric", "iip_penetration", "--json")
    assert code == 0, out
    (row,) = [r for r in rows(out)[0]["rows"] if r["jurisdiction"] == "hechuan"]
    assert (row["operator"], row["threshold"]) == (">=", 20)
    assert row["citation"]["id"] == "hechuan:第四条:（五）"
    assert "草稿" in json.dumps(row, ensure_ascii=False)  # says the rule is still a draft

    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(PROFILE, ensure_ascii=False), "utf-8")
    bad.write_text(json.dumps({**PROFILE, "iip_penetration": 19.9}, ensure_ascii=False), "utf-8")
    code, out = run("check", "--profile", str(good), "--jurisdiction", "hechuan", "--json")
    assert code != 0 and "规则尚未审核" in out and "Traceback" not in out

    code, out = run("rules", "review", "hechuan", "--accept")
    assert code == 0, out

    code, out = run("check", "--profile", str(good), "--jurisdiction", "hechuan", "--json",
                    "--as-of", "2026-01-01")
    assert code == 0, out
    (result,) = rows(out)
    assert result["jurisdiction"] == "hechuan" and result["verdict"] == "eligible"
    assert {c["metric"]: c["status"] for c in result["criteria"]} == {
        "area_km2": "met", "enterprise_count": "met", "annual_output": "met",
        "sme_output_share": "met", "leading_industry_share": "met", "output_growth": "met",
        "quality_enterprises": "met", "rd_growth": "met", "patent_growth": "met",
        "patents_per_10k": "met", "iip_penetration": "met", "incident_level": "met",
    }
    code, out = run("check", "--profile", str(bad), "--jurisdiction", "hechuan", "--json")
    (result,) = rows(out)
    assert result["verdict"] == "not_eligible"
    (iip,) = [c for c in result["criteria"] if c["metric"] == "iip_penetration"]
    assert iip["status"] == "not_met" and iip["citation"]["id"] == "hechuan:第四条:（五）"

    code, out = run("compare", "--metric", "iip_penetration", "--json")
    (row,) = [r for r in rows(out)[0]["rows"] if r["jurisdiction"] == "hechuan"]
    assert "草稿" not in json.dumps(row, ensure_ascii=False)
