"""Derived metrics are decided exactly and shown with their formula."""

from __future__ import annotations

from datetime import date

from tools import check

AS_OF = date(2024, 1, 1)


def criterion(profile: dict, jurisdiction: str, metric: str) -> dict:
    result = check(profile, jurisdiction, AS_OF).to_json()
    return next(c for c in result["criteria"] if c["metric"] == metric)


def test_growth_exactly_at_threshold_is_decided_without_roots() -> None:
    # 100 → 110.25 over two years is exactly 5% a year: 不低于5% met, 高于5% not met.
    series = {"2022": 100, "2023": 104, "2024": 110.25}
    c = criterion({"leading_industry_output_by_year": series}, "sichuan",
                  "leading_industry_growth")
    assert c["status"] == "met" and c["value"] == 5 and c["margin_text"] == "恰好达到标准"
    assert c["derivation"] == ("年均增速 = (2024年主导产业产值 / 2022年主导产业产值)^(1/2) − 1 = "
                               "(110.25 / 100)^(1/2) − 1 = 5%")
    q = criterion({"output_by_year": series}, "qinghai", "output_growth")
    assert q["status"] == "not_met" and q["margin_text"] == "恰好等于 5%，但要求高于"
    assert q["gap"] == "2022年集群产值不变时，2024年集群产值需超过 110.25 亿元（现为 110.25 亿元）"


def test_growth_just_below_is_not_met_even_when_rounding_says_5() -> None:
    c = criterion({"leading_industry_output_by_year": {"2022": 100, "2024": "110.2499999"}},
                  "sichuan", "leading_industry_growth")
    assert c["status"] == "not_met"
    assert c["value"] == 5.0  # displays as 5.00 after rounding, but the decision is exact
    assert c["derivation"].endswith("≈ 5%")


def test_share_from_raw_output_uses_cross_multiplication() -> None:
    p = {"output_by_year": {"2022": 40, "2023": 45, "2024": 50}, "sme_output": 30}
    c = criterion(p, "sichuan", "sme_output_share")
    assert c["status"] == "met" and c["value"] == 60 and c["margin"] == 0
    assert c["derivation"] == "2024年中小企业产值 30 亿元 ÷ 集群总产值 50 亿元 × 100% = 60%"
    p["sme_output"] = "29.99"
    c = criterion(p, "sichuan", "sme_output_share")
    assert c["status"] == "not_met"
    assert c["gap"] == "2024年中小企业产值需提高 0.01 亿元（至 30 亿元）"


def test_decimal_not_float() -> None:
    # As a float 59.99999999999999999 is 60.0; as given it is below 60.
    c = criterion({"sme_output_share": "59.99999999999999999"}, "sichuan", "sme_output_share")
    assert c["status"] == "not_met"


def test_patents_per_10k_from_counts() -> None:
    c = criterion({"patents": 21, "employees": 30000}, "guizhou", "patents_per_10k")
    assert c["status"] == "met" and c["value"] == 7
    c = criterion({"patents": 20, "employees": 30000}, "guizhou", "patents_per_10k")
    assert c["status"] == "not_met" and c["value"] == 6.67
    assert c["margin_text"] == "差 约0.33 个"
    assert c["gap"] == "有效发明专利需增加 1 件（至少 21 件）"


def test_every_year_one_failing_year_decides_even_with_a_year_missing() -> None:
    c = criterion({"output_by_year": {"2022": 19, "2024": 30}}, "sichuan", "annual_output")
    assert c["status"] == "not_met" and c["value"] == 19
    assert c["gap"] == "2022年产值需增加 1 亿元（至 20 亿元以上）"
    c = criterion({"output_by_year": {"2022": 21, "2024": 30}}, "sichuan", "annual_output")
    assert c["status"] == "unknown"
    assert c["derivation"].endswith("缺少 2023年 产值")


def test_missing_is_unknown_never_zero() -> None:
    c = criterion({}, "sichuan", "quality_enterprises")
    assert c["status"] == "unknown" and c["value"] is None
    # a known partial sum that already reaches the threshold is enough
    c = criterion({"specialized_sme": 9}, "sichuan", "quality_enterprises")
    assert c["status"] == "met"
    c = criterion({"specialized_sme": 7}, "sichuan", "quality_enterprises")
    assert c["status"] == "unknown"


def test_leading_champions_are_zero_when_there_are_none_at_all() -> None:
    p = {"single_champion": 0, "little_giant": 0, "specialized_sme": 2, "innovative_sme": 1,
         "high_tech": 1}
    c = criterion(p, "qinghai", "quality_enterprises")
    assert c["status"] == "not_met"
    assert [a["status"] for a in c["alternatives"]] == ["not_met", "not_met"]
    assert c["gap"] == ("主导产业的制造业单项冠军或专精特新“小巨人”企业数量需提高 1 家（至 1家）；"
                        "或优质中小企业数量需提高 2 家（至 6家）")


def test_conditional_green_criteria() -> None:
    assert criterion({"high_energy_use": False}, "sichuan", "energy_efficiency")["note"] == \
        "不适用（不属于该类行业）"
    c = criterion({"high_energy_use": True, "energy_efficiency_above_benchmark": False},
                  "sichuan", "energy_efficiency")
    assert c["status"] == "not_met"
    assert criterion({}, "sichuan", "energy_efficiency")["status"] == "unknown"


def test_incident_severity_scale() -> None:
    assert criterion({"incident_level": "一般"}, "sichuan", "incident_level")["status"] == "met"
    assert criterion({"incident_level": "较大"}, "sichuan", "incident_level")["status"] == \
        "not_met"
    assert criterion({"incident_level": "较大"}, "guizhou", "incident_level")["status"] == "met"


def test_compiled_evaluators_match_the_generic_ones() -> None:
    import random

    from tools.compiled import compile_rule
    from tools.derive import evaluate
    from tools.profile import parse_profile
    from tools.rules import load_rules

    rng = random.Random(7)
    choices = {"area_km2": [None, 99, 100, 101], "rd_growth": [None, 5, "5.01", 4],
               "iip_penetration": [None, 8, 15, "14.99"], "misconduct": [None, True, False],
               "pillar_industry": [None, True, False],
               "incident_level": [None, "无", "较大", "重大"],
               "patents_per_10k": [None, 5, 7, 15], "sme_output_share": [None, 50, 60, 70]}
    for _ in range(200):
        p = parse_profile({k: rng.choice(v) for k, v in choices.items()})
        for j in ("sichuan", "guizhou", "shandong", "zhangye", "qinghai"):
            for r in load_rules(j).rules:
                fast, slow = compile_rule(r)(p), evaluate(r, p)
                assert fast.to_json() == slow.to_json()


def test_growth_decision_matches_exact_rational_arithmetic() -> None:
    """Property: the cross-multiplied Decimal decision equals the decision in Fractions."""
    from fractions import Fraction

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from tools.derive import evaluate
    from tools.profile import parse_profile
    from tools.rules import load_rules

    rule = load_rules("qinghai").by_metric["output_growth"]  # 高于5%
    amounts = st.decimals(min_value="0.01", max_value="1000", places=4, allow_nan=False,
                          allow_infinity=False)

    @settings(max_examples=300, deadline=None)
    @given(first=amounts, last=amounts)
    def prop(first, last) -> None:  # type: ignore[no-untyped-def]
        p = parse_profile({"output_by_year": {"2022": str(first), "2024": str(last)}})
        got = evaluate(rule, p).status
        ratio = Fraction(last) / Fraction(first)
        want = "met" if ratio > Fraction(105, 100) ** 2 else "not_met"
        assert got == want

    prop()


def test_alternatives_take_margin_text_from_the_deciding_option() -> None:
    p = {"single_champion": 0, "little_giant": 0, "specialized_sme": 4, "innovative_sme": 2,
         "high_tech": 1}
    c = criterion(p, "qinghai", "quality_enterprises")
    assert (c["status"], c["value"], c["operator"], c["margin_text"]) == (
        "met", 7, "any", "超出标准 1 家")


def test_unknown_criteria_name_the_facts_that_would_settle_them() -> None:
    c = criterion({}, "qinghai", "output_growth")
    assert c["status"] == "unknown" and c["missing"] == ["output_by_year", "output_growth"]
    assert criterion({"rd_growth": 6}, "qinghai", "rd_growth")["missing"] == []


def test_rd_and_patent_growth_from_yearly_figures_at_below_and_above() -> None:
    # Guizhou: 研发经费年均增速高于5% (>), 有效发明专利年均增长率不低于5% (>=). 100 → 110.25 over
    # two years is exactly 5% a year; the series may be in any one unit (万元 here).
    at = {"2022": 10000, "2023": 10500, "2024": 11025}
    below = {"2022": 10000, "2024": "11024.99"}
    above = {"2022": 10000, "2024": "11025.01"}
    rd = [criterion({"rd_by_year": s}, "guizhou", "rd_growth") for s in (below, at, above)]
    assert [c["status"] for c in rd] == ["not_met", "not_met", "met"]
    assert rd[1]["gap"] == "2022年研发经费不变时，2024年研发经费需超过 11025（现为 11025）"
    pat = [criterion({"patents_by_year": s}, "guizhou", "patent_growth")
           for s in ({"2022": 100, "2024": 110}, {"2022": 100, "2024": "110.25"},
                     {"2022": 100, "2024": 111})]
    assert [c["status"] for c in pat] == ["not_met", "met", "met"]
    assert pat[1]["derivation"] == ("年均增速 = (2024年有效发明专利数 / 2022年有效发明专利数)^(1/2)"
                                    " − 1 = (110.25 / 100)^(1/2) − 1 = 5%")


def test_patents_per_10k_takes_the_latest_yearly_count_when_no_total_is_given() -> None:
    c = criterion({"patents_by_year": {"2022": 15, "2023": 21}, "employees": 30000}, "guizhou",
                  "patents_per_10k")
    assert c["status"] == "met" and c["value"] == 7
    c = criterion({"patents_by_year": {"2022": 15, "2023": 20}, "employees": 30000}, "guizhou",
                  "patents_per_10k")
    assert c["status"] == "not_met"
    c = criterion({"rd_by_year": {"2024": 1}}, "guizhou", "rd_growth")  # one year: unknown
    assert c["status"] == "unknown"


def test_distinct_total_counts_for_a_subset_when_the_other_categories_are_none() -> None:
    # Shandong's second branch counts 专精特新、创新型、高新技术 (不少于10家); with no 单项冠军
    # and no 小巨人 the distinct total of all five is the total of those three.
    none_else = {"single_champion": 0, "little_giant": 0}
    for total, status in ((9, "not_met"), (10, "met"), (11, "met")):
        c = criterion({**none_else, "quality_enterprises": total}, "shandong",
                      "quality_enterprises")
        assert c["status"] == status, total
        assert [a["status"] for a in c["alternatives"]] == ["not_met", status]
    # one of the other categories not said: the total may include it, so it decides nothing
    c = criterion({"single_champion": 0, "quality_enterprises": 12}, "shandong",
                  "quality_enterprises")
    assert c["status"] == "unknown"


def test_leading_share_from_the_leading_series_of_the_same_year_at_below_and_above() -> None:
    # Sichuan: 主导产业占集群总产值60%以上 (inclusive); the series' 2024 value over the 2024 total
    total = {"2022": 20, "2023": 22, "2024": 25}
    for lead, status in (("15", "met"), ("14.99", "not_met"), ("15.01", "met")):
        series = {"2022": 10, "2023": 11, "2024": lead}
        c = criterion({"output_by_year": total, "leading_industry_output_by_year": series},
                      "sichuan", "leading_industry_share")
        assert c["status"] == status, (lead, c)
    exact = criterion({"output_by_year": total,
                       "leading_industry_output_by_year": {"2024": 15}},
                      "sichuan", "leading_industry_share")
    assert exact["margin_text"] == "恰好达到标准" and "2024年主导产业产值 15" in exact["derivation"]
    # a series without the total's year says nothing about that year's share
    other = criterion({"output_by_year": total,
                       "leading_industry_output_by_year": {"2022": 12, "2023": 14}},
                      "sichuan", "leading_industry_share")
    assert other["status"] == "unknown"


def test_growth_from_the_first_and_last_of_four_years_spans_three() -> None:
    # 8000 → 9261 (万元) over three years is exactly 5% a year (1.05³ = 1.157625):
    # Guizhou's 高于5% is not met at it, met just above; with the middle years missing.
    at = {"2020": "0.8", "2023": "0.9261"}
    above = {"2020": "0.8", "2023": "0.92610001"}
    below = {"2020": "0.8", "2023": "0.92609999"}
    c = criterion({"rd_by_year": at}, "guizhou", "rd_growth")
    assert c["status"] == "not_met" and c["value"] == 5
    assert c["derivation"].startswith("年均增速 = (2023年") and "^(1/3)" in c["derivation"]
    assert criterion({"rd_by_year": above}, "guizhou", "rd_growth")["status"] == "met"
    assert criterion({"rd_by_year": below}, "guizhou", "rd_growth")["status"] == "not_met"
    # Sichuan's 不低于3% over three years: 1.03³ = 1.092727 is met, just below is not
    sc = {"2020": "1", "2023": "1.092727"}
    assert criterion({"rd_by_year": sc}, "sichuan", "patent_growth")["status"] == "unknown"
    assert criterion({"patents_by_year": sc}, "sichuan", "patent_growth")["status"] == "met"
    assert criterion({"patents_by_year": {"2020": "1", "2023": "1.0927269"}}, "sichuan",
                     "patent_growth")["status"] == "not_met"
    # the year before the last said, the one before it not: unknown, as before
    gap = {"2020": "0.8", "2022": "0.9", "2023": "0.9261"}
    assert criterion({"rd_by_year": gap}, "guizhou", "rd_growth")["status"] == "unknown"
