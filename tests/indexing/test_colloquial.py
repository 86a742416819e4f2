"""Query normalisation for everyday questions: homophone typos, numerals, unknown words."""

from __future__ import annotations

import json
from pathlib import Path

from indexing.homophones import Homophones, fuzzy, readings
from indexing.numbers import numeral_variants
from indexing.tokenizer import Tokenizer


def test_fuzzy_pinyin_merges_the_pairs_input_methods_offer() -> None:
    assert [fuzzy(r) for r in ("shu", "su", "zhi", "ci", "ling", "neng", "bang")] == \
        ["su", "su", "zi", "ci", "nin", "nen", "ban"]
    assert "qi" in readings()["期"] and "qi" in readings()["气"]
    assert len(readings()) == 6763  # every GB2312 character


def test_homophones_map_one_wrong_character_to_the_index_word() -> None:
    h = Homophones({"有效期": 12, "公示": 9, "公式": 1, "名单": 5, "申诉": 2, "备案": 4,
                    "主体": 6, "产值": 20})
    assert h.terms("有效气是几年") == ["有效期"]
    assert h.terms("明单公式几天") == ["名单", "公示"]  # 公式 is rare, 公示 common
    assert h.terms("多少天里能申述") == ["申诉"]  # shu ~ su (fuzzy)
    assert h.terms("申报主题被案") == ["主体", "备案"]
    assert h.terms("名单公示产值") == []  # index words stay themselves
    assert h.terms("名单明单", skip={"明单"}) == []
    assert h.terms("张三李四") == []


def test_a_known_word_is_kept_when_its_homophone_is_not_much_commoner() -> None:
    assert Homophones({"公示": 3, "公式": 1}).terms("公式") == []
    assert Homophones({"公示": 4, "公式": 1}).terms("公式") == ["公示"]


def test_numerals_in_the_other_notation() -> None:
    assert numeral_variants("每年二月份之前") == "2月"
    assert numeral_variants("十五个工作日内报") == "15个工作日"
    assert numeral_variants("有效期3年") == "三年"
    assert numeral_variants("两年还是30个左右") == "2年 三十个"
    assert numeral_variants("一年评几批") == ""  # 一年 is an idiom, not a count
    assert numeral_variants("第十四条 2023年 3.5亿") == ""


def test_expansions_of_words_the_texts_never_use_weigh_fully(built_index: Path) -> None:
    manifest = json.loads((built_index / "manifest.json").read_text(encoding="utf-8"))
    tok = Tokenizer.from_dict_file(built_index / "words.dict", float(manifest["total"]))
    never = tok.query_terms("报材料掺水", known=lambda w: False, unknown_weight=1.0)
    assert never["虚假申报"] == 1.0
    used = tok.query_terms("报材料掺水", known=lambda w: True, unknown_weight=1.0)
    assert used["虚假申报"] == 0.5
    assert tok.query_terms("报材料掺水")["虚假申报"] == 0.5  # no vocabulary given
    assert tok.query_terms("张掖集群二月份前报什么")["2"] == 1.0


def test_retriever_query_terms_combine_every_normalisation() -> None:
    from indexing import get_retriever

    terms = get_retriever().query_terms("青海集群有效气是几年，被撤了十五个工作日内能申述吗")
    assert "青海" not in terms  # the place filters, it does not score
    assert terms["有效期"] == 0.5 and terms["申诉"] == 0.5  # homophone typos
    assert terms["15"] == 1.0  # 十五个工作日 ~ 15个工作日
    assert terms["撤销"] == 1.0  # 撤了: a word the texts never use, replaced in full


def test_a_misspelt_place_name_still_filters() -> None:
    from indexing import detect_jurisdictions

    assert detect_jurisdictions("贵洲的集群申报主体") == ["guizhou"]
    assert detect_jurisdictions("张叶市集群名单") == ["zhangye"]
    assert detect_jurisdictions("清海集群有效期") == ["qinghai"]
    assert detect_jurisdictions("浙江集群有效期") == []  # not a homophone of any document
    assert detect_jurisdictions("青年创业基地") == []
    assert detect_jurisdictions("贵州和张叶") == ["guizhou"]  # only when no name is spelt right
