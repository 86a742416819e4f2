"""Profile validation and loading: clear one-line messages, unknown keys as warnings."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tools import ProfileError, check, load_profiles, parse_profile


@pytest.mark.parametrize(("data", "message"), [
    ({"sme_output_share": -5},
     "画像数据有误 (invalid profile): sme_output_share: 不能为负数 (must not be negative): -5"),
    ({"leading_industry_share": 120},
     "画像数据有误 (invalid profile): leading_industry_share: 比例不能超过100 "
     "(a percentage over 100): 120"),
    ({"area_km2": "很大"},
     "画像数据有误 (invalid profile): area_km2: 应为数字 (not a number): '很大'"),
    ({"little_giant": 1.5},
     "画像数据有误 (invalid profile): little_giant: 应为整数 (not a whole number): 1.5"),
    ({"output_by_year": {"去年": 3}},
     "画像数据有误 (invalid profile): output_by_year: 年份应为四位数字 "
     "(year must be like 2024): '去年'"),
    ({"operating_body": "maybe"},
     "画像数据有误 (invalid profile): operating_body: 应为 是/否 (not yes/no): 'maybe'"),
    ({"single_champion": 1, "little_giant": 0, "leading_industry_champions": 2},
     "画像数据有误 (invalid profile): leading_industry_champions 多于单项冠军与小巨人之和 "
     "(more leading-industry champions than champions + little giants)"),
    ({"output_by_year": {"2024": 20}, "sme_output": 25},
     "画像数据有误 (invalid profile): sme_output 大于2024年集群总产值 "
     "(exceeds the cluster's total output of 2024)"),
    ({"specialized_sme": 3, "little_giant": 1, "single_champion": 0, "innovative_sme": 0,
      "high_tech": 0, "quality_enterprises": 5},
     "画像数据有误 (invalid profile): quality_enterprises（去重家数）多于各类合计 "
     "(distinct count exceeds the sum of the categories)"),
])
def test_bad_values_get_one_line_messages(data: dict, message: str) -> None:
    with pytest.raises(ProfileError) as err:
        parse_profile(data)
    assert str(err.value) == message
    assert "\n" not in str(err.value)


def test_unknown_keys_warn_with_the_nearest_key() -> None:
    p = parse_profile({"sme_share": 60, "area_km2": 10})
    assert p.warnings == ("未知字段 'sme_share' 已忽略，是否指 sme_output_share？"
                          "(did you mean sme_output_share?) (unknown key ignored)",)
    r = check(p, "qinghai", date(2024, 1, 1)).to_json()
    assert [w["code"] for w in r["warnings"]] == ["unknown_key"]


def test_numbers_are_decimals_from_their_text() -> None:
    p = parse_profile({"area_km2": 0.1, "rd_growth": "5.10", "output_by_year": {"2024年": 1}})
    assert p.area_km2 == Decimal("0.1") and p.rd_growth == Decimal("5.10")
    assert p.output_by_year == {2024: Decimal(1)}
    assert parse_profile({"incident_level": "较大"}).incident_level == "larger"
    assert parse_profile({"misconduct": "否"}).misconduct is False


def test_load_csv_with_year_columns(tmp_path: Path) -> None:
    f = tmp_path / "clusters.csv"
    f.write_text("name,output_2022,output_2023,output_2024,sme_output_share,operating_body\n"
                 "甲,21,22,23.5,61,是\n"
                 ",19,,25,,\n", encoding="utf-8")
    a, b = load_profiles(f)
    assert a.name == "甲" and a.output_by_year == {2022: 21, 2023: 22, 2024: Decimal("23.5")}
    assert a.operating_body is True
    assert b.name == "clusters#2" and b.output_by_year == {2022: 19, 2024: 25}
    assert b.sme_output_share is None  # empty cell: unknown, not zero


def test_load_csv_with_rd_and_patent_year_columns(tmp_path: Path) -> None:
    f = tmp_path / "clusters.csv"
    f.write_text("name,rd_2023,rd_2025,patents_2023,patents_2025\n"
                 "甲,10000,11025,100,\n", encoding="utf-8")
    (a,) = load_profiles(f)
    assert a.rd_by_year == {2023: 10000, 2025: 11025}
    assert a.patents_by_year == {2023: 100}  # empty cell: unknown, not zero


def test_load_csv_error_names_the_row(tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_text("name,area_km2\n甲,10\n乙,-3\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"^第3行 \(row 3\) 画像数据有误"):
        load_profiles(f)


def test_load_json_yaml_jsonl(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"name": "甲", "area_km2": 5}), "utf-8")
    (tmp_path / "b.yaml").write_text("- name: 乙\n  area_km2: 6\n- name: 丙\n", "utf-8")
    (tmp_path / "c.jsonl").write_text('{"name": "丁"}\n\n{"area_km2": 7}\n', "utf-8")
    assert [p.name for p in load_profiles(tmp_path / "a.json")] == ["甲"]
    assert [p.name for p in load_profiles(tmp_path / "b.yaml")] == ["乙", "丙"]
    assert [p.name for p in load_profiles(tmp_path / "c.jsonl")] == ["丁", "c#2"]


def test_load_rejects_unparseable_and_unknown_types(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{", "utf-8")
    with pytest.raises(ProfileError, match=r"^bad.json: 无法解析 \(cannot parse\)"):
        load_profiles(tmp_path / "bad.json")
    (tmp_path / "x.txt").write_text("", "utf-8")
    with pytest.raises(ProfileError, match="unsupported profile file type"):
        load_profiles(tmp_path / "x.txt")


def test_load_gbk_csv_from_a_spreadsheet(tmp_path: Path) -> None:
    f = tmp_path / "excel.csv"
    f.write_bytes("name,area_km2,operating_body\r\n某县集群,50,是\r\n".encode("gbk"))
    (p,) = load_profiles(f)
    assert p.name == "某县集群" and p.area_km2 == 50 and p.operating_body is True


def test_csv_row_with_too_many_cells(tmp_path: Path) -> None:
    f = tmp_path / "c.csv"
    f.write_text("name,area_km2\n甲,10,多余\n", encoding="utf-8")
    with pytest.raises(ProfileError) as err:
        load_profiles(f)
    assert str(err.value) == ("第2行 (row 2) CSV 行的列数多于表头 "
                              "(a row has more cells than the header)")
