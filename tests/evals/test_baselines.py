"""The peer baselines: chunking and offsets are exact, rankings behave as BM25 does."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import get_corpus
from evals import run
from evals.baselines import (
    CHUNK_SIZE,
    ArticleBM25,
    ChunkPipeline,
    chunk_documents,
    document_texts,
)

from .fakes import FakeSystem

MINI = Path(__file__).parent / "fixtures" / "mini.jsonl"


def test_document_text_spans_hold_each_article_verbatim() -> None:
    c = get_corpus()
    for doc, (text, spans) in document_texts().items():
        assert [s.id for s in spans] == [u.id for u in c.doc(doc).units]
        for span in spans:
            assert text[span.start:span.end].endswith(c.quote(span.id))


def test_chunks_are_fixed_size_and_map_to_the_article_they_overlap_most() -> None:
    texts = document_texts()
    chunks = chunk_documents()
    assert len(chunks) > 100
    for ch in chunks:
        text, spans = texts[ch.metadata["doc"]]
        start = ch.metadata["start_index"]
        end = start + len(ch.page_content)
        assert len(ch.page_content) <= CHUNK_SIZE
        assert text[start:end] == ch.page_content
        overlap = {s.id: min(end, s.end) - max(start, s.start) for s in spans}
        assert overlap[ch.metadata["article"]] == max(overlap.values()) > 0


def test_article_bm25_with_and_without_the_jurisdiction_filter() -> None:
    plain, filtered = ArticleBM25(), ArticleBM25(filtered=True)
    q = "张掖市集群名单公示几个工作日"
    assert plain.search(q, 2) == ["zhangye:第十五条", "qinghai:第十三条"]
    assert filtered.search(q, 2) == ["zhangye:第十五条", "zhangye:第二十条"]
    assert filtered.named_docs("张掖和青海的区别") == {"zhangye", "qinghai"}
    assert filtered.named_docs("集群有效期") == set()


def test_chunk_bm25_returns_distinct_article_ids_and_chunk_passages() -> None:
    pipe = ChunkPipeline(dense=False)
    ids = pipe.search("青海撤销认定后申诉期限", 5)
    assert ids[0] == "qinghai:第十七条"
    assert len(ids) == len(set(ids)) <= 5
    passages = pipe.retrieve("青海撤销认定后申诉期限")
    assert len(passages) == 10 and all(len(p.text) <= CHUNK_SIZE for p in passages)
    assert passages[0].id == "qinghai:第十七条" and "申诉" in passages[0].text


def test_run_reports_baselines_beside_the_system() -> None:
    rep = run("dev", FakeSystem(), path=MINI, dense_baseline=False)
    assert list(rep.baselines) == ["bm25_article", "bm25_article_filter", "chunk_bm25"]
    base = rep.baselines["bm25_article_filter"]
    assert base.metrics["n_r@1"] == 4
    assert {it["id"] for it in base.items} == {"lookup-qinghai-001", "threshold-sichuan-001",
                                              "status-qinghai-001", "adversarial-qinghai-001"}
    lead = rep.lead()["bm25_article_filter"]["r@1"]
    assert lead == pytest.approx(rep.system.metrics["r@1"] - base.metrics["r@1"])
    assert f"领先 lead over bm25_article_filter: r@1 {lead:+.3f}" in rep.table()


@pytest.mark.slow
def test_dense_chunk_ensemble_runs_offline_and_caches_embeddings() -> None:
    from evals.dense_baseline import ChromaRetriever, cache_dir

    pipe = ChunkPipeline(dense=True)
    assert pipe.name == "chunk_ensemble"
    ids = pipe.search("青海撤销认定后申诉期限", 5)
    assert 0 < len(ids) <= 5 and all(get_corpus().has(i) for i in ids)
    assert cache_dir().is_dir()
    again = ChromaRetriever.build(pipe.chunks)
    assert again.collection.count() == len(pipe.chunks)
