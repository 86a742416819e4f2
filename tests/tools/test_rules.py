"""The rules files against the corpus and the reviewed operator wording table."""

from __future__ import annotations

import dataclasses

import pytest

from corpus import get_corpus, verify_quote
from tools.rules import Rule, jurisdictions, load_rules, metrics, operator_words, wording_problems

JURISDICTIONS = ["sichuan", "guizhou", "shandong", "zhangye", "qinghai"]


def all_rules() -> list[Rule]:
    out = []
    for j in JURISDICTIONS:
        for r in load_rules(j).rules:
            out.append(r)
            out.extend(r.alternatives)
    return out


def test_one_rules_file_per_jurisdiction() -> None:
    assert jurisdictions() == JURISDICTIONS


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: f"{r.citation}:{r.metric}")
def test_quote_is_verbatim(rule: Rule) -> None:
    assert verify_quote(rule.citation, rule.phrase), (rule.citation, rule.phrase)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: f"{r.citation}:{r.metric}")
def test_operator_agrees_with_wording_table(rule: Rule) -> None:
    assert wording_problems(rule) == []


def test_wording_table_is_the_reviewed_one() -> None:
    words, negations = operator_words()
    reviewed = ("以上", "不低于", "不少于", "高于", "超过", "不超过", "以内")
    assert {w: words[w] for w in reviewed} == {
        "以上": ">=", "不低于": ">=", "不少于": ">=", "高于": ">", "超过": ">",
        "不超过": "<=", "以内": "<="}
    assert negations[">="] == "<"


def test_wording_check_catches_a_wrong_operator() -> None:
    good = load_rules("shandong").by_metric["leading_industry_share"]  # 高于70%
    bad = dataclasses.replace(good, operator=">=")
    assert wording_problems(bad) == [
        "shandong:leading_industry_share: '高于' means > but the rule says >="]


def test_standard_articles_exist_and_cover_every_citation() -> None:
    c = get_corpus()
    for j in JURISDICTIONS:
        jr = load_rules(j)
        assert all(c.has(cid) for cid in jr.standard)
        for r in jr.rules:
            article = ":".join(r.citation.split(":")[:2])
            assert article in jr.standard, r.citation


def test_every_numeric_rule_states_its_unit() -> None:
    for r in all_rules():
        if r.kind in ("number", "every_year", "growth", "count") and not r.alternatives:
            assert r.unit == metrics()[r.metric].unit


def test_thresholds_as_read_from_the_texts() -> None:
    table = {j: {r.metric: (r.operator, str(r.threshold)) for r in load_rules(j).rules
                 if r.operator} for j in JURISDICTIONS}
    assert table["sichuan"]["annual_output"] == (">=", "20")
    assert table["shandong"]["annual_output"] == (">=", "40")
    assert table["zhangye"]["annual_output"] == (">=", "10")
    assert table["qinghai"]["sme_output_share"] == (">=", "50")
    assert table["guizhou"]["patents_per_10k"] == (">=", "7")
    assert table["shandong"]["iip_penetration"] == (">=", "15")
    assert table["qinghai"]["iip_penetration"] == (">=", "8")
    assert table["zhangye"]["enterprise_count"] == (">=", "10")
    assert table["sichuan"]["incident_level"] == ("<", "larger")
    assert table["guizhou"]["incident_level"] == ("<", "major")


def test_soft_qualifiers_are_kept() -> None:
    assert load_rules("sichuan").by_metric["area_km2"].qualifier == "一般"
    assert load_rules("sichuan").by_metric["leading_industry_growth"].qualifier == "原则上"
    assert load_rules("zhangye").by_metric["area_km2"].qualifier is None  # 占地面积不超过100
    relax = load_rules("sichuan").relaxation
    assert relax is not None and relax.phrase == "民族地区、革命老区可适当放宽。"


def test_every_profile_key_has_a_chinese_label() -> None:
    from tools.evaluate import profile_key_labels
    from tools.profile import FIELDS

    assert set(profile_key_labels()) == set(FIELDS)


def test_every_fact_a_rule_reads_is_a_profile_key() -> None:
    from tools.profile import FIELDS

    for r in all_rules():
        if r.kind in ("fact", "level"):
            assert r.key in FIELDS, r.key
        if r.applies_if:
            assert r.applies_if in FIELDS
        for c in r.categories:
            assert c in FIELDS
