"""Every handler fails with a short message on screen, never a stack trace."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import gradio as gr

from corpus import CorpusError, UnknownCitation

log = logging.getLogger("policy_assistant.ui")
F = TypeVar("F", bound=Callable[..., Any])


def message_for(exc: Exception) -> str:
    """One-line Chinese + English message for an exception raised by the library."""
    if isinstance(exc, UnknownCitation):
        near = "、".join(exc.nearest) or "无"
        return f"无此条文 (no such article): {exc.cid}；相近：{near}"
    if isinstance(exc, (CorpusError, ValueError, KeyError, FileNotFoundError)):
        return str(exc).strip("'\"")
    return f"内部错误 (internal error): {type(exc).__name__}: {exc}"


def friendly(fn: F) -> F:
    """Turns any exception into gr.Error so the page shows a message, not a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except gr.Error:
            raise
        except Exception as exc:
            log.exception("handler %s failed", fn.__name__)
            raise gr.Error(message_for(exc), print_exception=False) from None

    return wrapper  # type: ignore[return-value]
