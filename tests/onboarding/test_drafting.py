"""The drafter on wordings the five texts do not use: general code, reviewed tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from corpus import get_corpus, parse
from tools.drafting import Criterion, Skipped, draft_document, draft_units
from tools.drafting.clauses import split_clauses, thresholds
from tools.drafting.draft import criterion
from tools.drafting.patterns import tables

HECHUAN = Path(__file__).parent / "fixtures" / "hechuan.txt"


def one(phrase: str) -> Criterion | Skipped | None:
    (clause,) = split_clauses("x:第一条", phrase)
    found = [criterion(th) for th in thresholds(clause)]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("phrase,metric,op,value,unit", [
    ("占地面积原则上不超过80平方公里", "area_km2", "<=", "80", "平方公里"),
    ("每万人有效发明专利拥有量不得低于9个", "patents_per_10k", ">=", "9", "个"),
    ("近三年产值均在5000万元以上", "annual_output", ">=", "0.5", "亿元"),
    ("相关生产、服务等企业数量不少于二十家", "enterprise_count", ">=", "20", "户"),
    ("工业互联网平台应用普及率达到１５％以上", "iip_penetration", ">=", "15", "%"),
    ("有效发明专利年均增长率超过8.5%", "patent_growth", ">", "8.5", "%"),
    ("主导产业产值占比不低于60%", "leading_industry_share", ">=", "60", "%"),
    ("中小企业产值占集群总产值的比重达到65%（含）以上", "sme_output_share", ">=", "65", "%"),
    ("集群产值年均增长率在8%以内", "output_growth", "<=", "8", "%"),
    ("主导产业产值年均增速不低于6%", "leading_industry_growth", ">=", "6", "%"),
    ("近三年中小企业研发投入年均增长高于4%", "rd_growth", ">", "4", "%"),
    ("占地面积一般在50平方千米以内", "area_km2", "<=", "50", "平方公里"),
])
def test_wordings(phrase: str, metric: str, op: str, value: str, unit: str) -> None:
    c = one(phrase)
    assert isinstance(c, Criterion), c
    assert (c.metric, c.operator, c.threshold, c.unit) == (metric, op, Decimal(value), unit)
    assert c.phrase == phrase


def test_years_and_qualifiers_are_kept() -> None:
    c = one("集群近三年产值均在20亿元以上")
    assert isinstance(c, Criterion) and c.years == 3 and c.qualifier is None
    c = one("连续两年产值不低于10亿元")
    assert isinstance(c, Criterion) and c.years == 2
    c = one("产值在10亿元以上")
    assert isinstance(c, Criterion) and c.years is None and c.note and "近N年" in c.note
    c = one("且主导产业产值年均增速原则上不低于5%")
    assert isinstance(c, Criterion) and c.qualifier == "原则上"
    c = one("占地面积一般不超过100平方公里")
    assert isinstance(c, Criterion) and c.qualifier == "一般"


@pytest.mark.parametrize("phrase", ["评审结果在门户网站公示7个工作日",
                                    "在全市范围内培育认定15个左右集群", "变动发生后1个月内备案"])
def test_numbers_that_are_not_criteria(phrase: str) -> None:
    assert one(phrase) is None


def test_half_criteria_are_listed_for_the_reviewer() -> None:
    c = one("集群内研发人员占从业人员比例不低于10%")
    assert isinstance(c, Skipped) and "未识别指标" in c.reason
    c = one("工业互联网平台应用普及率约为10%")
    assert isinstance(c, Skipped) and "iip_penetration" in c.reason


def test_operator_words_come_from_the_reviewed_table() -> None:
    t = tables()
    assert t.words["不低于"] == ">=" and t.words["高于"] == ">" and t.words["不超过"] == "<="
    # every operator the drafter writes is the table's reading of a word in the phrase
    levels = 0
    for doc_id in get_corpus().ids:
        for c in draft_units(get_corpus().doc(doc_id).units).criteria:
            for r in c.flat():
                if r.expect is not None:
                    continue
                word = next(w for w in t.words_longest_first if w in r.phrase)
                op = t.negations[t.words[word]] if r.negated else t.words[word]
                assert op == r.operator, r
                levels += r.negated
    assert levels == 10  # 较大/重大及以上…事故/事件 in each text: must not have happened, so <


def test_categories_decide_the_count_metric() -> None:
    doc = draft_units(parse(HECHUAN.read_text("utf-8"), "hechuan").units)
    (count,) = [c for c in doc.criteria if c.alternatives]
    assert count.citation == "hechuan:第四条:（三）"
    assert [(a.metric, a.threshold, a.categories) for a in count.alternatives] == [
        ("little_giant", Decimal(2), ()),
        ("quality_enterprises", Decimal(12), ("specialized_sme", "innovative_sme", "high_tech")),
    ]
    assert count.phrase == ("拥有不少于2家专精特新“小巨人”企业，或者不少于12家专精特新中小企业、"
                            "创新型中小企业和国家级高新技术企业")


def test_single_count_with_all_categories() -> None:
    c = one("拥有专精特新中小企业、专精特新“小巨人”、制造业单项冠军、创新型中小企业和"
            "国家级高新技术企业不少于8家")
    assert isinstance(c, Criterion) and c.metric == "quality_enterprises"
    assert c.categories == ("specialized_sme", "little_giant", "single_champion",
                            "innovative_sme", "high_tech")


def test_hechuan_draft_in_full() -> None:
    doc = draft_document(HECHUAN.read_text("utf-8"), "hechuan")
    assert doc["status"] == "draft"
    assert doc["standard"] == ["hechuan:第四条", "hechuan:第五条"]
    assert all(c["reviewed"] is False for c in doc["criteria"])
    got = [(c["metric"], c.get("operator"), c.get("threshold"), c["citation"])
           for c in doc["criteria"]]
    assert got == [
        ("area_km2", "<=", 80, "hechuan:第四条:（一）"),
        ("enterprise_count", ">=", 30, "hechuan:第四条:（一）"),
        ("annual_output", ">=", 12, "hechuan:第四条:（二）"),
        ("sme_output_share", ">=", 75, "hechuan:第四条:（二）"),
        ("leading_industry_share", ">", 65, "hechuan:第四条:（二）"),
        ("output_growth", ">=", 6, "hechuan:第四条:（二）"),
        ("quality_enterprises", None, None, "hechuan:第四条:（三）"),
        ("rd_growth", ">=", 6, "hechuan:第四条:（四）"),
        ("patent_growth", ">", 8, "hechuan:第四条:（四）"),
        ("patents_per_10k", ">=", 9, "hechuan:第四条:（四）"),
        ("iip_penetration", ">=", 20, "hechuan:第四条:（五）"),
        ("incident_level", "<", "larger", "hechuan:第五条"),
    ]
    assert doc["criteria"][-1]["phrase"] == ("集群企业近三年未发生较大及以上安全、质量和"
                                             "环境污染等事故")
    assert doc["relaxation"] == {"applies_if": "ethnic_or_revolutionary_area",
                                 "phrase": "革命老区可适当放宽", "citation": "hechuan:第四条"}
    assert [(f["fact"], str(f["value"]), f["phrase"]) for f in doc["dates"]] == [
        ("effective_date", "2025-02-01", "自2025年2月1日起施行"),
        ("validity_years", "3", "有效期3年"),
        ("issue_date", "2025-01-10", "2025年1月10日"),
    ]
    assert doc["skipped"] == []


def test_application_form_numbers_are_not_drafted() -> None:
    doc = draft_document(get_corpus().doc("guizhou").raw, "guizhou")
    assert {c["citation"].split(":")[1] for c in doc["criteria"]} == {"第十一条", "第十二条"}
    assert [s["citation"] for s in doc["skipped"]] == ["guizhou:附件八"] * 3
    assert all("申报表" in s["reason"] for s in doc["skipped"])


@pytest.mark.parametrize("doc_id", ["sichuan", "guizhou", "shandong", "zhangye", "qinghai"])
def test_every_drafted_quote_is_verbatim(doc_id: str) -> None:
    c = get_corpus()
    doc = draft_document(c.doc(doc_id).raw, doc_id)
    for rule in doc["criteria"]:
        assert c.verify_quote(rule["citation"], rule["phrase"]), rule
        for alt in rule.get("alternatives") or ():
            assert c.verify_quote(rule["citation"], alt["phrase"]), alt
    for fact in doc["dates"]:
        assert c.verify_quote(fact["citation"], fact["phrase"]), fact
