"""Privacy: nothing leaves the machine at run time and logs hold no profile values.

Sockets are blocked for every address that is not loopback (connect, connect_ex and name
resolution are patched to raise and record the attempt); every command then runs in-process."""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from policy_assistant.cli import OFFLINE_ENV, cli

from .conftest import ROOT, run_cli

QNA = ROOT / "evals" / "data" / "qa.jsonl"


def _is_loopback(host: Any) -> bool:
    if host in (None, "", "localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every non-loopback connection or lookup raises and is recorded in the yielded list."""
    attempts: list[str] = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def guard(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            attempts.append(f"connect {address}")
            raise OSError(f"network blocked by test: {address}")

    def connect(self: socket.socket, address: Any) -> None:
        guard(self, address)
        real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        guard(self, address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(host.decode() if isinstance(host, bytes) else host):
            attempts.append(f"resolve {host}")
            raise socket.gaierror(f"name resolution blocked by test: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    for key, value in OFFLINE_ENV.items():
        monkeypatch.setenv(key, value)
    yield attempts


def test_the_block_really_blocks(no_network: list[str]) -> None:
    with pytest.raises(OSError), socket.socket() as s:
        s.connect(("192.0.2.1", 80))
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 443), timeout=1)
    assert no_network == ["connect ('192.0.2.1', 80)", "resolve example.org"]


def test_no_outbound_connections_from_any_command(no_network: list[str], tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text('{"name": "x", "annual_output": 25, "sme_output_share": 60}')
    items = [json.loads(x) for x in QNA.read_text(encoding="utf-8").splitlines()[:12]]
    data = tmp_path / "few.jsonl"
    data.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n")
    runs = [
        ["ask", "--json", "青海的集群有效期几年？"],
        ["search", "--json", "四川的名单怎么公布"],
        ["check", "--profile", str(profile), "--json"],
        ["compare", "-m", "sme_output_share"],
        ["compare", "-t", "validity", "--json"],
        ["corpus", "list"],
        ["eval", "--data", str(data), "--split", "all", "--no-baselines", "--out",
         str(tmp_path / "eval"), "--json"],
    ]
    runner = CliRunner()
    for args in runs:
        r = runner.invoke(cli, args)
        assert r.exit_code == 0, (args, r.output[-1500:])
    chat = runner.invoke(cli, ["chat", "--json"],
                         input="我们在青海，近三年产值18亿、21亿、23亿元\n那山东呢\n")
    assert chat.exit_code == 0 and len(chat.stdout.splitlines()) == 2
    assert no_network == []


@pytest.mark.slow
def test_no_outbound_connections_with_dense_channel(no_network: list[str]) -> None:
    """chromadb (telemetry off) and sentence-transformers (offline, shipped weights)."""
    r = CliRunner().invoke(cli, ["search", "--json", "--channel", "dense", "-k", "1",
                                 "青海的集群有效期几年？"])
    assert r.exit_code == 0, r.output[-1500:]
    assert json.loads(r.stdout)["results"][0]["via"] == "dense"
    assert no_network == []


@pytest.mark.slow
@pytest.mark.server
def test_no_outbound_connections_from_the_web_app(no_network: list[str]) -> None:
    from ui.app import CSS, THEME, build_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = build_app()
    demo.queue(default_concurrency_limit=2)
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True,
                theme=THEME, css=CSS, ssr_mode=False, quiet=True)
    try:
        from gradio_client import Client

        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        assert "三年" in client.predict("青海的集群有效期几年？", api_name="/ask")["answer"]
        client.close()
        time.sleep(1.0)  # let any background thread (version check, analytics) try
    finally:
        demo.close()
    assert no_network == []


def test_main_sets_offline_and_no_telemetry_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    import policy_assistant.cli as pcli

    for key in OFFLINE_ENV:
        monkeypatch.delenv(key, raising=False)
    seen: dict[str, str | None] = {}
    monkeypatch.setattr(pcli.cli, "main", lambda **kw: seen.update(
        {k: os.environ.get(k) for k in OFFLINE_ENV}))
    pcli.main()
    assert seen == OFFLINE_ENV
    assert seen["ANONYMIZED_TELEMETRY"] == "False" and seen["GRADIO_ANALYTICS_ENABLED"] == "False"


# --- logs -----------------------------------------------------------------------------------------

SECRET_NAME = "保密集群Q7"
SECRET_VALUES = ["37.1234", "88.4321", "19.8765"]


def _leaks(text: str) -> list[str]:
    return [s for s in (SECRET_NAME, *SECRET_VALUES) if s in text]


def test_logs_hold_no_profile_values(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    caplog.set_level(logging.INFO)  # everything short of debug logging
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"name": SECRET_NAME, "annual_output": SECRET_VALUES[0],
                                   "sme_output_share": SECRET_VALUES[1]}), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["check", "--profile", str(profile), "--json"]).exit_code == 0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": SECRET_NAME, "sme_output_share": "188.4321"}))
    assert runner.invoke(cli, ["check", "--profile", str(bad)]).exit_code == 1
    turns = (f"我们在青海，近三年产值{SECRET_VALUES[2]}亿、21亿、23亿元\n"
             f"中小企业产值占比{SECRET_VALUES[1]}%\n")
    assert runner.invoke(cli, ["chat", "--json"], input=turns).exit_code == 0
    records = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert _leaks(records) == []


def test_cli_stderr_holds_no_profile_values(warm_home: Path, tmp_path: Path) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"name": SECRET_NAME, "annual_output": SECRET_VALUES[0]}),
                       encoding="utf-8")
    done = run_cli(["check", "--profile", str(profile), "--json"], warm_home)
    assert done.returncode == 0 and SECRET_NAME in done.stdout  # the answer is for the user
    assert _leaks(done.stderr) == []
    chat = run_cli(["chat"], warm_home,
                   stdin=f"我们在青海，近三年产值{SECRET_VALUES[2]}亿、21亿、23亿元\n")
    assert chat.returncode == 0 and _leaks(chat.stderr) == []
