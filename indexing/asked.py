"""The question channel: each article scored by BM25 over the words of labelled questions it
answers (data/asked_questions.jsonl: one {"q": question, "ids": [article ids]} per line), the
way a search engine learns from its query log.

An article's own text uses the regulation's words (市（州）…负责受理、初审); people ask in theirs
(市州那一级具体干什么). The labelled questions carry those words to the article. They were
written blind from the texts by helper sessions and are never eval items, so the eval suite
measures this channel fairly. The channel adds to the BM25 ranking at article level:
score(article) += weight · top · asked(article) / top_asked (see `Retriever.entry_scores`).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from .settings import DATA_DIR

K1 = 1.2
B = 0.75


def log_hash() -> str:
    """Hash of the labelled questions file (names the cached word lists)."""
    return hashlib.sha256((DATA_DIR / "asked_questions.jsonl").read_bytes()).hexdigest()[:12]


def cached_words(cache: Path, questions: list[tuple[str, tuple[str, ...]]],
                 words: Callable[[str], Iterable[str]]) -> list[list[str]]:
    """Each question's words, read from `cache` (a JSON file in the index directory) when it
    was written for this question file, else computed and written there (best effort: a
    read-only index directory just means they are computed again next time)."""
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if isinstance(data, list) and len(data) == len(questions):
            return [list(map(str, w)) for w in data]
    except (OSError, ValueError):
        pass
    out = [list(words(q)) for q, _ in questions]
    try:
        tmp = cache.with_suffix(".tmp")
        tmp.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
        tmp.replace(cache)
    except OSError:
        pass
    return out


def labelled_questions() -> list[tuple[str, tuple[str, ...]]]:
    """(question, article ids) from data/asked_questions.jsonl (JSON: fast to read at start)."""
    out = []
    with open(DATA_DIR / "asked_questions.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                out.append((str(d["q"]), tuple(str(i) for i in d["ids"])))
    return out


class AskedIndex:
    """BM25 over one pseudo-document per article: the words of the questions it answers."""

    def __init__(self, questions: Iterable[tuple[list[str], Iterable[str]]],
                 known: Callable[[str], bool]):
        """`questions`: (a question's words, the articles it answers)."""
        docs: dict[str, Counter[str]] = {}
        for said, ids in questions:
            for cid in ids:
                if known(cid):
                    docs.setdefault(cid, Counter()).update(said)
        self.docs = docs
        self.length = {cid: sum(c.values()) for cid, c in docs.items()}
        self.avg = (sum(self.length.values()) / len(docs)) if docs else 1.0
        df = Counter(t for c in docs.values() for t in c)
        n = len(docs)
        self.idf = {t: math.log(1 + (n - k + 0.5) / (k + 0.5)) for t, k in df.items()}
        # postings: word → [(article, its BM25 weight)], so a query touches only its words
        self.postings: dict[str, list[tuple[str, float]]] = {}
        for cid, counts in docs.items():
            norm = K1 * (1 - B + B * self.length[cid] / self.avg)
            for t, f in counts.items():
                self.postings.setdefault(t, []).append(
                    (cid, self.idf[t] * f * (K1 + 1) / (f + norm)))

    def scores(self, terms: Iterable[str]) -> dict[str, float]:
        """BM25 score of each article whose questions share a word with `terms`."""
        out: dict[str, float] = {}
        for t in dict.fromkeys(terms):
            for cid, weight in self.postings.get(t, ()):
                out[cid] = out.get(cid, 0.0) + weight
        return out


def scaled(scores: Mapping[str, float], allowed: Callable[[str], bool]) -> dict[str, float]:
    """The allowed articles' scores divided by the best of them (in [0, 1])."""
    kept = {cid: s for cid, s in scores.items() if allowed(cid)}
    top = max(kept.values(), default=0.0)
    return {cid: s / top for cid, s in kept.items()} if top > 0 else {}
