"""The reviewed rules files shipped with the package (`tools/criteria/<id>.yaml`, owned by the
eligibility engine), read as plain data for comparison and display."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def shipped_rules(doc_id: str) -> dict[str, Any] | None:
    path = resources.files("tools.criteria").joinpath(f"{doc_id}.yaml")
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else None
