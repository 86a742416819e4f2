"""`policy-assistant serve`: options, and a busy port is a one-line message, not a traceback."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from policy_assistant.cli import cli


def test_help_names_the_defaults() -> None:
    out = CliRunner().invoke(cli, ["serve", "--help"])
    assert out.exit_code == 0
    assert "default: 7860" in out.output and "default: 127.0.0.1" in out.output


def test_port_out_of_range_is_refused() -> None:
    out = CliRunner().invoke(cli, ["serve", "--port", "70000"])
    assert out.exit_code == 2 and "70000" in out.output


@pytest.mark.slow
def test_busy_port_is_a_one_line_message() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        out = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert out.exit_code == 1
    assert out.output.startswith(f"Error: 无法在 127.0.0.1:{port} 启动服务 (cannot start server)")
    assert "Traceback" not in out.output
