"""Retrieval over the corpus: article-level BM25 with a jurisdiction filter, explicit references
first, and an optional dense (sentence-transformers + chromadb) channel fused in.

Heavy libraries (torch, sentence-transformers, chromadb, langchain) load only when the dense
channel or the LangChain retriever is used.
"""

from __future__ import annotations

from typing import Any

from .hits import Hit
from .query import detect_jurisdictions, resolve_references
from .search import Retriever, SearchError, get_retriever, search
from .settings import DenseUnavailable, Settings, SettingsError, settings_from_env


def as_langchain_retriever(k: int = 5, jurisdiction: str | list[str] | None = None) -> Any:
    """A `langchain_core.retrievers.BaseRetriever` over `search`, yielding cited Documents."""
    from .lc_retriever import CorpusRetriever

    return CorpusRetriever(k=k, jurisdiction=jurisdiction)


__all__ = [
    "DenseUnavailable",
    "Hit",
    "Retriever",
    "SearchError",
    "Settings",
    "SettingsError",
    "as_langchain_retriever",
    "detect_jurisdictions",
    "get_retriever",
    "resolve_references",
    "search",
    "settings_from_env",
]
