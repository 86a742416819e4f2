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
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from .numbers import numeral_variants
from .settings import DATA_DIR
from .t2s import to_simplified

# libyaml's loader when present: the pure-Python one costs ~30 ms per start
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NOISE = re.compile(r"^[\W_]+$")


def nfkc(text: str) -> str:
    """Full-width digits, letters and brackets to half-width; traditional characters simplified."""
    return to_simplified(unicodedata.normalize("NFKC", text))


def _lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(_lines("stopwords.txt"))


@lru_cache(maxsize=1)
def question_words() -> frozenset[str]:
    """Index words that ask rather than name a topic (要求, 规定, 解释 …)."""
    return frozenset(_lines("question_words.txt"))


@lru_cache(maxsize=1)
def domain_terms() -> tuple[str, ...]:
    return tuple(_lines("domain_terms.txt"))


@lru_cache(maxsize=1)
def synonyms() -> dict[str, tuple[str, ...]]:
    with open(DATA_DIR / "synonyms.yaml", encoding="utf-8") as fh:
        raw = yaml.load(fh, Loader=YAML_LOADER) or {}
    # "A+B" keys apply when every part occurs in the question; "A|B" means either.
    return {str(k): tuple(str(v) for v in vals)
            for k, vals in sorted(raw.items(), key=lambda kv: -len(str(kv[0])))}


def _english_key(key: str) -> re.Pattern[str]:
    """An English synonym key as matched in the lower-cased question: at the start of a word
    (plan is not in explanation; champions holds champion). Chinese keys match anywhere."""
    return re.compile(r"(?<![a-z])" + re.escape(key.lower()))


class Tokenizer:
    """Cuts text into BM25 tokens with a jieba tokenizer (full or small dictionary)."""

    def __init__(self, jieba_tokenizer: object):
        self._jt = jieba_tokenizer
        self._stop = stopwords()
        self._syn = synonyms()
        # each key's parts ("A+B") and their alternatives ("A|B"), compiled once
        self._keys = [([part.split("|") for part in key.split("+")], phrases)
                      for key, phrases in self._syn.items()]
        alts = {a for parts, _ in self._keys for part in parts for a in part}
        self._cn_alts = sorted(a for a in alts if not a.isascii())
        self._en_alts = sorted((a, _english_key(a)) for a in alts if a.isascii())
        self._alt_keys: dict[str, list[int]] = {}  # alternative → the keys it is part of
        for i, (parts, _) in enumerate(self._keys):
            for a in {a for part in parts for a in part}:
                self._alt_keys.setdefault(a, []).append(i)

    def _present(self, low: str) -> set[str]:
        """The synonym alternatives that occur in the lower-cased question."""
        found = {a for a in self._cn_alts if a in low}
        if re.search(r"[a-z]", low):
            found.update(a for a, m in self._en_alts if m.search(low))
        return found

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

    def bridged(self, text: str) -> list[str]:
        """Compounds of the texts split by a stopword in the question: 集群的有效期 → 集群有效期."""
        freq: dict[str, int] = self._jt.FREQ  # type: ignore[attr-defined]
        cut = self._jt.cut(nfkc(text), HMM=False)  # type: ignore[attr-defined]
        seq = [w for w in (w.strip().lower() for w in cut) if w and not _NOISE.match(w)]
        out = []
        for i, a in enumerate(seq):
            if a in self._stop:
                continue
            for j in (i + 1, i + 2):
                if j < len(seq) and (j == i + 1 or seq[i + 1] in self._stop):
                    joined = a + seq[j]
                    if seq[j] not in self._stop and freq.get(joined):
                        out.append(joined)
        return out

    def query_terms(self, text: str, drop: Iterable[str] = (), synonym_weight: float = 0.5,
                    known: Callable[[str], bool] | None = None,
                    unknown_weight: float | None = None) -> dict[str, float]:
        """Weighted tokens of a question: its own words 1.0, colloquial expansions
        `synonym_weight`; `drop` words (place names) removed.

        With `known` (is this word in the index?), the expansion of a colloquial word the texts
        never use (掺水, 牌子) weighs `unknown_weight`: it replaces the word rather than adds to
        it, since the word itself cannot match."""
        plain = nfkc(text)
        low = plain.lower()
        terms: dict[str, float] = {}
        for t in [*self.tokens(text), *self.bridged(text), *self.tokens(numeral_variants(plain))]:
            terms[t] = 1.0
        present = self._present(low)
        for i in sorted({i for a in present for i in self._alt_keys[a]}):
            parts, phrases = self._keys[i]
            if all(any(a in present for a in part) for part in parts):
                weight = 1.0 if len(parts) > 1 else synonym_weight  # a combination is specific
                if len(parts) == 1 and known is not None and unknown_weight is not None and \
                        not any(known(a) for a in parts[0] if a in present):
                    weight = unknown_weight
                for phrase in phrases:
                    for t in self.tokens(phrase):
                        terms[t] = max(terms.get(t, 0.0), weight)
        dropped = {d.lower() for d in drop}
        return {t: w for t, w in terms.items() if t not in dropped}

    def query_tokens(self, text: str, drop: Iterable[str] = ()) -> list[str]:
        """The question's tokens (expansions included), without weights."""
        return list(self.query_terms(text, drop))


_QUOTED = re.compile(r"[“\"]([^”\"\s]{2,10})[”\"]")


def corpus_terms(texts: Iterable[str]) -> list[str]:
    """Terms the texts themselves set off in quotes (“专精特新”, “用云上平台”, “六大工业基地”)."""
    return sorted({m for text in texts for m in _QUOTED.findall(text)})


def full_jieba(cache_dir: Path, extra_words: Iterable[str] = ()) -> object:
    """jieba with its full dictionary, the domain terms and `extra_words` (as at build time);
    its cache file lives in `cache_dir`."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jt = jieba.Tokenizer()
    cache_dir.mkdir(parents=True, exist_ok=True)
    jt.tmp_dir = str(cache_dir)
    jt.initialize()
    for term in domain_terms():
        jt.add_word(term)  # frequency suggested by jieba so the term stays whole
    for word in extra_words:
        if word and word not in jt.FREQ:
            jt.add_word(word)
    return jt


def build_dictionary(texts: Sequence[str], extra_words: Iterable[str], path: Path,
                     cache_dir: Path) -> float:
    """Write the small dictionary for `texts` to `path`; returns jieba's total frequency."""
    extra_words = [*corpus_terms(texts), *extra_words]
    jt = full_jieba(cache_dir, extra_words)
    vocab: set[str] = set()
    sources = [*texts, *domain_terms(), *synonyms(), *(p for v in synonyms().values() for p in v),
               *extra_words]
    sources = [p for text in sources for p in text.replace("|", "+").split("+")]
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
