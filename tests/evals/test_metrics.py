"""The scoring functions on hand-made inputs."""

from __future__ import annotations

from decimal import Decimal

from evals import metrics as M
from evals.normalize import normalize, numbers_in


def test_normalize_makes_equivalent_forms_equal() -> None:
    assert normalize("有效期为三年") == normalize("有效期为 3 年")
    assert normalize("２０亿元以上") == normalize("20亿元以上")
    assert normalize("2025-06-26") == normalize("2025年6月26日")
    assert normalize("“小巨人”") == normalize('"小巨人"')
    assert normalize("第十四条") == "第14条"


def test_numbers_in_skips_markers_and_numeral_words() -> None:
    assert numbers_in("与原文不一致[1]，一般不超过100平方公里") == [Decimal(100)]
    assert numbers_in("第十四条：三年，百分之七十五，8.50%") == [Decimal(14), Decimal(3),
                                                             Decimal(75), Decimal("8.5")]


def test_retrieval_scores_at_article_level() -> None:
    ranked = ["qinghai:第十七条:（一）", "qinghai:第十七条", "qinghai:第十四条"]
    s = M.retrieval_scores(ranked, ["qinghai:第十四条"])
    assert s == {"r@1": 0.0, "r@3": 1.0, "mrr": 0.5, "coverage@5": 1.0}
    s = M.retrieval_scores(ranked, ["qinghai:第十四条", "zhangye:第十六条"])
    assert s["coverage@5"] == 0.5 and s["mrr"] == 0.5
    assert M.retrieval_scores([], ["qinghai:第十四条"])["mrr"] == 0.0


def test_fact_and_numeric_scores() -> None:
    assert M.fact_score(["三年", "15个工作日内"], "有效期为3年") == (0.5, ["15个工作日内"])
    assert M.fact_score([], "x") == (None, [])
    assert M.numeric_score("差2.5个百分点，第三条", ["margin 2.50", "第三条"]) == (1.0, [])
    assert M.numeric_score("需要25亿元", ["20亿元以上"]) == (0.0, ["25"])
    assert M.numeric_score("1. 没有数字\n2. 也没有", []) == (None, [])


def test_status_score() -> None:
    assert M.status_score("截至今天已过有效期", {"qinghai": "expired"}) == 1.0
    assert M.status_score("在有效期内", {"qinghai": "in_force"}) == 1.0
    assert M.status_score("有效期2年，已过有效期", {"qinghai": "in_force"}) == 0.0
    assert M.status_score("征求意见稿；无法判断", {"sichuan": "draft", "zhangye": "unknown"}) == 1.0
    assert M.status_score("征求意见稿", {"sichuan": "draft", "zhangye": "unknown"}) == 0.0


def test_refusal_and_percentiles() -> None:
    assert M.refusal_score({"intent": "out_of_scope", "citations": []}, True) == 1.0
    assert M.refusal_score({"intent": "out_of_scope", "citations": [{"id": "x"}]}, True) == 0.0
    assert M.refusal_score({"intent": "lookup"}, False) == 1.0
    assert M.percentile([5, 1, 3, 2, 4], 50) == 3
    assert M.percentile(list(range(1, 101)), 95) == 95
    assert M.percentile([], 50) is None
