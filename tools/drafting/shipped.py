"""The reviewed rules files shipped with the package (owned by the eligibility engine)."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from typing import Any

import yaml

# Where the engine keeps its reviewed rules; the first package that exists and has the file wins.
_PACKAGES = ("tools.criteria", "tools.rules")


def shipped_rules_file(doc_id: str) -> Traversable | None:
    for package in _PACKAGES:
        try:
            path = resources.files(package).joinpath(f"{doc_id}.yaml")
        except (ModuleNotFoundError, TypeError):
            continue
        if path.is_file():
            return path
    return None


def shipped_rules(doc_id: str) -> dict[str, Any] | None:
    path = shipped_rules_file(doc_id)
    if path is None:
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else None
