"""The `policy-assistant` command: a thin click layer over the library, one module per group."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from typing import Any

import click

from .common import UserError

# (module, attribute) of each command; imported only when that command runs, for a fast start.
COMMANDS: dict[str, tuple[str, str]] = {
    "corpus": ("policy_assistant.cli.corpus_cmds", "corpus"),
    "rules": ("policy_assistant.cli.rules_cmds", "rules"),
    "search": ("policy_assistant.cli.search_cmds", "search"),
    "index": ("policy_assistant.cli.search_cmds", "index"),
    "check": ("policy_assistant.cli.check_cmds", "check"),
    "compare": ("policy_assistant.cli.check_cmds", "compare"),
    "ask": ("policy_assistant.cli.ask_cmds", "ask"),
    "chat": ("policy_assistant.cli.ask_cmds", "chat"),
    "eval": ("policy_assistant.cli.eval_cmds", "eval_cmd"),
    "serve": ("policy_assistant.cli.serve_cmd", "serve"),
}


def _available(name: str) -> bool:
    return importlib.util.find_spec(COMMANDS[name][0]) is not None


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(n for n in COMMANDS if _available(n))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not _available(name):
            return None
        module, attr = COMMANDS[name]
        cmd: click.Command = getattr(importlib.import_module(module), attr)
        return cmd

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except UserError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:  # `… | head`: the reader left; nothing more to say
            _quiet_stdout()
            raise click.exceptions.Exit(141) from None
        except Exception as exc:
            if os.environ.get("POLICY_ASSISTANT_DEBUG"):
                raise
            from corpus import CorpusError, UnknownCitation

            if isinstance(exc, (CorpusError, UnknownCitation)):
                raise click.ClickException(str(exc)) from None
            raise click.ClickException(f"内部错误 (internal error): {type(exc).__name__}: {exc}"
                                       ) from None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policy-assistant")
def cli() -> None:
    """四川、贵州、山东、张掖、青海中小企业特色产业集群政策助手（离线、逐条引用）。"""


# No telemetry, no model hub: set before any library that reads them is imported.
OFFLINE_ENV = {
    "ANONYMIZED_TELEMETRY": "False",  # chromadb
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
}


def main() -> None:
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    try:
        cli.main(prog_name="policy-assistant")
    except KeyboardInterrupt:
        sys.exit(130)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
