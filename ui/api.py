"""Named endpoints for gradio_client: /ask, /check, /compare.

Each returns exactly what the CLI prints with --json (the same objects, serialised the same way).
"""

from __future__ import annotations

import json
from typing import Any

import gradio as gr

import tools
from tools import ProfileError, parse_profile

from .check_tab import ALL, run_checks
from .errors import friendly

_INT64 = 2**63


def _wide_ints_as_text(obj: Any) -> Any:
    # gradio serialises with orjson, which cannot carry integers beyond 64 bits (10^20 亿元 is a
    # valid, if absurd, input): those go out as exact decimal strings instead of failing.
    if isinstance(obj, bool):
        return obj
    if isinstance(obj, int):
        return str(obj) if not -_INT64 <= obj < 2 * _INT64 else obj
    if isinstance(obj, dict):
        return {k: _wide_ints_as_text(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_wide_ints_as_text(v) for v in obj]
    return obj


def as_cli_json(obj: Any) -> Any:
    """The object as `policy-assistant … --json` would print it (non-JSON values via str;
    integers beyond 64 bits as exact strings)."""
    return _wide_ints_as_text(json.loads(json.dumps(obj, ensure_ascii=False, default=str)))


def _fail(message: str) -> gr.Error:
    return gr.Error(message, print_exception=False)


@friendly
def ask(question: str) -> dict[str, Any]:
    """One question, a new conversation each call → the answer object of `policy-assistant ask`."""
    import assistant

    if not question or not question.strip():
        raise _fail("问题为空 (empty question)")
    return as_cli_json(assistant.ask(question.strip()).to_json())


@friendly
def check(profile: str, jurisdiction: str = ALL) -> list[dict[str, Any]]:
    """A profile as a JSON string and a jurisdiction id or "all" → the result objects."""
    try:
        data = json.loads(profile)
    except (json.JSONDecodeError, TypeError) as exc:
        raise _fail(f"画像应为 JSON 字符串 (profile must be a JSON string): {exc}") from None
    try:
        parsed = parse_profile(data)
    except ProfileError as exc:
        raise _fail(str(exc)) from None
    name = (jurisdiction or ALL).strip()
    try:
        j = ALL if name.lower() in (ALL, "全部") else tools.resolve_jurisdiction(name)
    except tools.UnknownJurisdiction as exc:
        raise _fail(str(exc)) from None
    return as_cli_json(run_checks([parsed], j))


@friendly
def compare(name: str) -> dict[str, Any]:
    """A metric or topic name → the comparison object of `policy-assistant compare`."""
    name = (name or "").strip()
    if name in tools.TOPICS or name in tools.TOPICS.values():
        return as_cli_json(tools.compare_topic(name))
    try:
        return as_cli_json(tools.compare_metric(name))
    except tools.UnknownTopic:
        pass
    try:
        return as_cli_json(tools.compare_topic(name))
    except tools.UnknownTopic:
        raise _fail(f"未知指标或主题 (unknown metric or topic): {name!r}；指标："
                    + "、".join(tools.METRICS) + "；主题："
                    + "、".join(tools.TOPICS)) from None


def register() -> None:
    """Adds the three endpoints to the enclosing Blocks."""
    gr.api(ask, api_name="ask")
    gr.api(check, api_name="check")
    gr.api(compare, api_name="compare")
