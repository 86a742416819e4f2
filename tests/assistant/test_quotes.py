"""Sentence choice inside a retrieved article: the quote is the verbatim sentence that holds the
fact the (colloquial, misspelt) question asks for."""

from __future__ import annotations

from datetime import date

import pytest

from assistant import ask, quotes
from corpus import verify_quote

TODAY = date(2026, 11, 22)

APPEAL = ("被撤销认定的青海省中小企业特色产业集群申报主体可自收到撤销决定之日起15个工作日内"
          "向省工业和信息化厅提出申诉,省工业和信息化厅应当自收到申诉之日起30个工作日内"
          "进行复核并答复申诉人。")


@pytest.mark.parametrize("question", [
    "俺们青海集群要是撤了牌子，多少天里能申述",  # 申述 → 申诉 (typo), 撤了牌子 → 撤销认定
    "青海集群被摘帽了不服气，能找谁说理，多久内提",  # 摘帽/说理: everyday words for 撤销/申诉
    "青海被撤销认定后多久内可以申诉？",
])
def test_appeal_sentence_not_the_opening_one(question: str) -> None:
    got = quotes.best_quotes("qinghai:第十七条", question)
    assert got == [APPEAL]
    assert verify_quote("qinghai:第十七条", got[0])


def test_answer_quotes_the_appeal_sentence() -> None:
    a = ask("俺们青海集群要是撤了牌子，多少天里能申述", TODAY)
    assert [(c.id, c.quote) for c in a.citations] == [("qinghai:第十七条", APPEAL)]
    assert "15个工作日内" in a.answer


def test_question_terms_carry_the_retrievers_normalised_words() -> None:
    qt = quotes.question_terms("俺们青海集群要是撤了牌子，多少天里能申述")
    assert qt["申述"] == 1.0  # the question's own bigrams stay
    assert qt["撤销"] == 1.0 and qt["工作日"] == 1.0  # everyday wording, answer type
    assert 0 < qt["申诉"] < 1.0  # the typo's reading, a weak expansion
    assert not any("青海" in w for w in qt)  # place names are not topic words


def test_duration_cue_picks_the_period_of_validity() -> None:
    question = "山东的集群认定完能用几年？急等回复🙏"
    qt = quotes.question_terms(question)
    wants = bool(quotes.ASKS_NUMBER.search(question))
    ranked = sorted(quotes.sentences("shandong:第十二条"),
                    key=lambda s: -quotes.score(s, qt, wants, question))
    assert ranked[0] == "省级中小企业特色产业集群实行动态管理，有效期为三年。"


def test_body_cue_prefers_the_sentence_naming_a_body() -> None:
    question = "青海的集群由谁来复核"
    qt = quotes.question_terms(question)
    with_body = "有效期满后,由省工业和信息化厅组织开展复核工作,并考核集群三年发展规划目标完成情况,"
    assert quotes.score(with_body, qt, False, question) > quotes.score(with_body, qt, False, "")


def test_matched_item_is_quoted() -> None:
    question = "山东对集群占地面积的要求？"
    item = "（四）集群发生主导产业、空间范围、运营管理机构变更等重大变动未及时更新报备的；"
    plain = "".join(quotes.best_quotes("shandong:第十三条", question))
    with_item = quotes.best_quotes("shandong:第十三条", question,
                                   matched="shandong:第十三条:（四）")
    assert item not in plain
    assert any(item in q for q in with_item)
    assert all(verify_quote("shandong:第十三条", q) for q in with_item)


def test_unknown_matched_id_is_ignored() -> None:
    assert quotes.item_text("shandong:第九十九条:（一）") == ""
    assert quotes.item_text(None) == ""


def test_definition_article_sentence_against_about_the_document() -> None:
    # 本办法由…负责解释 is about the document: it counts fully only when the question asks so
    s = "本办法由张掖市工业和信息化局负责解释。"
    qt = quotes.question_terms("解释权")
    assert quotes.score(s, qt, False, "细则的解释权") == pytest.approx(
        2 * quotes.score(s, qt, False, "解释权"))
    assert quotes.score(s, qt, False, "解释权") > 0


@pytest.mark.parametrize(("question", "cid", "fact"), [
    ("青海中小企业的产值在集群里得占一半以上吗", "qinghai:附件一",
     "中小企业产值占集群总产值50%以上"),
    ("贵州主导产业产值每年得涨几个百分点", "guizhou:第十一条:（一）",
     "主导产业产值年均增速原则上不低于5%"),
])
def test_colloquial_rule_questions_quote_the_rule(question: str, cid: str, fact: str) -> None:
    a = ask(question, TODAY)
    assert a.intent == "lookup"
    assert [c.id for c in a.citations] == [cid]
    assert fact in a.citations[0].quote and fact in a.answer


def test_no_see_also_that_repeats_the_same_clause() -> None:
    a = ask("山东集群有效期满未申请复核会怎样？", TODAY)
    assert [c.id for c in a.citations] == ["shandong:第十二条"]
    assert "取消其称号" in a.answer and "另见" not in a.answer


def test_status_cites_issue_date_only_when_it_is_the_start() -> None:
    a = ask("青海细则从哪天开始执行的，执行期多长", TODAY)
    assert a.intent == "status"
    assert [c.id for c in a.citations] == ["qinghai:第十九条"]
    assert a.citations[0].quote == "本实施细则自2023年6月27日起实施,有效期2年。"


def test_no_form_page_as_see_also_beside_a_rule() -> None:
    a = ask("贵州的开发区管委会可以当申报单位吗", TODAY)
    assert [c.id for c in a.citations] == ["guizhou:第十四条"]
    assert "开发区管理委员会作为申报主体" in a.citations[0].quote


def test_an_item_heading_is_quoted_with_its_body() -> None:
    question = "四川集群搞绿色低碳转型，文件里让做些啥"
    (quote,) = [q for q in quotes.best_quotes("sichuan:第五条", question) if "绿色低碳转型" in q]
    assert quote.startswith("(四)加快集群绿色低碳转型。优化集群能源消费结构")
    assert "(五)" not in quote and verify_quote("sichuan:第五条", quote)
