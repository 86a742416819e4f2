"""The retriever as a LangChain `BaseRetriever`, so it drops into other LangChain pipelines."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from corpus import get_corpus

from .hits import Hit
from .search import get_retriever


def hit_document(hit: Hit) -> Document:
    """A Document whose metadata carries the citation: id, document title, chapter, score."""
    meta = get_corpus().doc(hit.doc).meta
    return Document(
        page_content=hit.text,
        id=hit.id,
        metadata={"id": hit.id, "citation": hit.id, "doc": hit.doc, "source": meta.title,
                  "jurisdiction": meta.short_name, "chapter": hit.chapter, "title": hit.title,
                  "matched": hit.matched, "score": float(hit.score), "via": hit.via},
    )


class CorpusRetriever(BaseRetriever):
    """Ranked articles of the five regulations (and user-added ones) for a question."""

    k: int = 5
    jurisdiction: str | list[str] | None = None
    level: str = "article"

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = get_retriever().search(query, k=self.k, jurisdiction=self.jurisdiction,
                                      level=self.level)
        return [hit_document(h) for h in hits]
