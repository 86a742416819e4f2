"""`search`: ranking on the unit-test questions, filters, references, levels, the Hit shape."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import yaml

from corpus import get_corpus, verify_quote
from corpus.store import add_document
from indexing import Hit, SearchError, get_retriever, search
from indexing.settings import Settings

CASES = yaml.safe_load((Path(__file__).parent / "questions.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["q"] for c in CASES])
def test_first_hit(case: dict, built_index: Path) -> None:
    hits = search(case["q"], k=3, jurisdiction=case.get("jurisdiction"))
    assert hits[0].id == case["top"]


def test_hit_shape_and_verbatim_text(built_index: Path) -> None:
    hit = search("青海的集群认定后几年有效", k=1)[0]
    assert hit == Hit(id="qinghai:第十四条", doc="qinghai", score=hit.score,
                      text=get_corpus().quote("qinghai:第十四条"), chapter="第四章 动态管理",
                      title=None, matched=None, via="bm25")
    assert hit.score > 0 and verify_quote(hit.id, hit.text)
    assert list(hit.to_json()) == ["id", "doc", "score", "text", "chapter", "title", "matched",
                                   "via"]
    json.dumps(hit.to_json(), ensure_ascii=False)
    with pytest.raises(AttributeError):
        hit.score = 1.0  # type: ignore[misc]


def test_item_match_rolls_up_to_its_article(built_index: Path) -> None:
    hit = search("四川集群占地面积不超过多少平方公里", k=1)[0]
    assert (hit.id, hit.matched) == ("sichuan:第十一条", "sichuan:第十一条:（一）")
    items = search("四川集群占地面积不超过多少平方公里", k=3, level="item")
    assert items[0].id == "sichuan:第十一条:（一）"
    assert items[0].text == get_corpus().quote("sichuan:第十一条:（一）")


def test_named_jurisdiction_filters(built_index: Path) -> None:
    hits = search("山东的集群有效期", k=10)
    assert hits and {h.doc for h in hits} == {"shandong"}
    both = search("青海和四川的复核", k=20)
    assert {h.doc for h in both} == {"qinghai", "sichuan"}


def test_explicit_jurisdiction_overrides_the_question(built_index: Path) -> None:
    hits = search("青海的集群有效期", k=5, jurisdiction="shandong")
    assert {h.doc for h in hits} == {"shandong"} and hits[0].id == "shandong:第十二条"
    hits = search("有效期", k=10, jurisdiction=["qinghai", "zhangye"])
    assert {h.doc for h in hits} == {"qinghai", "zhangye"}
    hits = search("青海的集群有效期", k=30, jurisdiction="all")
    assert len({h.doc for h in hits}) == 5
    assert search("有效期", k=3, jurisdiction="青海")[0].doc == "qinghai"  # a place name works


def test_without_a_place_every_document_competes(built_index: Path) -> None:
    hits = search("集群有效期为三年", k=10)
    assert len({h.doc for h in hits}) >= 4


def test_references_come_first(built_index: Path) -> None:
    hits = search("青海第十二条和有效期", k=3)
    assert hits[0].id == "qinghai:第十二条" and hits[0].via == "reference"
    assert hits[0].score > hits[1].score
    assert hits[1].id == "qinghai:第十四条"
    hits = search("第十一条第（一）项", k=2, jurisdiction="sichuan")
    assert (hits[0].id, hits[0].matched) == ("sichuan:第十一条", "sichuan:第十一条:（一）")
    # a reference outside an explicit filter is not returned
    assert all(h.doc == "qinghai" for h in search("山东第十二条", jurisdiction="qinghai"))


@pytest.mark.parametrize("question,named,topic", [
    ("青海第十四条说的年度情况报送截止是几月几号", "qinghai:第十四条", "qinghai:第十五条"),
    ("领导让我查四川办法第十五条里说的重大变动备案时限，到底是多久", "sichuan:第十五条",
     "sichuan:第十七条"),
    ("贵州办法第十一条说的负面清单里，事故是写的较大还是重大？", "guizhou:第十一条",
     "guizhou:第十二条"),
])
def test_a_misplaced_reference_yields_to_the_article_its_words_are_in(
        built_index: Path, question: str, named: str, topic: str) -> None:
    hits = search(question, k=3)
    assert [(h.id, h.via) for h in hits[:2]] == [(topic, "topic"), (named, "reference")]


_PLACES = {"sichuan": "四川", "guizhou": "贵州", "shandong": "山东", "zhangye": "张掖",
           "qinghai": "青海"}
_GENERIC = ["{p}{a}讲的什么", "{p}{a}的具体要求有哪些", "{p}{a}是关于什么的",
            "{p}办法{a}说了啥，帮我解释一下", "{p}{a}里有哪些条件",
            "{p}{a}的意思是说集群要满足这些吗"]


def test_a_right_reference_stays_first(built_index: Path) -> None:
    """Probes that name the article they are about: generic questions, and questions made of two
    words only that article (and few others) uses. None may be moved to another article."""
    import random

    retriever = get_retriever()
    words = retriever.article_words
    rng = random.Random(7)
    probes = []
    for unit, own in sorted(words.items()):
        doc, article = unit.split(":", 1)
        if not article.startswith("第"):
            continue
        probes += [t.format(p=_PLACES[doc], a=article) for t in _GENERIC]
        peers = [u for u in words if u.startswith(doc + ":")]
        rare = sorted(w for w in own if len(w) >= 2
                      and sum(w in words[u] for u in peers) <= len(peers) / 3)
        for _ in range(5 if len(rare) >= 2 else 0):
            a, b = rng.sample(rare, 2)
            probes.append(f"{_PLACES[doc]}{article}说的{a}和{b}是怎么规定的")
    moved = [q for q in probes if search(q, k=1)[0].via != "reference"]
    print(f"{len(probes)} probes naming the right article, {len(moved)} moved")
    assert len(probes) > 600 and moved == []


def test_no_match_is_empty_not_an_error(built_index: Path) -> None:
    assert search("今天天气怎么样", k=5) == []
    assert search("", k=5) == []


def test_k_limits_and_sorts(built_index: Path) -> None:
    hits = search("集群", k=7)
    assert len(hits) == 7
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"jurisdiction": "beijing"}, "未知的地区"),
    ({"level": "chapter"}, "level"),
    ({"k": 0}, "k"),
])
def test_bad_arguments(kwargs: dict, message: str, built_index: Path) -> None:
    with pytest.raises(SearchError, match=message):
        search("有效期", **kwargs)


def test_numpy_scores_equal_bm25s(built_index: Path) -> None:
    import bm25s

    retriever = get_retriever(Settings())
    bundle = retriever.lex
    reference = bm25s.BM25.load(str(bundle.path / "bm25"))
    for q in ("集群有效期几年", "工业互联网平台应用普及率", "撤销认定的情形"):
        tokens = [t for t in bundle.tokenizer.tokens(q) if bundle.lexical.knows(t)]
        ours = bundle.lexical.scores(tokens)
        theirs = reference.get_scores(tokens)
        np.testing.assert_allclose(ours, theirs, rtol=1e-5)


def test_user_added_document_is_searched(tmp_path: Path, built_index: Path) -> None:
    add_document(Path(__file__).parent / "fixtures" / "yunxi.txt", "yunxi")
    hits = search("云溪的竹木质量抽检多久一次", k=3)
    assert hits[0].id == "yunxi:第四条"
    assert search("竹木加工企业不少于多少家", k=1)[0].id == "yunxi:第三条"


def test_answer_type_boost_raises_entries_that_can_answer(built_index: Path) -> None:
    retriever = get_retriever(Settings())
    entries = retriever.lex.entries
    types = dict(zip((e.id for e in entries), retriever.answer_types, strict=True))
    assert "time" in types["zhangye:第十七条"]  # 15个工作日内
    assert "quantity" in types["sichuan:第十一条:（一）"]  # 20亿元以上, 60%以上
    assert "who" in types["shandong:第十四条"]  # 由山东省工业和信息化厅负责解释
    assert types["sichuan:第十二条"] == frozenset()
    ones = np.ones(len(entries))
    boosted = retriever._boost("重大变更多久之内要报告", ones)
    assert boosted[[e.id for e in entries].index("zhangye:第十七条")] == pytest.approx(1.3)
    assert boosted[[e.id for e in entries].index("sichuan:第十二条")] == 1.0
    assert (retriever._boost("重大变更要报告", ones) == ones).all()  # asks for no type
    off = get_retriever(Settings(answer_type_boost=0.0))
    assert (off._boost("多久之内", ones) == ones).all()


def test_bare_attachment_reference_yields_to_the_words(built_index: Path) -> None:
    assert search("张掖附件里对研发经费有什么要求", k=1)[0].id == "zhangye:附件四"
    hit = search("青海附件", k=1)[0]
    assert (hit.id, hit.via) == ("qinghai:附件", "reference")
    assert search("青海附件一", k=1)[0].id == "qinghai:附件一"


def test_query_path_imports_no_heavy_library(built_index: Path) -> None:
    import subprocess
    import sys

    heavy = ("torch", "sentence_transformers", "chromadb", "langchain_core", "scipy", "bm25s")
    code = ("import sys; from indexing import search; hits = search('青海集群有效期', k=1); "
            f"print(hits[0].id, [m for m in {heavy!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True)
    assert out.stdout.split() == ["qinghai:第十四条", "[]"]


PROBES = yaml.safe_load((Path(__file__).parent / "probes.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", PROBES, ids=[c["q"][:30] for c in PROBES])
def test_blind_probe_first_hit(case: dict, built_index: Path) -> None:
    hit = search(case["q"], k=1)[0]
    assert ":".join(hit.id.split(":")[:2]) in case["ids"]
