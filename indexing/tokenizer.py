"""Chinese tokenisation for BM25: jieba with a domain dictionary, stopwords and colloquial synonyms.

Loading jieba's full dictionary costs about 0.7 s per process. The index therefore stores a small
dictionary holding only the words that occur in the indexed texts (with jieba's own frequencies
and the corpus-wide total), built once with the full dictionary. Queries are cut with that small
dictionary: a word the texts do not contain cannot score in BM25 anyway, and segmentation of
the words they do contain is unchanged because the frequencies and the total are jieba's.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from .settings import DATA_DIR

_NOISE = re.compile(r"^[\W_]+$")


def nfkc(text: str) -> str:
    """Full-width digits, letters and brackets to half-width; Chinese unchanged."""
    return unicodedata.normalize("NFKC", text)


def _lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(_lines("stopwords.txt"))


@lru_cache(maxsize=1)
def domain_terms() -> tuple[str, ...]:
    return tuple(_lines("domain_terms.txt"))


@lru_cache(maxsize=1)
def synonyms() -> dict[str, tuple[str, ...]]:
    with open(DATA_DIR / "synonyms.yaml", encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    # Longest keys first, so "有效多久" is tried before "多久" (both may apply).
    return {str(k): tuple(str(v) for v in vals)
            for k, vals in sorted(raw.items(), key=lambda kv: -len(str(kv[0])))}


class Tokenizer:
    """Cuts text into BM25 tokens with a jieba tokenizer (full or small dictionary)."""

    def __init__(self, jieba_tokenizer: object):
        self._jt = jieba_tokenizer
        self._stop = stopwords()
        self._syn = synonyms()

    @classmethod
    def from_dict_file(cls, path: Path, total: float) -> Tokenizer:
        """The small dictionary written by `build_dictionary`; `total` is jieba's full total."""
        import jieba

        jt = jieba.Tokenizer(dictionary=str(path))
        with open(path, "rb") as fh:
            jt.FREQ, _ = jt.gen_pfdict(fh)
        jt.total = total
        jt.initialized = True
        return cls(jt)

    def words(self, text: str) -> list[str]:
        """Raw jieba search-mode words (compound words and their parts), noise removed."""
        out = []
        for w in self._jt.cut_for_search(nfkc(text), HMM=False):  # type: ignore[attr-defined]
            w = w.strip().lower()
            if w and not _NOISE.match(w):
                out.append(w)
        return out

    def tokens(self, text: str) -> list[str]:
        """Index tokens of a text: words minus stopwords."""
        return [w for w in self.words(text) if w not in self._stop]

    def query_tokens(self, text: str, drop: Iterable[str] = ()) -> list[str]:
        """Tokens of a question, colloquial words expanded, `drop` words (place names) removed."""
        toks = self.tokens(text)
        for key, phrases in self._syn.items():
            if key in text:
                for phrase in phrases:
                    toks.extend(self.tokens(phrase))
        dropped = {d.lower() for d in drop}
        seen: set[str] = set()
        out = []
        for t in toks:
            if t not in seen and t not in dropped:
                seen.add(t)
                out.append(t)
        return out


def full_jieba(cache_dir: Path) -> object:
    """jieba with its full dictionary and the domain terms; its cache file lives in `cache_dir`."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jt = jieba.Tokenizer()
    cache_dir.mkdir(parents=True, exist_ok=True)
    jt.tmp_dir = str(cache_dir)
    jt.initialize()
    for term in domain_terms():
        jt.add_word(term)  # frequency suggested by jieba so the term stays whole
    return jt


def build_dictionary(texts: Sequence[str], extra_words: Iterable[str], path: Path,
                     cache_dir: Path) -> float:
    """Write the small dictionary for `texts` to `path`; returns jieba's total frequency."""
    jt = full_jieba(cache_dir)
    for word in extra_words:
        if word and word not in jt.FREQ:  # type: ignore[attr-defined]
            jt.add_word(word)  # type: ignore[attr-defined]
    vocab: set[str] = set()
    sources = [*texts, *domain_terms(), *synonyms(), *(p for v in synonyms().values() for p in v),
               *extra_words]
    for text in sources:
        norm = nfkc(text)
        vocab.update(jt.cut_for_search(norm, HMM=False))  # type: ignore[attr-defined]
        vocab.update(norm)  # every single character, so unknown spans cut the same way
    freq: dict[str, int] = jt.FREQ  # type: ignore[attr-defined]
    # Exact frequencies (0 for prefix-only entries) so the small dictionary cuts as the full one.
    lines = [f"{w} {freq.get(w, 0)}" for w in sorted(vocab)
             if w.strip() and not any(ch.isspace() for ch in w)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return float(jt.total)  # type: ignore[attr-defined]
