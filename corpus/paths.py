"""Where user data lives: `POLICY_ASSISTANT_HOME`, else the XDG data directory."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
TEXTS_DIR = PACKAGE_DIR / "texts"


def data_home() -> Path:
    explicit = os.environ.get("POLICY_ASSISTANT_HOME")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "policy-assistant"


def user_corpus_dir() -> Path:
    return data_home() / "corpus"
