"""The small per-index dictionary cuts exactly as jieba's full dictionary; data files are sound."""

from __future__ import annotations

from pathlib import Path

import yaml

from corpus import get_corpus
from indexing.settings import DATA_DIR
from indexing.store import place_names
from indexing.t2s import to_simplified
from indexing.tokenizer import (
    Tokenizer,
    build_dictionary,
    corpus_terms,
    domain_terms,
    full_jieba,
    nfkc,
    synonyms,
)

QUESTIONS = [q["q"] for q in yaml.safe_load(
    (Path(__file__).parent / "questions.yaml").read_text(encoding="utf-8"))]


def _corpus_text() -> str:
    return "\n".join(u.text for u in get_corpus().units())


def test_small_dictionary_cuts_like_the_full_one(tmp_path: Path, built_index: Path) -> None:
    import json

    manifest = json.loads((built_index / "manifest.json").read_text(encoding="utf-8"))
    small = Tokenizer.from_dict_file(built_index / "words.dict", float(manifest["total"]))
    texts = [u.text for u in get_corpus().units()]
    full = Tokenizer(full_jieba(tmp_path / "cache", [*corpus_terms(texts), *place_names()]))
    assert [small.words(t) for t in texts] == [full.words(t) for t in texts]
    # A question's word the texts lack (有没有) falls apart into single characters with the small
    # dictionary; every word of two or more characters is cut the same.
    for q in QUESTIONS:
        assert [w for w in small.words(q) if len(w) > 1 and w in small_vocab(built_index)] == \
            [w for w in full.words(q) if len(w) > 1 and w in small_vocab(built_index)]


def small_vocab(index: Path) -> set[str]:
    lines = (index / "words.dict").read_text(encoding="utf-8").splitlines()
    return {ln.split()[0] for ln in lines if not ln.endswith(" 0")}


def test_dictionary_is_small(tmp_path: Path) -> None:
    total = build_dictionary(["集群有效期为三年。"], [], tmp_path / "d.txt", tmp_path / "cache")
    lines = (tmp_path / "d.txt").read_text(encoding="utf-8").splitlines()
    assert total > 1e7  # jieba's own total, not the small file's
    words = {ln.split()[0] for ln in lines}
    assert {"集群有效期", "集群", "有效期", "三年"} <= words  # domain term and its parts
    assert len(lines) < 2000  # jieba's full dictionary has about 350,000 words


def test_domain_terms_and_synonym_targets_occur_in_the_texts() -> None:
    text = _corpus_text()
    assert [t for t in domain_terms() if t not in text] == []
    targets = {p for phrases in synonyms().values() for p in phrases}
    assert sorted(p for p in targets if p not in text) == []


def test_query_terms_weights_and_expansions(built_index: Path) -> None:
    import json

    manifest = json.loads((built_index / "manifest.json").read_text(encoding="utf-8"))
    tok = Tokenizer.from_dict_file(built_index / "words.dict", float(manifest["total"]))
    terms = tok.query_terms("青海集群被撤牌怎么办", drop={"青海"})
    assert "青海" not in terms and terms["集群"] == 1.0
    assert terms["撤销"] == 0.5 and terms["认定"] == 0.5  # colloquial 撤牌 → the text's words
    # a stopword between two halves of a compound the texts use: 集群的有效期 → 集群有效期
    assert tok.query_terms("集群的有效期")["集群有效期"] == 1.0
    # combination keys weigh fully: a question about the document's own validity
    assert tok.query_terms("这个办法现在还有效吗")["起实施"] == 1.0
    assert "起实施" not in tok.query_terms("集群有效期几年")
    assert "工业互联网平台应用普及率" in tok.tokens("工业互联网平台应用普及率不低于10%")


def test_traditional_characters_are_simplified() -> None:
    assert to_simplified("貴州省集群重大變動備案") == "贵州省集群重大变动备案"
    assert nfkc("第１４条（一）") == "第14条(一)"
    text = _corpus_text()
    assert to_simplified(text) == text  # the shipped texts are already simplified
    pairs = [ln for ln in (DATA_DIR / "t2s.txt").read_text(encoding="utf-8").splitlines()
             if not ln.startswith("#")]
    assert len(pairs) > 2000 and all(len(p) == 3 for p in pairs)


def test_terms_the_texts_quote_join_the_dictionary() -> None:
    terms = corpus_terms(u.text for u in get_corpus().units())
    assert {"专精特新", "小巨人", "用云上平台", "六大工业基地", "一带一路"} <= set(terms)
    assert corpus_terms(["以下简称“集群”和“四化同步、城乡融合、五区共兴”"]) == ["集群"]


def test_answer_type_patterns_match_the_texts() -> None:
    from indexing.answer_types import answer_patterns, asked_types, text_types

    units = get_corpus().units()
    for name in answer_patterns():
        assert any(name in text_types(u.text) for u in units), name
    assert asked_types("有效期多久") == {"time"}
    assert asked_types("至少要几家小巨人") == {"quantity"}
    assert asked_types("哪个部门负责解释") == {"who"}
    assert asked_types("名单怎么公布") == frozenset()
