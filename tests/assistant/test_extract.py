"""Profile facts from utterances."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.extract import extract
from assistant.numbers import fmt

TODAY = date(2026, 11, 22)
D = Decimal


def test_years_range_list() -> None:
    e = extract("2022年至2024年产值分别为18、22、25亿元", TODAY)
    assert e.facts == {"output_by_year": {"2022": D(18), "2023": D(22), "2024": D(25)}}
    assert not e.questions


def test_recent_three_years_without_years() -> None:
    e = extract("近三年产值22亿、24亿和26亿", TODAY)
    assert e.facts["output_by_year"] == {"2023": D(22), "2024": D(24), "2025": D(26)}
    assert "2023年至2025年" in e.notes[0]


def test_year_value_pairs_mixed_units() -> None:
    e = extract("2022年产值18亿，2023年二十二亿，2024年250000万元", TODAY)
    assert e.facts["output_by_year"] == {"2022": D(18), "2023": D(22), "2024": D(25)}


def test_shares_and_counts() -> None:
    e = extract("中小企业产值占比55%，主导产业占比百分之六十，有3家小巨人和5家专精特新中小企业",
                TODAY)
    assert e.facts == {"sme_output_share": D(55), "leading_industry_share": D(60),
                       "little_giant": 3, "specialized_sme": 5}


def test_share_said_as_fraction() -> None:
    assert extract("主导产业占比0.55", TODAY).facts == {"leading_industry_share": D(55)}
    assert extract("中小企业占比五成五", TODAY).facts == {"sme_output_share": D(55)}


@pytest.mark.parametrize("text", ["产值大概二十几亿", "近三年产值25亿左右", "产值几十亿",
                                  "中小企业占比大约60%", "产值20亿以上"])
def test_hedged_values_become_questions(text: str) -> None:
    e = extract(text, TODAY)
    assert "output_by_year" not in e.facts and "sme_output_share" not in e.facts
    assert len(e.questions) == 1 and "确切" in e.questions[0]


def test_invalid_values_rejected() -> None:
    e = extract("中小企业占比120%", TODAY)
    assert e.facts == {} and "0到100%" in e.questions[0]
    e = extract("2022年至2024年产值分别为-18、22、25亿元", TODAY)
    assert e.facts == {} and "负数" in e.questions[0]


def test_correction_with_bare_share_uses_context() -> None:
    e = extract("不对，占比是65%", TODAY, context_metric="leading_industry_share")
    assert e.correction and e.facts == {"leading_industry_share": D(65)}


def test_hypothetical_single_output_applies_to_each_year() -> None:
    e = extract("如果产值是30亿呢", TODAY)
    assert e.hypothetical
    assert e.facts["output_by_year"] == {"2023": D(30), "2024": D(30), "2025": D(30)}


def test_yes_no_facts() -> None:
    e = extract("近三年没有发生安全事故，设立了管委会，制定了三年发展规划，不属于高耗能行业", TODAY)
    assert e.facts == {"incident_level": "none", "operating_body": True,
                       "three_year_plan": True, "high_energy_use": False}


def test_incident_level_and_misconduct() -> None:
    e = extract("去年发生过一起较大安全事故，没有偷税漏税", TODAY)
    assert e.facts["incident_level"] == "larger" and e.facts["misconduct"] is False


def test_growth_and_innovation_metrics() -> None:
    e = extract("研发经费年均增长6%，专利增长率4%，每万人发明专利6个，工业互联网普及率12%，"
                "占地80平方公里，产值年均增速-3%", TODAY)
    assert e.facts == {"rd_growth": D(6), "patent_growth": D(4), "patents_per_10k": D(6),
                       "iip_penetration": D(12), "area_km2": D(80), "output_growth": D(-3)}


def test_questions_carry_no_facts() -> None:
    assert extract("青海的集群有效期几年？", TODAY).empty
    assert extract("我们能在青海申报吗", TODAY).empty


def test_leading_industry_champions() -> None:
    e = extract("我们有2家主导产业的小巨人企业", TODAY)
    assert e.facts == {"little_giant": 2, "leading_industry_champions": 2}


def test_none_of_listed_categories_is_zero() -> None:
    e = extract("专精特新中小企业4家，创新型中小企业3家，国家级高新技术企业2家，"
                "没有单项冠军和小巨人", TODAY)
    assert e.facts == {"specialized_sme": 4, "innovative_sme": 3, "high_tech": 2,
                       "single_champion": 0, "little_giant": 0}


def test_enterprise_households() -> None:
    assert extract("相关生产、服务企业只有9户", TODAY).facts == {"enterprise_count": 9}
    assert extract("占地面积100平方公里，企业有10户", TODAY).facts == {
        "enterprise_count": 10, "area_km2": D(100)}


def test_facts_named_in_a_question_are_not_stated() -> None:
    e = extract("集群的运营管理机构发生重大变更，多久之内要报告？", TODAY)
    assert "operating_body" not in e.facts
    assert extract("我们没有设立运营管理机构", TODAY).facts == {"operating_body": False}


def test_other_conditions_all_met_vouches_for_yes_no_facts() -> None:
    e = extract("其他条件都满足", TODAY)
    assert e.facts["operating_body"] is True and e.facts["misconduct"] is False
    assert e.facts["incident_level"] == "none"


def test_listed_and_relative_years() -> None:
    e = extract("2022、2023、2024年产值分别为18、22、25亿元", TODAY)
    assert e.facts["output_by_year"] == {"2022": D(18), "2023": D(22), "2024": D(25)}
    e = extract("去年产值25亿，前年22亿，大前年20亿", TODAY)
    assert e.facts["output_by_year"] == {"2025": D(25), "2024": D(22), "2023": D(20)}


def test_year_count_mismatch_is_asked_back() -> None:
    e = extract("2022年至2024年产值分别为18、22亿元", TODAY)
    assert "output_by_year" not in e.facts and "共3年" in e.questions[0]


amounts = st.lists(st.decimals(min_value=D("0.01"), max_value=D("9999.99"), places=2),
                   min_size=2, max_size=4)


@given(amounts, st.integers(min_value=2000, max_value=2030), st.sampled_from(["亿元", "万元"]))
def test_series_round_trip(values: list[D], first: int, unit: str) -> None:
    first = min(first, TODAY.year - len(values) + 1)  # later years are plans: not outputs
    years = list(range(first, first + len(values)))
    scale = D(10000) if unit == "万元" else D(1)
    listed = "、".join(fmt(v * scale) for v in values)
    e = extract(f"{years[0]}年至{years[-1]}年产值分别为{listed}{unit}", TODAY)
    assert e.facts["output_by_year"] == {str(y): v for y, v in zip(years, values, strict=True)}
    pairs = "，".join(f"{y}年{fmt(v * scale)}{unit}" for y, v in zip(years, values, strict=True))
    e = extract(f"产值{pairs}", TODAY)
    assert e.facts["output_by_year"] == {str(y): v for y, v in zip(years, values, strict=True)}


@pytest.mark.parametrize(("text", "metric", "value"), [
    ("中小企业研发经费近三年年均增长9%", "rd_growth", D(9)),  # 近三年 between measure and growth
    ("另外中小企业研发经费这三年平均每年涨了6.5%", "rd_growth", D("6.5")),
    ("我们中小企业研发经费近三年年均增长百分之十", "rd_growth", D(10)),
    ("贵州，主导产业产值这三年年均增长6%", "leading_industry_growth", D(6)),
    ("集群产值过去三年年均增长8%", "output_growth", D(8)),
])
def test_growth_with_time_words_between(text: str, metric: str, value: Decimal) -> None:
    e = extract(text, TODAY)
    assert e.facts == {metric: value}  # and 这三年 is not an output of 3亿 a year


@pytest.mark.parametrize(("text", "facts"), [
    ("我们有两家单项冠军，都是做主导产业锂电材料的",
     {"single_champion": 2, "leading_industry_champions": 2}),
    ("集群内有1家制造业单项冠军企业，就是我们主导产业的龙头",
     {"single_champion": 1, "leading_industry_champions": 1}),
    # said not to be in the leading industry: none of the leading industry's (not unknown)
    ("我们有1家国家级专精特新小巨人，但它不是主导产业的",
     {"little_giant": 1, "leading_industry_champions": 0}),
    ("有3家小巨人，都不属于主导产业", {"little_giant": 3, "leading_industry_champions": 0}),
    ("我们有2家小巨人，主导产业占比60%", {"little_giant": 2, "leading_industry_share": D(60)}),
])
def test_leading_industry_said_after_the_count(text: str, facts: dict[str, object]) -> None:
    assert extract(text, TODAY).facts == facts


def test_the_rules_figure_is_not_ours() -> None:
    e = extract("青海的中小企业产值占比要求50%以上，我们有68%", TODAY)
    assert e.facts == {"sme_output_share": D(68)} and e.questions == ()
    e = extract("山东要求产值40亿以上，我们三年是38亿、41亿、45亿", TODAY)
    assert e.facts == {"output_by_year": {"2023": D(38), "2024": D(41), "2025": D(45)}}


def test_years_in_chinese_numerals() -> None:
    e = extract("二〇二三年产值20亿，二〇二四年22亿，二零二五年25亿", TODAY)
    assert e.facts == {"output_by_year": {"2023": D(20), "2024": D(22), "2025": D(25)}}


@pytest.mark.parametrize(("text", "facts"), [
    ("中小企业贡献了七成产值", {"sme_output_share": D(70)}),
    ("我们有三户小巨人", {"little_giant": 3}),
    ("俩单项冠军", {"single_champion": 2}),
    ("6家专精特新", {"specialized_sme": 6}),
    ("有3家专精特新小巨人", {"little_giant": 3}),
    ("每万名从业人员12件有效发明专利", {"patents_per_10k": D(12)}),  # not 12 employees
    ("集群内企业共计86家", {"enterprise_count": 86}),
    ("我们有5家专精特新企业，集群内企业共有120家", {"specialized_sme": 5, "enterprise_count": 120}),
    ("规上企业60家", {}),  # not the cluster's firm count
])
def test_everyday_counts_and_shares(text: str, facts: dict[str, object]) -> None:
    e = extract(text, TODAY)
    assert e.facts == facts and e.questions == ()


@pytest.mark.parametrize("text", ["十来家专精特新", "小巨人企业有20多家",
                                  "去年产值突破30亿，前年28亿，大前年25亿"])
def test_approximate_counts_and_outputs_are_asked_back(text: str) -> None:
    e = extract(text, TODAY)
    assert e.facts == {} and len(e.questions) == 1


@pytest.mark.parametrize(("text", "facts"), [
    ("其中中小企业产值去年是12亿", {"sme_output": D(12)}),  # a part's output, not the total
    ("主导产业产值十五亿元", {"leading_industry_output": D(15)}),
    ("山东的集群，中小企业产值占集群总产值68%，主导产业72%",
     {"sme_output_share": D(68), "leading_industry_share": D(72)}),
    ("中小企业贡献了七成产值，主导产业白酒占到百分之八十二",
     {"sme_output_share": D(70), "leading_industry_share": D(82)}),
    ("青海，主导产业刚好占一半", {"leading_industry_share": D(50)}),
    ("青海这边，单项冠军和小巨人都没有", {"little_giant": 0, "single_champion": 0}),
    ("专精特新中小企业3家、创新型中小企业1家，高新技术企业还没有",
     {"specialized_sme": 3, "innovative_sme": 1, "high_tech": 0}),
    ("产值：18.5亿元、20亿元、22亿元，分别是23、24、25年",
     {"output_by_year": {"2023": D("18.5"), "2024": D(20), "2025": D(22)}}),
    ("产值12/13/14亿，2023到2025年",
     {"output_by_year": {"2023": D(12), "2024": D(13), "2025": D(14)}}),
    ("iip普及率是百分之十", {"iip_penetration": D(10)}),
])
def test_parts_shares_zeros_and_trailing_years(text: str, facts: dict[str, object]) -> None:
    assert extract(text, TODAY).facts == facts


def test_a_correction_takes_its_last_figure() -> None:
    e = extract("更正一下，0.62是前年的，去年是百分之五十八", TODAY,
                context_metric="sme_output_share")
    assert e.facts == {"sme_output_share": D(58)} and e.correction


@pytest.mark.parametrize(("text", "facts"), [
    ("产值：2023-21亿；2024-22亿；2025-24亿",
     {"output_by_year": {"2023": D(21), "2024": D(22), "2025": D(24)}}),  # not -21亿
    ("年份 产值(亿元)\n2023 21\n2024 22\n2025 24",
     {"output_by_year": {"2023": D(21), "2024": D(22), "2025": D(24)}}),
    ("年份 产值（万元）\n2023 210000\n2024 220000\n2025 240000",
     {"output_by_year": {"2023": D(21), "2024": D(22), "2025": D(24)}}),
    ("集群规模：产值25亿（2025），23亿（2024），21亿（2023）",
     {"output_by_year": {"2025": D(25), "2024": D(23), "2023": D(21)}}),
    ("2023年、2024年、2025年产值分别为20亿、22亿、25亿",
     {"output_by_year": {"2023": D(20), "2024": D(22), "2025": D(25)}}),
    ("中小企业产值16亿，总产值25亿", {"sme_output": D(16), "output_by_year": {"2025": D(25)}}),
    ("总产值25亿", {"output_by_year": {"2025": D(25)}}),  # one year, not three equal ones
    ("四分之三的产值是中小企业贡献的", {"sme_output_share": D(75)}),
    ("主导产业的比重是75%", {"leading_industry_share": D(75)}),
    ("中小企业产值占到了总产值的百分之六十五", {"sme_output_share": D(65)}),
    ("单项冠军一家都没有", {"single_champion": 0}),
    ("发明专利这几年年均增长6%", {"patent_growth": D(6)}),
    ("三年内零事故", {"incident_level": "none"}),
    ("管委会还在筹建", {"operating_body": False}),
    ("规划已经编好了", {"three_year_plan": True}),
    ("属于国家鼓励类产业", {"prohibited_industry": False}),
    ("我们能耗水平比行业基准值好", {"energy_efficiency_above_benchmark": True}),
])
def test_tables_ranges_parts_and_plain_facts(text: str, facts: dict[str, object]) -> None:
    assert extract(text, TODAY).facts == facts


def test_a_repeating_fraction_is_asked_back_not_rounded() -> None:
    e = extract("三分之二的产值是中小企业贡献的", TODAY)
    (question,) = e.questions
    assert e.facts == {} and "三分之二" in question and "中小企业产值占比" in question
    assert "66.67" not in question  # no number the user did not say


@pytest.mark.parametrize(("text", "facts"), [
    ("贵州，我们集群产值(亿元)：\n2023年 | 2024年 | 2025年\n24.5 | 22.1 | 19.8",
     {"output_by_year": {"2023": D("24.5"), "2024": D("22.1"), "2025": D("19.8")}}),
    ("去年总产值大概26个亿……不对，我查了下报表，准确是26.3亿；前年23.8亿，大前年21.2亿",
     {"output_by_year": {"2025": D("26.3"), "2024": D("23.8"), "2023": D("21.2")}}),
    ("中小企业产值占一半以上，具体是51.2%", {"sme_output_share": D("51.2")}),
    ("中小企业那块的产值去年是17.1亿", {"sme_output": D("17.1")}),
    ("不对，刚才说错了，第一年是21亿", {"output_by_year": {"2023": D(21)}}),
    ("专精特新中小企业六家，创新型的四家，高企暂无",
     {"specialized_sme": 6, "innovative_sme": 4, "high_tech": 0}),
    ("青海申报，单项冠军有一家，就是我们做光伏玻璃的主导企业",
     {"single_champion": 1, "leading_industry_champions": 1}),
    ("四川的集群，三年内零事故，网络安全和数据安全事件也从来没出过",
     {"incident_level": "none", "cyber_incident_level": "none"}),
    ("网络安全方面，去年出过一次重大网络安全事件", {"cyber_incident_level": "major"}),
    ("张掖，集群管委会已经成立了，三年发展规划还没编",
     {"operating_body": True, "three_year_plan": False}),
    ("有一家企业前年因为偷税漏税被税务部门处罚过", {"misconduct": True}),
])
def test_said_in_passing(text: str, facts: dict[str, object]) -> None:
    assert extract(text, TODAY).facts == facts


@pytest.mark.parametrize(("text", "facts"), [
    ("山东的 近三年产值45 50 56个亿 中小占比71 主导72",
     {"output_by_year": {"2023": D(45), "2024": D(50), "2025": D(56)},
      "sme_output_share": D(71), "leading_industry_share": D(72)}),
    ("二三年是二十一个亿，二四年二十四个亿，二五年二十七个亿",
     {"output_by_year": {"2023": D(21), "2024": D(24), "2025": D(27)}}),
    ("按贵州算一下主导产业占比，表里是这么写的：\n指标\t2025年\n主导产业产值（百万元）\t1320\n"
     "集群总产值（百万元）\t2100",
     {"leading_industry_output": D("13.2"), "output_by_year": {"2025": D(21)}}),
    ("研发经费嘛，近三年平均每年涨百分之五点五", {"rd_growth": D("5.5")}),
    ("研发经费三千万，产值年均增长8%", {"output_growth": D(8)}),  # not the R&D growth
    ("三年发展规划：对，制定了", {"three_year_plan": True}),
    ("运营管理机构：没有", {"operating_body": False}),
    ("张掖，运营管理机构有的，去年成立的", {"operating_body": True}),
    ("国内的产业合作交流活动每年都参加", {"open_cooperation": True}),
    ("贵州的，主导产业是不是县里的特色产业？是的，没错", {"pillar_industry": True}),
])
def test_how_people_type(text: str, facts: dict[str, object]) -> None:
    assert extract(text, TODAY).facts == facts


def test_year_on_year_changes_are_not_averages() -> None:
    e = extract("2024年比2023年增长了21%，2025年跟2024年持平", TODAY)
    assert e.facts == {} and e.yoy == (("2024", "2023", D(21)), ("2025", "2024", D(0)))
    assert extract("去年比前年增长9%", TODAY).yoy == (("2025", "2024", D(9)),)
    assert extract("企业有三十来户", TODAY).questions  # approximate: asked back


@pytest.mark.parametrize(("text", "facts"), [
    ("已经制定了未来三年的发展规划", {"three_year_plan": True}),  # 未来 is no negation
    ("更正一下，那起网络安全事件最后定的是较大级别", {"cyber_incident_level": "larger"}),
    ("近三年没出过安全、质量、环保方面的事故", {"incident_level": "none"}),
    ("创新型中小企业也有1家", {"innovative_sme": 1}),
    ("2025年里中小企业贡献了18.9亿，主导产业占总产值64%",
     {"sme_output": D("18.9"), "leading_industry_share": D(64)}),
    ("管委会已经有了", {"operating_body": True}),
    ("国家级高新技术企业2家（这几家互不重复）", {"high_tech": 2}),  # 这几家 is no hedge
])
def test_batch_five_wordings(text: str, facts: dict[str, object]) -> None:
    assert extract(text, TODAY).facts == facts


def test_amounts_between_years() -> None:
    e = extract("我们园区2025年总产值刚好30个亿，比2024年多了3个亿，2024年又比2023年多了2个亿",
                TODAY)
    assert e.facts == {"output_by_year": {"2025": D(30)}}
    assert e.deltas == (("2025", "2024", D(3)), ("2024", "2023", D(2)))


@pytest.mark.parametrize(("text", "key", "series"), [
    ("主导产业产值2022年16亿，2023年17亿，2024年18亿，增速够不够",
     "leading_industry_output_by_year", {"2022": "16", "2023": "17", "2024": "18"}),
    ("中小企业研发经费2022年10000万元、2023年10500万元、2024年11025万元", "rd_by_year",
     {"2022": "1", "2023": "1.05", "2024": "1.1025"}),
    ("有效发明专利：2022年底100件，2023年底110件，2024年底121件", "patents_by_year",
     {"2022": "100", "2023": "110", "2024": "121"}),
    ("研发投入前年1亿、去年1.1亿，今年1.2亿", "rd_by_year",
     {"2024": "1", "2025": "1.1", "2026": "1.2"}),
])
def test_other_yearly_series(text: str, key: str, series: dict[str, str]) -> None:
    ex = extract(text, TODAY)
    assert ex.facts[key] == {y: Decimal(v) for y, v in series.items()}
    assert "output_by_year" not in ex.facts and not ex.questions


def test_a_series_stops_at_the_next_metric() -> None:
    ex = extract("研发经费2022年1亿、2023年1.1亿，2024年1.2亿，专利年均增长8%", TODAY)
    assert ex.facts == {"rd_by_year": {"2022": Decimal("1"), "2023": Decimal("1.1"),
                                       "2024": Decimal("1.2")},
                        "patent_growth": Decimal("8")}


@pytest.mark.parametrize(("text", "facts"), [
    ("主导产业是县里的特色产业", {"pillar_industry": True}),
    ("主导产业是不是县里的特色产业？", {}),
    ("我们属于高耗能行业，能效水平还没达到行业基准值",
     {"high_energy_use": True, "energy_efficiency_above_benchmark": False}),
    ("未来三年发展规划去年已经印发了", {"three_year_plan": True}),
    ("还以集群名义参加过中国—东盟博览会上主导产业的国际交流活动", {"open_cooperation": True}),
    ("我们没参加过什么国际交流活动", {"open_cooperation": False}),
    ("我们县有几家企业去年参加了中小企业博览会", {}),  # enterprises, not the cluster
])
def test_yes_no_facts_in_plain_words(text: str, facts: dict[str, object]) -> None:
    assert extract(text, TODAY).facts == facts


@pytest.mark.parametrize(("text", "km2", "note"), [
    ("占地5600公顷", "56", "占地面积5600公顷按56平方公里计"),
    ("集群占地面积4500亩", "3", "占地面积4500亩按3平方公里计"),
    ("占地面积56万平方米", "0.56", "按0.56平方公里计"),
    ("集群占地面积5000亩", "3.3333", "按约3.3333平方公里计"),
])
def test_area_in_other_units(text: str, km2: str, note: str) -> None:
    ex = extract(text, TODAY)
    assert ex.facts == {"area_km2": Decimal(km2)} and note in ex.notes[0]


def test_area_in_a_unit_that_is_not_an_area_is_asked_back() -> None:
    ex = extract("占地面积30家", TODAY)
    assert not ex.facts and "平方公里、公顷、亩" in ex.questions[0]


# one figure per metric in the many ways people write it (value, unit, word order)
_PHRASINGS = [
    ("主导产业产值占集群总产值的62%", "leading_industry_share", 62),
    ("主导产业占到了集群总产值的六成二", "leading_industry_share", 62),
    ("集群总产值里主导产业占62%", "leading_industry_share", 62),
    ("主导产业的比重是百分之六十二", "leading_industry_share", 62),
    ("主导产业贡献了62%的产值", "leading_industry_share", 62),
    ("62%的产值来自主导产业", "leading_industry_share", 62),
    ("中小企业产值占比七成", "sme_output_share", 70),
    ("中小企业贡献的产值占全部的70%", "sme_output_share", 70),
    ("集群里中小企业的产值比例为0.7", "sme_output_share", 70),
    ("中小企业产值21亿，集群总产值30亿", "sme_output", 21),
    ("研发经费年均增长7.5%", "rd_growth", Decimal("7.5")),
    ("研发投入每年平均涨了7.5个百分点", "rd_growth", Decimal("7.5")),
    ("研发费用年增速7.5%", "rd_growth", Decimal("7.5")),
    ("近三年研发经费平均每年增长百分之七点五", "rd_growth", Decimal("7.5")),
    ("有效发明专利年均增长12%", "patent_growth", 12),
    ("发明专利数量年均增幅12%", "patent_growth", 12),
    ("每万人有效发明专利6.2件", "patents_per_10k", Decimal("6.2")),
    ("万人发明专利拥有量6.2个", "patents_per_10k", Decimal("6.2")),
    ("有效发明专利共310件，从业人员5万人", "patents", 310),
    ("有效发明专利共310件，从业人员5万人", "employees", 50000),
    ("职工总数两万三千人", "employees", 23000),
    ("工业互联网平台应用普及率达到了16%", "iip_penetration", 16),
    ("工业互联网普及率16%", "iip_penetration", 16),
    ("上工业互联网平台的企业占16%", "iip_penetration", 16),
    ("集群占地面积56平方公里", "area_km2", 56),
    ("集群面积五十六平方公里", "area_km2", 56),
    ("占地5600公顷", "area_km2", 56),
    ("集群有企业120户", "enterprise_count", 120),
    ("相关生产服务企业一百二十家", "enterprise_count", 120),
    ("集群里共有120家企业", "enterprise_count", 120),
    ("产值年均增长8%", "output_growth", 8),
    ("集群产值年均增速8%", "output_growth", 8),
    ("产值三年平均每年涨8%", "output_growth", 8),
    ("专精特新小巨人3家", "little_giant", 3),
    ("有3家国家级专精特新小巨人企业", "little_giant", 3),
    ("单项冠军1家", "single_champion", 1),
    ("创新型中小企业12家", "innovative_sme", 12),
    ("高新技术企业15家", "high_tech", 15),
    ("国家高新技术企业十五家", "high_tech", 15),
    ("专精特新中小企业8家", "specialized_sme", 8),
    ("省级专精特新企业8家", "specialized_sme", 8),
]


@pytest.mark.parametrize(("text", "key", "value"), _PHRASINGS, ids=[c[0] for c in _PHRASINGS])
def test_one_figure_in_many_phrasings(text: str, key: str, value: object) -> None:
    got = extract(text, TODAY).facts.get(key)
    assert got is not None and Decimal(str(got)) == Decimal(str(value))


@pytest.mark.parametrize(("text", "facts", "asks"), [
    ("3.2万名从业人员，16件有效发明专利", {"employees": 32000, "patents": 16}, 0),
    ("青海每一万个员工要有几个有效发明专利", {}, 0),  # a rule question, not our staff
    ("2025年中小企业产值138,600万元；主导产业差不多占六成吧，具体还在算",
     {"sme_output": Decimal("13.86")}, 1),  # the next clause's 差不多 is not this figure's
    ("主导产业产值占了总产值一半多一点，具体是53%", {"leading_industry_share": 53}, 0),
    ("集群里有一家企业2024年被税务部门查出偷税", {"misconduct": True}, 0),
    ("通用设备、仓储和物流都建了共享机制", {"supply_chain_sharing": True}, 0),
    ("设备、仓储、物流这些还是各家企业自己弄，没有搞共享", {"supply_chain_sharing": False}, 0),
    ("集群成立了产业促进会，负责集群的日常运营", {"operating_body": True}, 0),
    ("去年还组织企业参加了兰洽会上主导产业的国内交流活动", {"open_cooperation": True}, 0),
])
def test_batch_eight_wordings(text: str, facts: dict[str, object], asks: int) -> None:
    ex = extract(text, TODAY)
    assert ex.facts == facts and len(ex.questions) == asks


def test_half_a_point_is_not_a_hundred() -> None:
    ex = extract("研发经费那个再提高半个百分点呢？", TODAY)
    assert ex.changes == (("rd_growth", Decimal("0.5")),) and ex.hypothetical
    changes = extract("普及率提高一个半百分点", TODAY).changes
    assert changes == (("iip_penetration", Decimal("1.5")),)


def test_a_future_year_is_a_plan_not_an_output() -> None:
    e = extract("张掖，集群2025年产值24亿，规划到2028年达到40亿", TODAY)
    assert e.facts["output_by_year"] == {"2025": D(24)} and "2028年的数是规划或预计" in e.notes[0]


@pytest.mark.parametrize(("said", "taken"), [
    ("9999.99", D("9999.99")),  # just below the bound: read in 亿元, as bare outputs are
    ("10000", None),  # at the bound and above: no output in 亿元, the unit is asked
    ("10000.01", None),
])
def test_a_bare_output_of_10000_or_more_asks_for_its_unit(said: str, taken: D | None) -> None:
    e = extract(f"产值2023年 {said}；2024年 21", TODAY)
    if taken is None:
        assert "output_by_year" not in e.facts
        assert any("没有单位" in q and said in q for q in e.questions)
    else:
        assert e.facts["output_by_year"] == {"2023": taken, "2024": D(21)}
    declared = extract(f"产值2023年 {said}；2024年 21（单位：万元）", TODAY)
    assert declared.facts["output_by_year"] == {"2023": D(said) / 10000, "2024": D("0.0021")}


@pytest.mark.parametrize(("text", "metric", "rate"), [
    ("2023年到2025年产值累计增长了21%", "output_growth", D(10)),  # 1.1² = 1.21: exactly 10
    ("主导产业2023-2025年累计增长10.25%", "leading_industry_growth", D(5)),
    ("近两年研发经费累计增长44%", "rd_growth", D(20)),
    ("2023年产值40亿，到2025年累计增长了23%", "output_growth", None),  # √1.23 − 1, not a root
])
def test_cumulative_growth_over_a_span_is_its_yearly_rate(text: str, metric: str,
                                                          rate: Decimal | None) -> None:
    e = extract(text, TODAY)
    got = e.facts[metric]
    if rate is not None:
        assert got == rate
    else:
        assert D("10.905") < got < D("10.906")
    assert not e.questions


def test_cumulative_growth_without_a_span_is_asked_not_read_as_yearly() -> None:
    e = extract("产值三年累计增长了23%", TODAY)  # two years or three? never 23% a year
    assert "output_growth" not in e.facts
    assert any("累计增长了23%" in q and "起止年份" in q for q in e.questions)


def test_a_change_after_a_years_value_runs_backwards() -> None:
    e = extract("2025年产值55亿，比2024年增长了10%，2024年比2023年增长了10%", TODAY)
    assert ("2025", "2024", D(10)) in e.yoy and ("2024", "2023", D(10)) in e.yoy
    assert e.facts["output_by_year"] == {"2025": D(55)}  # the 10% is not an output or a rate
    assert "output_growth" not in e.facts
