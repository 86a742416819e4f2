"""Faults, each in a real `policy-assistant` process: a damaged or stale index is rebuilt with a
note, an interrupted build recovers, an unreachable chroma server falls back to the embedded
store, a read-only data directory still answers, a changed corpus file is refused in one line."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import ROOT, cli_env, one_line_error, run_cli

QUESTION = "青海的集群有效期几年？"
BUILDING = "正在建立检索索引（首次使用）… (building the search index)"
REBUILT = "检索索引已失效，正在重建… (search index rebuilt"


def _ask(home: Path, *extra: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run_cli(["ask", "--json", *extra, QUESTION], home, **env)


def _answers(done: subprocess.CompletedProcess[str]) -> dict:
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    a = json.loads(done.stdout)
    assert a["citations"][0]["id"] == "qinghai:第十四条" and "三年" in a["answer"]
    return a


def _index_dir(home: Path) -> Path:
    (d,) = [p for p in (home / "index").iterdir() if p.name.startswith("lexical-")]
    return d


@pytest.fixture
def built(tmp_path: Path) -> Path:
    done = _ask(tmp_path)
    _answers(done)
    assert BUILDING in done.stderr
    return tmp_path


# --- the index ------------------------------------------------------------------------------------

def test_deleted_index_is_rebuilt_with_a_note(built: Path) -> None:
    shutil.rmtree(built / "index")
    done = _ask(built)
    _answers(done)
    assert BUILDING in done.stderr
    assert (_index_dir(built) / "manifest.json").is_file()
    assert _ask(built).stderr == ""  # and reused silently afterwards


@pytest.mark.parametrize("damage", ["manifest", "bm25", "dictionary", "other_corpus_version"])
def test_damaged_or_stale_index_is_rebuilt(built: Path, damage: str) -> None:
    d = _index_dir(built)
    if damage == "manifest":
        text = (d / "manifest.json").read_text()
        (d / "manifest.json").write_text(text[: len(text) // 2])
    elif damage == "bm25":  # truncated arrays (a disk that filled up mid-write)
        for f in (d / "bm25").glob("*.npy"):
            f.write_bytes(b"")
    elif damage == "dictionary":
        (d / "words.dict").unlink()
    else:
        m = json.loads((d / "manifest.json").read_text())
        m["fingerprint"] = "0" * 16
        (d / "manifest.json").write_text(json.dumps(m))
    done = _ask(built)
    _answers(done)
    assert REBUILT in done.stderr
    assert len([ln for ln in done.stderr.splitlines() if ln.strip()]) == 1
    assert _ask(built).stderr == ""


@pytest.mark.parametrize("delay", [0.3, 0.7, 1.1])
def test_interrupted_index_build_recovers(tmp_path: Path, delay: float) -> None:
    proc = subprocess.Popen([sys.executable, "-P", "-c",
                             "from policy_assistant.cli import main; main()", "index", "build"],
                            env=cli_env(tmp_path), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=str(tmp_path))
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    _answers(_ask(tmp_path))
    leftovers = [p.name for p in (tmp_path / "index").iterdir() if p.name.startswith(".build-")]
    done = run_cli(["index", "build"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert not [p for p in (tmp_path / "index").iterdir() if p.name in leftovers]


def test_half_written_build_directory_is_ignored(built: Path) -> None:
    junk = built / "index" / ".build-crashed"
    junk.mkdir()
    (junk / "words.dict").write_text("半")
    shutil.rmtree(_index_dir(built))
    _answers(_ask(built))


# --- chroma server unreachable -------------------------------------------------------------------

def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when the socket is


@pytest.mark.slow
def test_unreachable_chroma_server_falls_back_to_embedded_store(tmp_path: Path) -> None:
    port = _closed_port()
    done = run_cli(["search", "--json", "-k", "1", QUESTION], tmp_path, timeout=300,
                   POLICY_ASSISTANT_DENSE="1", CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(port))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert f"无法连接向量库服务器 127.0.0.1:{port}，改用本机向量库 (chroma server unreachable" \
        in done.stderr
    hit = json.loads(done.stdout)["results"][0]
    assert hit["id"] == "qinghai:第十四条" and hit["via"] == "fused"
    assert any(p.name.startswith("dense-") for p in (tmp_path / "index").iterdir())


# --- read-only data directory ---------------------------------------------------------------------

@contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """`path` seen through a read-only bind mount (as root, where chmod does not bind), else
    made read-only with chmod. Skips where neither is possible."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [path, *path.rglob("*")]}
        for p in modes:
            p.chmod(modes[p] & ~0o222)
        try:
            yield path
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    view = path.with_name(path.name + "-ro")
    view.mkdir()
    ok = subprocess.run(["mount", "--bind", str(path), str(view)], capture_output=True)
    if ok.returncode != 0:
        view.rmdir()
        pytest.skip(f"cannot make a read-only view as root here: {ok.stderr.decode()[:200]}")
    try:
        ro = subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], capture_output=True)
        if ro.returncode != 0:
            pytest.skip(f"cannot remount read-only: {ro.stderr.decode()[:200]}")
        yield view
    finally:
        subprocess.run(["umount", str(view)], capture_output=True)
        view.rmdir()


def test_read_only_data_directory_with_index_still_answers(built: Path) -> None:
    with read_only(built) as home:
        with pytest.raises(OSError):
            (home / "probe").write_text("x")
        done = _ask(home)
        _answers(done)
        assert done.stderr == ""
        chat = run_cli(["chat", "--json"], home, stdin=QUESTION + "\n")
        assert chat.returncode == 0 and "qinghai:第十四条" in chat.stdout


def test_read_only_empty_data_directory_still_answers(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    with read_only(home) as ro:
        done = _ask(ro)
        _answers(done)
        assert "数据目录不可写，检索索引暂存于临时目录 (data directory not writable" in done.stderr
        check = run_cli(["check", "--profile", "-", "-j", "qinghai", "--json"], ro,
                        stdin='{"annual_output": 25}')
        assert check.returncode == 0 and json.loads(check.stdout)["jurisdiction"] == "qinghai"
        save = run_cli(["chat", "--save", str(ro / "conv.json")], ro, stdin=QUESTION + "\n")
        assert save.returncode == 1 and "Traceback" not in save.stderr
        assert save.stderr.splitlines()[-1] == (f"Error: 无法写入 (cannot write) {ro}/conv.json: "
                                                "Read-only file system")


# --- the corpus -----------------------------------------------------------------------------------

@pytest.fixture
def with_user_doc(tmp_path: Path) -> Path:
    src = ROOT / "tests" / "corpus" / "fixtures" / "lanshan.txt"
    done = run_cli(["corpus", "add", str(src), "--id", "lanshan"], tmp_path)
    assert done.returncode == 0, done.stderr
    return tmp_path


@pytest.mark.parametrize("command", [["ask", QUESTION], ["search", "有效期"],
                                     ["check", "--profile", "-"], ["corpus", "list"]])
def test_changed_corpus_file_is_refused_in_one_line(with_user_doc: Path,
                                                    command: list[str]) -> None:
    text = with_user_doc / "corpus" / "lanshan" / "text.txt"
    text.write_bytes(text.read_bytes().replace("集群".encode(), "园区".encode(), 1))
    done = run_cli(command, with_user_doc, stdin='{"annual_output": 25}')
    assert done.returncode == 1 and done.stdout == ""
    line = one_line_error(done.stderr)
    assert line.startswith("Error: 语料文件已被改动，拒绝引用 (corpus file lanshan was changed; "
                           "refusing to quote from it): ")
    assert str(text) in line and "sha256" in line


def test_missing_corpus_file_is_one_line(with_user_doc: Path) -> None:
    (with_user_doc / "corpus" / "lanshan" / "text.txt").unlink()
    line = one_line_error(_ask(with_user_doc).stderr)
    assert "语料文件缺失 (corpus file missing): lanshan" in line


def test_broken_document_metadata_is_one_line(with_user_doc: Path) -> None:
    (with_user_doc / "corpus" / "lanshan" / "meta.yaml").write_text("file: text.txt\nsha256: [")
    line = one_line_error(_ask(with_user_doc).stderr)
    assert "文件元数据无法读取 (document metadata unreadable)" in line and "meta.yaml" in line
    assert "内部错误" not in line
