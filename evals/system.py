"""The system under evaluation, driven from outside like a user.

A system is any object with (each part optional):
- `search(query, k) -> list` of hits (objects with `.id`, or dicts with "id"), best first;
- `ask(question, as_of=None)` -> an answer (object with `.to_json()`, or the dict itself);
- `conversation(as_of=None)` -> an object whose `.send(text)` returns an answer.

`DefaultSystem` binds these to `indexing.search`, `assistant.ask` and `assistant.Conversation`,
imported lazily: a package that is not importable yet makes that part unavailable (reported, not a
crash).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar, Protocol


class Conversation(Protocol):
    def send(self, text: str) -> Any: ...


def hit_id(hit: Any) -> str:
    if isinstance(hit, Mapping):
        return str(hit["id"])
    if isinstance(hit, str):
        return hit
    return str(hit.id)


def answer_json(answer: Any) -> dict[str, Any]:
    if isinstance(answer, Mapping):
        return dict(answer)
    to_json = getattr(answer, "to_json", None)
    if callable(to_json):
        out = to_json()
        if isinstance(out, Mapping):
            return dict(out)
    raise TypeError(f"answer of type {type(answer).__name__} has no to_json()")


def capabilities(system: Any) -> dict[str, str | None]:
    """{"search"|"ask"|"conversation": None when available, else the reason it is not}."""
    out: dict[str, str | None] = {}
    probe = getattr(system, "unavailable", None)
    for part in ("search", "ask", "conversation"):
        reason = probe(part) if callable(probe) else None
        if reason is None and not callable(getattr(system, part, None)):
            reason = f"system has no {part}()"
        out[part] = reason
    return out


class DefaultSystem:
    """The project's own retrieval and assistant."""

    name = "system"
    _TARGETS: ClassVar[dict[str, tuple[str, str]]] = {
        "search": ("indexing", "search"), "ask": ("assistant", "ask"),
        "conversation": ("assistant", "Conversation")}

    def __init__(self) -> None:
        self._parts: dict[str, Any] = {}
        self._errors: dict[str, str] = {}

    def _part(self, part: str) -> Any:
        if part not in self._parts and part not in self._errors:
            module, attr = self._TARGETS[part]
            try:
                self._parts[part] = getattr(importlib.import_module(module), attr)
            except Exception as exc:  # not written yet, or broken: report it, do not crash
                self._errors[part] = f"{module}.{attr}: {type(exc).__name__}: {exc}"
        return self._parts.get(part)

    def unavailable(self, part: str) -> str | None:
        self._part(part)
        return self._errors.get(part)

    def search(self, query: str, k: int = 5) -> list[Any]:
        return list(self._part("search")(query, k=k))

    def ask(self, question: str, as_of: date | None = None) -> Any:
        return self._part("ask")(question, as_of=as_of)

    def conversation(self, as_of: date | None = None) -> Conversation:
        conv: Conversation = self._part("conversation")(as_of=as_of)
        return conv
