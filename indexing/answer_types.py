"""Answer types: a question asking "how long", "how many" or "who" favours the entries whose text
holds a duration, a threshold or a responsible body (patterns in data/answer_types.yaml)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import yaml

from .settings import DATA_DIR
from .tokenizer import YAML_LOADER, nfkc


@lru_cache(maxsize=1)
def answer_patterns() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    """Type name → (question pattern, text pattern)."""
    with open(DATA_DIR / "answer_types.yaml", encoding="utf-8") as fh:
        raw = yaml.load(fh, Loader=YAML_LOADER) or {}
    return {name: (re.compile(d["question"]), re.compile(d["text"])) for name, d in raw.items()}


def text_types(text: str) -> frozenset[str]:
    """The answer types a unit's text can serve."""
    norm = nfkc(text)
    return frozenset(n for n, (_, pattern) in answer_patterns().items() if pattern.search(norm))


def asked_types(question: str) -> frozenset[str]:
    norm = nfkc(question)
    return frozenset(n for n, (pattern, _) in answer_patterns().items() if pattern.search(norm))


def boost(question: str, scores: np.ndarray, entry_types: Sequence[frozenset[str]],
          beta: float) -> np.ndarray:
    """Scores raised by `beta` (times the share of asked types served) where the text can answer."""
    asked = asked_types(question)
    if not asked or beta == 0:
        return scores
    factor = np.array([1 + beta * len(asked & t) / len(asked) for t in entry_types])
    return scores * factor
