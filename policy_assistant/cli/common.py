"""Shared CLI helpers: JSON output, dates, user errors."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

import click


class UserError(Exception):
    """Bad input: shown as a one-line message, exit code 1."""


def emit_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))


def parse_date(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"日期格式应为 YYYY-MM-DD (invalid date): {value!r}") from None


def read_lines(argument: str | None) -> list[str]:
    """The question argument, or else the non-empty lines of standard input."""
    if argument is not None:
        return [argument]
    if sys.stdin is None or sys.stdin.isatty():
        raise UserError("请给出问题，或从标准输入逐行输入 (no question given)")
    return [line.strip() for line in sys.stdin if line.strip()]


def as_of_option(f: Any) -> Any:
    return click.option("--as-of", "as_of", default=None, metavar="DATE",
                        help="判断文件状态所用的日期 YYYY-MM-DD（默认今天）")(f)


def json_option(f: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="输出 JSON（每行一个对象）")(f)
