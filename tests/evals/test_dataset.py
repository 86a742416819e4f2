"""The shipped eval dataset: well formed, large enough, and every citation and fact checks out."""

from __future__ import annotations

from collections import Counter

import pytest

from corpus import document_status, get_corpus
from evals.dataset import CATEGORIES, DatasetError, check_item, load_items, parse_item

ITEMS = load_items()


def test_size_and_coverage() -> None:
    assert len(ITEMS) >= 150
    cats = Counter(it.category for it in ITEMS)
    assert set(cats) == set(CATEGORIES)
    assert sum(1 for it in ITEMS if it.retrieval_usable) >= 100
    assert sum(1 for it in ITEMS if it.category == "eligibility" and it.turns
               and len(it.turns) >= 2) >= 30
    lookup_docs = {it.jurisdiction for it in ITEMS if it.category == "lookup"}
    assert {"sichuan", "guizhou", "shandong", "zhangye", "qinghai"} <= lookup_docs


def test_heldout_is_about_thirty_percent_of_every_category() -> None:
    for cat in CATEGORIES:
        cat_items = [it for it in ITEMS if it.category == cat]
        held = sum(1 for it in cat_items if it.split == "heldout")
        assert 0.2 <= held / len(cat_items) <= 0.4, cat


@pytest.mark.parametrize("item", ITEMS, ids=lambda it: it.id)
def test_item_citations_and_facts_check_out(item) -> None:
    assert check_item(item) == []


@pytest.mark.parametrize("item", [it for it in ITEMS if it.category == "status"],
                         ids=lambda it: it.id)
def test_status_expectations_agree_with_the_corpus(item) -> None:
    c = get_corpus()
    for doc, expected in item.expected["status"].items():
        assert document_status(c.doc(doc).meta, item.as_of).status == expected


def test_check_item_reports_bad_ids_and_missing_facts() -> None:
    bad = parse_item({"id": "x", "split": "dev", "category": "lookup", "jurisdiction": "qinghai",
                      "question": "青海有效期？", "expected_ids": ["qinghai:第九十九条",
                                                                "qinghai:第十四条:（一）"],
                      "facts": ["五年"]})
    problems = check_item(bad)
    assert "unknown citation id qinghai:第九十九条" in problems
    assert "fact '五年' is not in the cited text" in problems


def test_check_item_accepts_numeral_and_width_variants() -> None:
    ok = parse_item({"id": "x", "split": "dev", "category": "lookup", "jurisdiction": "qinghai",
                     "question": "?", "expected_ids": ["qinghai:第十四条"],
                     "facts": ["3年", "有效期为三年"]})
    assert check_item(ok) == []


def test_item_needs_exactly_one_of_question_and_turns(tmp_path) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "a", "split": "dev", "category": "lookup", "question": "q",'
                 ' "turns": ["t"]}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match=r"bad.jsonl:1: .*exactly one of"):
        load_items(p)
    with pytest.raises(DatasetError, match="unknown split"):
        load_items(split="train")


def test_threshold_operator_must_match_the_wording() -> None:
    def item(op: str, fact: str):
        return parse_item({"id": "t", "split": "dev", "category": "threshold",
                           "jurisdiction": "zhangye", "question": "?",
                           "expected_ids": ["zhangye:附件一"], "facts": [fact],
                           "expected": {"metric": "area_km2", "operator": op,
                                        "threshold": "100", "unit": "平方公里"}})

    assert check_item(item("<=", "不超过100平方公里")) == []
    assert check_item(item(">", "不超过100平方公里")) == [
        "no fact states threshold 100 with a > word ((?<!不)(?:高于|超过))"]
    assert check_item(item(">", "高于70%")) != []  # 70 is not the threshold 100


@pytest.mark.parametrize("item", [it for it in ITEMS if it.category == "eligibility"],
                         ids=lambda it: it.id)
def test_hand_computed_eligibility_agrees_with_the_rules_engine(item) -> None:
    """Each dialogue's final profile (`expected.profile`, written by hand) checked by `tools`
    gives the verdict and the per-criterion statuses computed by hand from the text."""
    tools = pytest.importorskip("tools")
    e = item.expected
    res = tools.check(e["profile"], e["jurisdiction"]).to_json()
    got = {c["metric"]: c["status"] for c in res["criteria"]}
    assert {m: got.get(m) for m in e["criteria"]} == e["criteria"]
    assert res["verdict"] == e["verdict"]
