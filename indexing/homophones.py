"""Homophone typos: a question word the index lacks, typed with one wrong character of the same
pinyin (有效气 → 有效期, 申述 → 申诉, 明单 → 名单), is mapped to the index word it sounds like.

Chinese input methods type by pinyin, so the usual typo is a homophone, not a neighbouring key.
For every 2–3 character span of the question that is not an index word, the index words that
differ from it in exactly one character, with a shared toneless reading at that position, are
added to the query. Readings come from data/pinyin.txt (GB2312 characters, all readings of
polyphonic ones), so nothing is imported at query time. A span that is itself an index word is
also mapped when the homophone is a much commoner index word (公式, once in the corpus, is read
as 公示 in a question about the list's publicity).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

from .settings import DATA_DIR

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
SPANS = (2, 3)
# A known span is still mapped when the homophone occurs in this many times more entries.
COMMONER = 4


@lru_cache(maxsize=1)
def readings() -> dict[str, tuple[str, ...]]:
    """Character → its toneless pinyin readings (data/pinyin.txt)."""
    out: dict[str, tuple[str, ...]] = {}
    for line in (DATA_DIR / "pinyin.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        ch, *rs = line.split()
        out[ch] = tuple(rs)
    return out


# Fuzzy pinyin (模糊音), as input methods offer it: speakers of many dialects do not tell these
# apart, so 申述 is typed for 申诉 and 公事 for 公示.
_FUZZY = ((re.compile(r"^([zcs])h"), r"\1"), (re.compile(r"^l"), "n"), (re.compile(r"^f"), "h"),
          (re.compile(r"([ae])ng$"), r"\1n"), (re.compile(r"ing$"), "in"))


def fuzzy(reading: str) -> str:
    for pattern, repl in _FUZZY:
        reading = pattern.sub(repl, reading)
    return reading


@lru_cache(maxsize=8192)
def _sounds(ch: str) -> frozenset[str]:
    return frozenset(fuzzy(r) for r in readings().get(ch, ()))


def sound_alike(a: str, b: str) -> bool:
    """Do two characters share a (fuzzy) toneless reading?"""
    return bool(_sounds(a) & _sounds(b))


class Homophones:
    """Index words by (length, position of the wrong character, the other characters)."""

    def __init__(self, doc_freq: Mapping[str, int]):
        self.df = {w: n for w, n in doc_freq.items() if len(w) in SPANS and _CJK_RUN.fullmatch(w)}
        self._slots: dict[tuple[int, int, str], list[str]] = defaultdict(list)
        for w in self.df:
            for i in range(len(w)):
                self._slots[(len(w), i, w[:i] + w[i + 1:])].append(w)

    def candidates(self, span: str) -> list[str]:
        """Index words that sound like `span` with one character changed."""
        out = []
        for i, ch in enumerate(span):
            for w in self._slots.get((len(span), i, span[:i] + span[i + 1:]), ()):
                if w != span and sound_alike(w[i], ch):
                    out.append(w)
        return out

    def terms(self, text: str, skip: Iterable[str] = ()) -> list[str]:
        """Index words the question's homophone typos stand for, in order of appearance."""
        skipped = set(skip)
        out: list[str] = []
        for run in _CJK_RUN.findall(text):
            for n in SPANS:
                for s in range(len(run) - n + 1):
                    span = run[s:s + n]
                    if span in skipped:
                        continue
                    known = self.df.get(span, 0)
                    for w in self.candidates(span):
                        if (not known or self.df[w] >= COMMONER * known) and w not in out:
                            out.append(w)
        return out
