"""BM25 channel. bm25s builds and saves the index; queries read its saved arrays with numpy.

bm25s stores the BM25 weight of every (token, document) pair as a sparse CSC matrix, so scoring a
query is a sum of matrix columns. Doing that sum with numpy on the saved arrays keeps scipy (which
`import bm25s` pulls in, ~0.35 s) out of the query path; tests check the scores equal bm25s's.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

_FILES = ("data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy",
          "vocab.index.json", "params.index.json")


class LexicalIndexError(RuntimeError):
    """The saved BM25 arrays are missing or inconsistent."""


def build_lexical(token_lists: Sequence[list[str]], k1: float, b: float, path: Path) -> None:
    """Index the token lists (one per entry, in entry order) with bm25s and save to `path`."""
    import bm25s

    retriever = bm25s.BM25(k1=k1, b=b, method="lucene")
    retriever.index([list(t) for t in token_lists], show_progress=False)
    retriever.save(str(path), show_progress=False)


class LexicalIndex:
    """The saved BM25 matrix: `scores(tokens)` gives one score per entry."""

    def __init__(self, path: Path, n_entries: int):
        try:
            self.data = np.load(path / _FILES[0])
            self.indices = np.load(path / _FILES[1])
            self.indptr = np.load(path / _FILES[2])
            with open(path / _FILES[3], encoding="utf-8") as fh:
                self.vocab: dict[str, int] = json.load(fh)
            with open(path / _FILES[4], encoding="utf-8") as fh:
                params = json.load(fh)
        except (OSError, ValueError, EOFError) as exc:  # EOFError: a truncated .npy file
            raise LexicalIndexError(f"BM25 index unreadable: {type(exc).__name__}: {exc}"
                                    ) from exc
        self.n = int(params.get("num_docs", -1))
        # bm25s's vocabulary may hold an empty token "" that has no column
        self.vocab = {t: i for t, i in self.vocab.items() if i + 1 < len(self.indptr)}
        if self.n != n_entries or len(self.indptr) < len(self.vocab) + 1 or (
                len(self.indptr) and int(self.indptr[-1]) != len(self.data)) or (
                len(self.indices) and int(self.indices.max()) >= self.n):
            raise LexicalIndexError("BM25 index does not match the entries")

    def scores(self, terms: Sequence[str] | Mapping[str, float]) -> np.ndarray:
        """BM25 score of every entry; `terms` may carry a weight per token (default 1)."""
        weighted = terms if isinstance(terms, Mapping) else dict.fromkeys(terms, 1.0)
        out = np.zeros(self.n, dtype=np.float32)
        for tok, weight in weighted.items():
            col = self.vocab.get(tok)
            if col is None:
                continue
            s, e = int(self.indptr[col]), int(self.indptr[col + 1])
            # a column holds each document once, so fancy-index += is exact
            out[self.indices[s:e]] += np.float32(weight) * self.data[s:e]
        return out

    def doc_freq(self) -> dict[str, int]:
        """Number of entries each token occurs in."""
        return {t: int(self.indptr[c + 1] - self.indptr[c]) for t, c in self.vocab.items()}

    def knows(self, token: str) -> bool:
        return token in self.vocab
