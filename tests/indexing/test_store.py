"""Index lifecycle: kept per corpus and settings; rebuilt, never a crash, when absent or bad."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus import get_corpus
from indexing import search
from indexing.settings import Settings
from indexing.store import build_lexical_index, index_root, lexical_dir, open_lexical, prune


def _notes() -> tuple[list[str], object]:
    seen: list[str] = []
    return seen, seen.append


def test_first_search_builds_and_persists(capsys: pytest.CaptureFixture[str]) -> None:
    path = lexical_dir(Settings())
    assert not path.exists()
    assert search("青海集群有效期", k=1)[0].id == "qinghai:第十四条"
    assert "正在建立检索索引" in capsys.readouterr().err
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["fingerprint"] == get_corpus().fingerprint
    assert path.parent == index_root()
    assert path.name.startswith(f"lexical-{manifest['fingerprint']}-")
    assert len(manifest["entries"]) == len(get_corpus().units())


def test_existing_index_is_reused_silently(built_index: Path) -> None:
    seen, note = _notes()
    before = (built_index / "manifest.json").stat().st_mtime_ns
    bundle = open_lexical(Settings(), notify=note)  # type: ignore[arg-type]
    assert seen == [] and bundle.path == built_index
    assert (built_index / "manifest.json").stat().st_mtime_ns == before


@pytest.mark.parametrize("damage", ["manifest", "matrix", "vocab", "dictionary", "version"])
def test_damaged_index_is_rebuilt(damage: str, built_index: Path) -> None:
    if damage == "manifest":
        (built_index / "manifest.json").write_text("{not json", encoding="utf-8")
    elif damage == "matrix":
        (built_index / "bm25" / "data.csc.index.npy").write_bytes(b"garbage")
    elif damage == "vocab":
        (built_index / "bm25" / "vocab.index.json").unlink()
    elif damage == "dictionary":
        (built_index / "words.dict").unlink()
    else:
        m = json.loads((built_index / "manifest.json").read_text(encoding="utf-8"))
        m["version"] = "0"
        (built_index / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    seen, note = _notes()
    bundle = open_lexical(Settings(), notify=note)  # type: ignore[arg-type]
    assert len(seen) == 1 and "已失效，正在重建" in seen[0]
    assert bundle.lexical.scores(bundle.tokenizer.tokens("有效期")).max() > 0
    seen.clear()
    open_lexical(Settings(), notify=note)  # type: ignore[arg-type]
    assert seen == []  # repaired for good


def test_other_settings_use_another_directory(built_index: Path) -> None:
    other = Settings(k1=0.9)
    assert lexical_dir(other) != built_index
    path = build_lexical_index(other)
    assert path.is_dir() and built_index.is_dir()
    removed = prune({path})
    assert built_index in removed and not built_index.exists() and path.exists()


def test_progress_counts_every_step() -> None:
    from indexing.store import build_steps

    steps: list[int] = []
    build_lexical_index(Settings(), progress=steps.append)
    assert sum(steps) == build_steps(Settings()) == len(get_corpus().units()) + 2


def test_a_sound_index_is_kept_unless_forced(built_index: Path) -> None:
    before = (built_index / "manifest.json").stat().st_mtime_ns
    assert build_lexical_index(Settings()) == built_index
    assert (built_index / "manifest.json").stat().st_mtime_ns == before
    build_lexical_index(Settings(), force=True)
    assert (built_index / "manifest.json").stat().st_mtime_ns != before
    assert [p.name for p in index_root().iterdir() if p.name.startswith(".build-")] == []


@pytest.mark.slow
def test_concurrent_first_searches_both_answer() -> None:
    import subprocess
    import sys

    code = ("from indexing import search; "
            "print(search('青海集群有效期', k=1)[0].id)")
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err for _, err in outs]
    assert [out.strip() for out, _ in outs] == ["qinghai:第十四条"] * 3
    assert open_lexical(Settings()).path == lexical_dir(Settings())
