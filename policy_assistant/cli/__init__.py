"""The `policy-assistant` command: a thin click layer over the library, one module per group."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from .common import UserError

# (module, attribute) of each command; imported only when that command runs, for a fast start.
COMMANDS: dict[str, tuple[str, str]] = {
    "corpus": ("policy_assistant.cli.corpus_cmds", "corpus"),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
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
        except Exception as exc:  # noqa: BLE001 - the CLI never shows a traceback
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


def main() -> None:
    try:
        cli.main(prog_name="policy-assistant")
    except KeyboardInterrupt:
        sys.exit(130)
