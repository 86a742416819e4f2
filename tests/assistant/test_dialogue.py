"""Multi-turn behaviour: the profile builds up, follow-ups reuse it, what-ifs do not overwrite."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from assistant import Conversation, ask

TODAY = date(2026, 11, 22)


def _result(answer, doc: str) -> dict:
    return next(r for r in answer.results if r["jurisdiction"] == doc)


def _status(answer, doc: str, metric: str) -> str:
    return next(c["status"] for c in _result(answer, doc)["criteria"] if c["metric"] == metric)


def test_profile_builds_over_turns_and_place_is_remembered() -> None:
    conv = Conversation(as_of=TODAY)
    first = conv.send("我们县有个特色产业集群，想申报青海省的")
    assert first.intent == "eligibility" and conv.jurisdictions == ["qinghai"]
    second = conv.send("近三年产值分别是18亿、21亿、23亿元")
    assert second.intent == "eligibility"
    assert _result(second, "qinghai")["verdict"] == "not_eligible"
    assert _status(second, "qinghai", "annual_output") == "not_met"
    assert conv.profile["output_by_year"] == {"2023": Decimal(18), "2024": Decimal(21),
                                              "2025": Decimal(23)}
    # the failing clause is quoted verbatim with its citation
    assert any(c.id == "qinghai:附件一" and "近三年产值均在20亿元以上" in c.quote
               for c in second.citations)


def test_other_jurisdiction_followup_reuses_profile() -> None:
    conv = Conversation(as_of=TODAY)
    conv.send("我们想申报青海的集群，近三年产值22亿、24亿、26亿元")
    a = conv.send("换成山东省呢？")
    assert a.intent == "eligibility" and a.jurisdictions == ("shandong",)
    assert _status(a, "shandong", "annual_output") == "not_met"
    assert "近三年产值均在40亿元以上" in a.answer


def test_what_if_does_not_overwrite() -> None:
    conv = Conversation(as_of=TODAY)
    conv.send("我们在青海，近三年产值18亿、21亿、23亿元")
    what_if = conv.send("如果产值是30亿呢")
    assert _status(what_if, "qinghai", "annual_output") == "met"
    assert "假设情形" in what_if.answer
    assert conv.profile["output_by_year"]["2023"] == Decimal(18)
    gap = conv.send("还差多少")
    assert _status(gap, "qinghai", "annual_output") == "not_met"
    assert "需增加 2 亿元" in gap.answer


def test_correction_overwrites_share() -> None:
    conv = Conversation(as_of=TODAY)
    conv.send("张掖，主导产业占比75%")
    a = conv.send("说错了，主导产业占比是70%")
    assert conv.profile["leading_industry_share"] == Decimal(70)
    assert _status(a, "zhangye", "leading_industry_share") == "not_met"
    b = conv.send("不对，占比是80%")
    assert conv.profile["leading_industry_share"] == Decimal(80)
    assert _status(b, "zhangye", "leading_industry_share") == "met"


def test_reset_clears_everything() -> None:
    conv = Conversation(as_of=TODAY)
    conv.send("我们在青海，近三年产值15亿、16亿、17亿元")
    assert conv.send("重新开始").intent == "reset"
    assert conv.profile == {} and conv.jurisdictions == []
    a = conv.send("我们在四川，近三年产值21亿、22亿、23亿元")
    assert [r["jurisdiction"] for r in a.results] == ["sichuan"]
    assert _status(a, "sichuan", "annual_output") == "met"


def test_asks_only_when_verdict_can_still_change() -> None:
    conv = Conversation(as_of=TODAY)
    undecided = conv.send("山东，中小企业产值占比70%，主导产业占比71%")
    assert _result(undecided, "shandong")["verdict"] == "undetermined"
    assert undecided.asks and len(undecided.missing) >= 1
    assert undecided.asks[0].count("；") <= 2  # a few at a time
    failed = conv.send("产值年均增速10%")
    assert _result(failed, "shandong")["verdict"] == "not_eligible"
    assert failed.asks == () and failed.missing == ()


def test_hedged_value_is_asked_back_not_stored() -> None:
    conv = Conversation(as_of=TODAY)
    a = conv.send("我们在青海，产值大概二十几亿")
    assert "output_by_year" not in conv.profile
    assert any("确切" in q for q in a.asks)


def test_no_place_yet_asks_which() -> None:
    a = Conversation(as_of=TODAY).send("我们近三年产值18亿、21亿、23亿元，能申报吗")
    assert a.intent == "clarify" and "哪个地方" in a.answer


def test_lookup_followup_with_other_place() -> None:
    conv = Conversation(as_of=TODAY)
    conv.send("青海的集群有效期几年？")
    a = conv.send("那山东呢")
    assert a.intent == "lookup"
    assert [c.id for c in a.citations] == ["shandong:第十二条"]


def test_export_import_is_exact() -> None:
    conv = Conversation(as_of=TODAY)
    conv.send("我们在青海，近三年产值18.5亿、21亿、23亿元，中小企业占比55.5%")
    data = json.loads(json.dumps(conv.to_json(), ensure_ascii=False))
    back = Conversation.from_json(data)
    assert back.to_json() == conv.to_json()
    assert back.profile["sme_output_share"] == Decimal("55.5")
    assert back.send("那山东呢").to_json() == conv.send("那山东呢").to_json()


def test_one_shot_ask_is_independent() -> None:
    assert ask("我们在青海，近三年产值18亿、21亿、23亿元", TODAY).intent == "eligibility"
    assert ask("还差多少", TODAY).intent != "eligibility" or not ask("还差多少", TODAY).results


def test_missing_figures_are_asked_before_yes_no_facts() -> None:
    a = Conversation(as_of=TODAY).send("我们能在四川申报吗")
    assert a.intent == "eligibility"
    assert a.asks == ("请补充：占地面积（平方公里）；集群总产值（亿元，按年）；"
                      "中小企业产值占集群总产值比例（%）。",)


def test_why_when_nothing_fails_yet() -> None:
    conv = Conversation(as_of=TODAY)
    conv.send("我们能在四川申报吗")
    a = conv.send("为什么不行")
    assert "目前没有不满足的条件，只是还缺少数据" in a.answer


def test_relaxation_clause_is_quoted() -> None:
    a = Conversation(as_of=TODAY).send("我们在四川，中小企业产值占比60%，主导产业占比59.9%")
    assert _status(a, "sichuan", "leading_industry_share") == "not_met"
    assert any(c.quote == "民族地区、革命老区可适当放宽。" for c in a.citations)
    assert "差 0.1 个百分点" in a.answer


def test_bare_answers_after_a_question() -> None:
    conv = Conversation(as_of=TODAY)
    conv.send("我们能在青海申报吗")
    conv.send("80平方公里")
    conv.send("21亿、22亿、24亿元")
    a = conv.send("55%")  # the next thing asked for was the SME share
    assert conv.profile["area_km2"] == Decimal(80)
    assert conv.profile["output_by_year"]["2025"] == Decimal(24)
    assert conv.profile["sme_output_share"] == Decimal(55)
    assert _status(a, "qinghai", "area_km2") == "met"
    conv.send("主导产业占比40%")  # now not eligible: nothing is asked any more
    b = conv.send("12%")
    assert b.intent == "clarify" and "哪一项" in b.answer


def test_invalid_figures_are_not_stored() -> None:
    conv = Conversation(as_of=TODAY)
    a = conv.send("我们在青海，产值年均增速-150%")
    assert a.intent == "clarify" and "增速应大于-100" in a.answer
    assert conv.profile == {}
    b = conv.send("产值年均增速8%")
    assert _status(b, "qinghai", "output_growth") == "met"


def test_other_conditions_met_does_not_overwrite_what_was_said() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    conv.send("四川的集群，我们前年出过一起较大安全事故")
    a = conv.send("其他条件都满足，能申报吗")
    assert a.profile["incident_level"] == "larger"  # not the vouched "none"
    assert a.profile["operating_body"] is True  # gaps are filled
    (res,) = a.results
    assert {c["metric"]: c["status"] for c in res["criteria"]}["incident_level"] == "not_met"


def test_which_criterion_failed_is_a_follow_up() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    conv.send("想看看我们能不能报山东的")
    conv.send("产值三年分别是45、50、54亿")
    a = conv.send("哪条没过？")
    assert a.intent == "eligibility"
    assert "集群产值年均增速" in a.answer and a.results[0]["verdict"] == "not_eligible"


def test_correcting_one_year_keeps_the_other_years() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    conv.send("我们是青海海东的一个集群")
    conv.send("近三年产值：2023年21亿，2024年22.5亿，2025年24亿")
    a = conv.send("更正一下，2023年是20亿")  # 一下 is not a value
    assert a.profile["output_by_year"] == {"2023": Decimal(20), "2024": Decimal("22.5"),
                                           "2025": Decimal(24)}


def test_relative_years_with_chinese_amounts() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    conv.send("张掖")
    a = conv.send("产值前年十二亿去年十三亿今年十四亿")  # not 十二亿2025
    assert a.profile["output_by_year"] == {"2024": Decimal(12), "2025": Decimal(13),
                                           "2026": Decimal(14)}


def test_same_share_for_the_leading_industry() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    conv.send("山东，中小企业产值占比是百分之七十")
    a = conv.send("主导产业也是百分之七十")
    assert a.profile["leading_industry_share"] == Decimal(70)
    crit = {c["metric"]: c["status"] for c in a.results[0]["criteria"]}
    assert crit["leading_industry_share"] == "not_met"  # 高于70%


def test_a_part_of_output_gives_the_share_and_keeps_the_total() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    conv.send("青海的集群，2023、2024、2025年产值分别是21亿、23.5亿、25亿")
    a = conv.send("其中中小企业产值去年是12亿")
    assert a.profile["output_by_year"]["2025"] == Decimal(25)
    crit = {c["metric"]: c["status"] for c in a.results[0]["criteria"]}
    assert crit["sme_output_share"] == "not_met" and crit["annual_output"] == "met"  # 48%


def test_a_remark_with_nothing_new_repeats_the_result() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    conv.send("青海这边，前年有家企业发生过较大质量事故")
    a = conv.send("但是已经整改完了")
    assert a.intent == "eligibility" and a.answer.startswith("这句话中没有可用于对照的新数据")
    assert a.results[0]["verdict"] == "not_eligible"


def test_do_they_add_up_is_a_follow_up() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    conv.send("贵州申报，企业情况：单项冠军1家、小巨人2家")
    conv.send("专精特新中小企业3家、创新型中小企业1家，高新技术企业还没有")
    a = conv.send("加起来够8家吗")
    crit = {c["metric"]: c for c in a.results[0]["criteria"]}
    assert a.intent == "eligibility" and crit["quality_enterprises"]["status"] == "not_met"


def test_other_years_added_later_join_the_first() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    conv.send("青海省集群，中小企业产值11亿，总产值22亿（2025年）")
    a = conv.send("另外两年的总产值：2023年20.2亿，2024年21亿")
    assert a.profile["output_by_year"] == {"2023": Decimal("20.2"), "2024": Decimal(21),
                                           "2025": Decimal(22)}
    crit = {c["metric"]: c["status"] for c in a.results[0]["criteria"]}
    assert crit["output_growth"] == "not_met"  # (22/20.2)^(1/2) − 1 < 5%


def test_correcting_a_count_metric() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    conv.send("贵州，每万人有效发明专利拥有量7.3个")
    a = conv.send("哦不对，7.3是全县的数，集群里面是6.8个")
    assert a.profile["patents_per_10k"] == Decimal("6.8")


def test_a_place_set_aside_is_not_checked() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    conv.send("先按张掖的算：近三年产值40亿、44亿、49亿，中小企业占比75%，主导产业占比80%")
    conv.send("换成山东省的标准呢")
    a = conv.send("张掖那边就不看了，按山东的给结论")
    assert a.intent == "eligibility" and [r["jurisdiction"] for r in a.results] == ["shandong"]


def test_status_as_of_a_month() -> None:
    a = ask("2023年6月初，青海和山东的集群文件能不能拿来用")
    got = {r["jurisdiction"]: r["status"] for r in a.results}
    assert got == {"qinghai": "not_yet_in_force", "shandong": "draft"}


def test_year_on_year_changes_build_the_series_exactly() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    conv.send("张掖。2023年集群产值是12亿")
    a = conv.send("2024年比2023年增长6%，2025年比2024年增长8%")
    assert a.profile["output_by_year"] == {"2023": Decimal(12), "2024": Decimal("12.72"),
                                           "2025": Decimal("13.7376")}
    crit = {c["metric"]: c["status"] for c in a.results[0]["criteria"]}
    assert crit["output_growth"] == "not_met"  # 13.7376 < 12 × 1.07² = 13.7388


def test_a_correction_naming_its_metric() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    conv.send("张掖：主导产业占集群产值71%，中小企业占比72%")
    a = conv.send("刚才主导产业那个不对，我看错行了，应该是69%")
    assert a.profile["leading_industry_share"] == Decimal(69)
    assert a.profile["sme_output_share"] == Decimal(72)


def test_a_question_answered_by_the_user_is_a_fact() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    a = conv.send("贵州的，主导产业是不是县里的特色产业？是的，没错")
    assert a.profile == {"pillar_industry": True}


def test_a_typo_in_a_metric_name() -> None:
    a = Conversation(as_of=date(2026, 11, 22)).send("四川的 中小企页占比百分之65 能不能报")
    assert a.profile == {"sme_output_share": Decimal(65)}


def test_two_clusters_at_once_then_which_is_ours() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    a = conv.send("帮我看两个集群：A集群有效发明专利年均增长6%、每万人有效发明专利4个；"
                  "B集群专利年均增长4%、每万人6个")
    assert a.intent == "clarify" and "A、B" in a.answer and a.profile == {}
    restored = Conversation.from_json(json.loads(json.dumps(conv.to_json())))
    b = restored.send("我们是A，按青海")
    assert b.profile == {"patent_growth": Decimal(6), "patents_per_10k": Decimal(4)}
    crit = {c["metric"]: c["status"] for c in b.results[0]["criteria"]}
    assert crit["patents_per_10k"] == "not_met" and crit["patent_growth"] == "met"


def test_amounts_between_years_fill_the_series() -> None:
    conv = Conversation(as_of=date(2026, 11, 22))
    a = conv.send("贵州遵义，我们园区2025年总产值刚好30个亿，比2024年多了3个亿，"
                  "2024年又比2023年多了2个亿")
    assert a.profile["output_by_year"] == {"2025": Decimal(30), "2024": Decimal(27),
                                           "2023": Decimal(25)}


def test_a_share_raised_by_points_is_a_what_if_on_the_value_held() -> None:
    c = Conversation(as_of=TODAY)
    c.send("贵州，工业互联网平台应用普及率12%")
    a = c.send("普及率再提高2个百分点呢")
    assert a.answer.startswith("（假设情形") and "| 14% |" in a.answer
    assert c.profile["iip_penetration"] == Decimal("12")  # a what-if changes nothing stored
    c.send("主导产业占比60%")
    c.send("主导产业占比降低了3个百分点")  # said as a fact: stored
    assert c.profile["leading_industry_share"] == Decimal("57")
    fresh = Conversation(as_of=TODAY)
    asked = fresh.send("青海，普及率再提高2个百分点呢")
    assert asked.intent == "clarify" and "目前的工业互联网平台应用普及率" in asked.answer


def test_a_corrected_year_keeps_its_year() -> None:
    c = Conversation(as_of=TODAY)
    c.send("山东，2023年产值20亿，2024年22亿，2025年24亿")
    c.send("2024年那个说错了，是23亿")
    assert c.profile["output_by_year"] == {"2023": Decimal(20), "2024": Decimal(23),
                                           "2025": Decimal(24)}


def test_of_which_smes_is_an_amount_not_another_year() -> None:
    c = Conversation(as_of=TODAY)
    c.send("青海，2025年集群总产值30亿，其中中小企业18亿")
    assert c.profile["output_by_year"] == {"2025": Decimal(30)}
    assert c.profile["sme_output"] == Decimal(18)
