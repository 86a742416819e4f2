"""`policy-assistant ask` and `policy-assistant chat`: questions answered with citations."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from .common import UserError, as_of_option, emit_json, json_option, parse_date, read_lines


def _conversation(as_of_text: str | None) -> Any:
    from assistant import LLMError, new_conversation

    as_of = parse_date(as_of_text) if as_of_text else None
    try:
        return new_conversation(as_of=as_of)
    except LLMError as exc:
        raise UserError(str(exc)) from None
    except ImportError as exc:
        raise UserError(f"LLM 模式需要安装可选依赖 policy-assistant[llm] "
                        f"(missing optional dependency): {exc.name}") from None


def _emit(answer: Any, as_json: bool) -> None:
    if as_json:
        emit_json(answer.to_json())
    else:
        click.echo(answer.answer)
        click.echo("")


@click.command()
@click.argument("question", required=False)
@as_of_option
@json_option
def ask(question: str | None, as_of: str | None, as_json: bool) -> None:
    """回答一个问题（附原文引用）；不给问题时逐行读取标准输入，每行单独回答。"""
    if question is not None and not question.strip():
        raise UserError("问题为空 (empty question)")
    for line in read_lines(question):
        _emit(_conversation(as_of).send(line), as_json)


@click.command()
@as_of_option
@json_option
@click.option("--load", "load_path", type=click.Path(dir_okay=False), default=None,
              help="从导出的 JSON 文件继续对话")
@click.option("--save", "save_path", type=click.Path(dir_okay=False), default=None,
              help="结束时把对话导出为 JSON 文件")
def chat(as_of: str | None, as_json: bool, load_path: str | None, save_path: str | None) -> None:
    """多轮对话：集群数据逐轮累积。

    终端中为交互模式（/reset 重新开始，/save 文件 导出，/quit 退出）；
    管道输入时每行是同一对话的下一轮。"""
    conv = _load(load_path) if load_path else _conversation(as_of)
    if sys.stdin is not None and sys.stdin.isatty():
        _repl(conv, as_json)
    else:
        for line in sys.stdin:
            if line.strip():
                _emit(conv.send(line.strip()), as_json)
    if save_path:
        _save(conv, save_path)


def _load(path: str) -> Any:
    from assistant import Conversation

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return Conversation.from_json(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UserError(f"无法读取对话文件 (cannot load conversation) {path}: {exc}") from None


def _save(conv: Any, path: str) -> None:
    try:
        Path(path).write_text(json.dumps(conv.to_json(), ensure_ascii=False, indent=1),
                              encoding="utf-8")
    except OSError as exc:
        raise UserError(f"无法写入 (cannot write) {path}: {exc.strerror}") from None


def _repl(conv: Any, as_json: bool) -> None:
    history = _history_file()
    try:
        import readline

        if history.exists():
            readline.read_history_file(str(history))
    except (ImportError, OSError):
        readline = None  # type: ignore[assignment]
    click.echo("政策助手：请提问（/reset 重新开始，/save 文件 导出对话，/quit 退出）。")
    try:
        while True:
            try:
                line = input("> ").strip()
            except EOFError:
                break
            if not line:
                continue
            if line in ("/quit", "/exit", "/q"):
                break
            if line == "/reset":
                line = "重新开始"
            if line.startswith("/save"):
                target = line.removeprefix("/save").strip() or "conversation.json"
                _save(conv, target)
                click.echo(f"已导出到 {target}")
                continue
            _emit(conv.send(line), as_json)
    finally:
        if readline is not None:
            try:
                history.parent.mkdir(parents=True, exist_ok=True)
                readline.write_history_file(str(history))
            except OSError:
                pass


def _history_file() -> Path:
    from corpus import data_home

    return data_home() / "chat_history"
