"""`search`: jurisdiction filter, explicit references first, BM25 (and optionally dense) ranking."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from corpus import data_home, get_corpus

from .answer_types import boost, text_types
from .asked import AskedIndex, cached_words, labelled_questions, log_hash, scaled
from .hits import Hit
from .homophones import Homophones
from .query import detect_jurisdictions as _detect
from .query import mentions, resolve_references, strip_references
from .settings import Settings, settings_from_env
from .store import LexicalBundle, open_lexical
from .tokenizer import nfkc, question_words

if TYPE_CHECKING:
    from .dense import DenseIndex

LEVELS = ("article", "item")
CHANNELS = ("bm25", "dense", "fused")
# "青海第十四条说的年度报送截止是几月几号": the words' topic is in another article of the same
# document. A topic word is one the question says itself, not a question word
# (data/question_words.txt), found in at most this share of the document's articles.
TOPIC_SHARE = 0.34
# The named article holds at most 40% as many topic words as the best-ranked other article, and
# at least two fewer (words inside a longer topic word count once). Chosen on dev (9/10 such
# questions) with no change on 1078 probes that name the right article
# (tests/indexing/test_search.py).
TOPIC_HELD = 0.4
TOPIC_LEAD = 2


# the labelled questions' words, per question file, settings and corpus (asked.py)
_ASKED_WORDS: dict[tuple[str, str, str], list[list[str]]] = {}


class SearchError(ValueError):
    """Bad search arguments (unknown jurisdiction or level); message in Chinese and English."""


def _jurisdictions(value: str | Sequence[str] | None) -> list[str] | None:
    """Validated doc ids, or None for every document."""
    if value is None:
        return None
    ids = get_corpus().ids
    wanted = [value] if isinstance(value, str) else list(value)
    if any(w in ("all", "全部") for w in wanted):
        return None
    out = []
    for w in wanted:
        if w not in ids:
            found = _detect(w)
            if not found:
                raise SearchError(f"未知的地区 (unknown jurisdiction): {w}；可选 (choose from): "
                                  f"{', '.join(ids)}")
            out.extend(found)
        else:
            out.append(w)
    return list(dict.fromkeys(out))


def jurisdiction_filter(query: str, jurisdiction: str | Sequence[str] | None) -> list[str] | None:
    """The documents a search covers: the given ones, else those the query names; None = all."""
    docs = _jurisdictions(jurisdiction)
    if docs is None and jurisdiction is None:
        docs = _detect(query) or None
    return docs


def _normalise(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Scores of the allowed entries scaled to [0, 1]; others 0."""
    out = np.zeros_like(x, dtype=np.float64)
    if not mask.any():
        return out
    lo, hi = float(x[mask].min()), float(x[mask].max())
    if hi > lo:
        out[mask] = (x[mask] - lo) / (hi - lo)
    return out


class Retriever:
    """Ranks the corpus units for a question; one instance per corpus and settings."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._lex: LexicalBundle | None = None
        self._dense: DenseIndex | None = None
        self._types: list[frozenset[str]] | None = None
        self._homophones: Homophones | None = None
        self._words: dict[str, frozenset[str]] | None = None
        self._asked: AskedIndex | None = None
        self._rows: dict[str, list[int]] | None = None

    @property
    def lex(self) -> LexicalBundle:
        if self._lex is None:
            self._lex = open_lexical(self.settings)
        return self._lex

    @property
    def dense(self) -> DenseIndex:
        if self._dense is None:
            from .dense import DenseIndex

            self._dense = DenseIndex.open(self.settings, self.lex.entries)
        return self._dense

    @property
    def answer_types(self) -> list[frozenset[str]]:
        """For each entry, the answer types its text can serve (data/answer_types.yaml)."""
        if self._types is None:
            self._types = [text_types(e.text) for e in self.lex.entries]
        return self._types

    @property
    def homophones(self) -> Homophones:
        """Homophone typo map over the BM25 vocabulary (data/pinyin.txt)."""
        if self._homophones is None:
            self._homophones = Homophones(self.lex.lexical.doc_freq())
        return self._homophones

    @property
    def article_words(self) -> dict[str, frozenset[str]]:
        """Each top-level unit's index words (its own text and its items')."""
        if self._words is None:
            words: dict[str, set[str]] = {}
            for e in self.lex.entries:
                words.setdefault(e.parent, set()).update(self.lex.tokenizer.tokens(e.text))
            self._words = {k: frozenset(v) for k, v in words.items()}
        return self._words

    @property
    def asked(self) -> AskedIndex:
        """The question channel over data/asked_questions.jsonl (asked.py)."""
        if self._asked is None:
            units = {e.parent for e in self.lex.entries}
            questions = labelled_questions()
            log = log_hash()
            key = (log, repr(self.settings), get_corpus().fingerprint)
            said = _ASKED_WORDS.get(key)
            if said is None:  # once per process; on disk once per index
                said = cached_words(self.lex.path / f"asked-{log}.json", questions,
                                    self.own_words)
                _ASKED_WORDS.clear()
                _ASKED_WORDS[key] = said
            # an article no labelled question answers (a user-added document's) stands in the
            # channel by its own words, so a question on its distinctive words still reaches it;
            # the words of every article are read only when there is such an article (0.3 s)
            unlabelled = sorted(units - {cid for _, ids in questions for cid in ids})
            own = [(sorted(self.article_words[cid]), [cid]) for cid in unlabelled]
            self._asked = AskedIndex([*zip(said, (ids for _, ids in questions), strict=True),
                                      *own], units.__contains__)
        return self._asked

    def own_words(self, query: str, terms: dict[str, float] | None = None) -> list[str]:
        """The words a question says itself (its full-weight index words, no question words)."""
        terms = self.query_terms(query) if terms is None else terms
        return [t for t, w in terms.items() if w >= 1.0 and t not in question_words()]

    def elsewhere(self, query: str, ref: str) -> str | None:
        """The article of the same document that the question's topic words are in, when the
        article it names (`ref`) has next to none of them; else None."""
        doc = ref.split(":", 1)[0]
        words = self.article_words
        if ref not in words or "附件" in ref:
            return None
        peers = [a for a in words if a.split(":", 1)[0] == doc]
        asked = [t for t, w in self.query_terms(query).items()
                 if w >= 1.0 and t not in question_words()]
        topic = [t for t in asked
                 if 0 < sum(t in words[a] for a in peers) <= TOPIC_SHARE * len(peers)]
        topic = [t for t in topic if not any(t != o and t in o for o in topic)]
        if len(topic) < TOPIC_LEAD:
            return None
        ranked = self._rank(self.entry_scores(strip_references(query), [doc], "bm25"), "article")
        if not ranked or ranked[0][0] == ref:
            return None
        best = ranked[0][0]
        held = sum(t in words[ref] for t in topic)
        there = sum(t in words[best] for t in topic)
        if held <= TOPIC_HELD * there and there >= held + TOPIC_LEAD:
            return best
        return None

    def query_terms(self, query: str) -> dict[str, float]:
        """The weighted index words BM25 scores a question with: its own words (place names and
        explicit references removed), colloquial expansions, numerals in the other notation and
        the words its homophone typos stand for."""
        names = [query[m.start:m.end] for m in mentions(query)]
        drop = {t for n in names for t in self.lex.tokenizer.tokens(n)}
        text = strip_references(query)
        terms = self.lex.tokenizer.query_terms(
            text, drop, self.settings.synonym_weight, known=self.lex.lexical.knows,
            unknown_weight=self.settings.unknown_synonym_weight)
        if self.settings.homophone_weight > 0:
            for t in self.homophones.terms(nfkc(text), skip=names):
                if t not in drop:
                    terms[t] = max(terms.get(t, 0.0), self.settings.homophone_weight)
        return terms

    def _boost(self, query: str, scores: np.ndarray) -> np.ndarray:
        return boost(query, scores, self.answer_types, self.settings.answer_type_boost)

    def entry_scores(self, query: str, docs: list[str] | None, channel: str) -> np.ndarray:
        """One score per index entry for `channel`; entries outside `docs` get -inf."""
        entries = self.lex.entries
        mask = np.ones(len(entries), dtype=bool) if docs is None else \
            np.array([e.doc in docs for e in entries], dtype=bool)
        out = np.full(len(entries), -np.inf)
        if channel in ("bm25", "fused"):
            terms = self.query_terms(query)
            bm = self._boost(query, self.lex.lexical.scores(terms))
            bm = self._with_asked(self.own_words(query, terms), bm, mask, docs)
            if channel == "bm25":
                out[mask] = bm[mask]
                return out
        dn = self.dense.scores(query, docs)
        if channel == "dense":
            out[mask] = dn[mask]
            return out
        w = self.settings.dense_weight
        fused = (1 - w) * _normalise(bm, mask) + w * _normalise(dn, mask)
        out[mask] = fused[mask]
        return out

    def _with_asked(self, words: list[str], bm: np.ndarray, mask: np.ndarray,
                    docs: list[str] | None) -> np.ndarray:
        """BM25 plus the question channel: every entry of an article of `docs` (None: every
        document) gains weight · (best allowed BM25 score) · (its scaled channel score)."""
        w = self.settings.asked_weight
        if w <= 0 or not mask.any():
            return bm
        asked = scaled(self.asked.scores(words),
                       lambda cid: docs is None or cid.split(":", 1)[0] in docs)
        top = float(bm[mask].max())
        if not asked or top <= 0:
            return bm
        rows = self.article_rows
        gain = np.zeros(len(bm))
        for cid, s in asked.items():
            gain[rows.get(cid, [])] = s * w * top
        return bm + gain * mask

    @property
    def article_rows(self) -> dict[str, list[int]]:
        """Each top-level unit's entry rows (its own and its items')."""
        if self._rows is None:
            rows: dict[str, list[int]] = {}
            for i, e in enumerate(self.lex.entries):
                rows.setdefault(e.parent, []).append(i)
            self._rows = rows
        return self._rows

    def search(self, query: str, k: int = 5, jurisdiction: str | Sequence[str] | None = None,
               level: str = "article", channel: str | None = None) -> list[Hit]:
        if level not in LEVELS:
            raise SearchError(f"level 应为 article 或 item (level must be one of {LEVELS}): "
                              f"{level!r}")
        if k < 1:
            raise SearchError(f"k 应为正整数 (k must be >= 1): {k}")
        channel = channel or ("fused" if self.settings.dense else "bm25")
        if channel not in CHANNELS:
            raise SearchError(f"未知的检索通道 (unknown channel): {channel!r}")
        docs = jurisdiction_filter(query, jurisdiction)
        refs = resolve_references(query, docs[0] if docs and len(docs) == 1 else None)
        refs = [r for r in refs if docs is None or r.split(":", 1)[0] in docs]
        scores = self.entry_scores(query, docs, channel)
        ranked = self._rank(scores, level)
        if ranked:  # a bare 附件 names the whole attachment: the words pick its section
            refs = [r for r in refs if not r.endswith(":附件")]
        first = self.elsewhere(query, refs[0]) if len(refs) == 1 and level == "article" else None
        return self._hits(refs, ranked, level, k, channel, first)

    def _rank(self, scores: np.ndarray, level: str) -> list[tuple[str, float, str | None]]:
        """(unit id, score, matched item) best first; rolled up to top-level units for articles."""
        entries = self.lex.entries
        best: dict[str, tuple[float, str | None, int]] = {}
        for i in np.flatnonzero(np.isfinite(scores) & (scores > 0)):
            e, s = entries[i], float(scores[i])
            key = e.parent if level == "article" else e.id
            if key not in best or s > best[key][0]:  # ties keep the earlier (reading order)
                best[key] = (s, e.id if e.item is not None else None, int(i))
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[1][2]))
        return [(key, s, m) for key, (s, m, _) in ranked]

    def _hits(self, refs: list[str], ranked: list[tuple[str, float, str | None]], level: str,
              k: int, channel: str, first: str | None = None) -> list[Hit]:
        """References first, then the ranking; `first` (the article a misplaced reference's
        topic is in) goes before the reference."""
        c = get_corpus()
        top = ranked[0][1] if ranked else 0.0
        out: list[Hit] = []
        seen: set[str] = set()
        if first is not None:
            matched = next((m for key, _, m in ranked if key == first), None)
            seen.add(first)
            out.append(self._hit(first, top + 2.0, matched, "topic"))
        for ref in refs:
            unit = c.unit(ref)
            key = unit.doc + ":" + unit.article if level == "article" else unit.id
            if key in seen:
                continue
            seen.add(key)
            out.append(self._hit(key, top + 1.0, ref if unit.item else None, "reference"))
        for key, score, matched in ranked:
            if key not in seen:
                seen.add(key)
                out.append(self._hit(key, score, matched, channel))
        return out[:k]

    @staticmethod
    def _hit(cid: str, score: float, matched: str | None, via: str) -> Hit:
        unit = get_corpus().unit(cid)
        return Hit(id=unit.id, doc=unit.doc, score=score, text=unit.text, chapter=unit.chapter,
                   title=unit.title, matched=matched, via=via)


@lru_cache(maxsize=4)
def _retriever(settings: Settings, fingerprint: str, home: str) -> Retriever:
    return Retriever(settings)


def clear_cache() -> None:
    """Forget the shared retrievers (after the data directory or the index changed)."""
    _retriever.cache_clear()


def get_retriever(settings: Settings | None = None) -> Retriever:
    """The shared retriever for the current corpus, data directory and settings (environment
    by default)."""
    return _retriever(settings or settings_from_env(), get_corpus().fingerprint, str(data_home()))


def search(query: str, k: int = 5, jurisdiction: str | Sequence[str] | None = None,
           level: str = "article") -> list[Hit]:
    """Ranked units for `query`. With no `jurisdiction`, places named in the query filter."""
    return get_retriever().search(query, k=k, jurisdiction=jurisdiction, level=level)
