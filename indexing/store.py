"""Index lifecycle: where the lexical index lives, when it is rebuilt, how it is built.

The index directory is `<data home>/index/lexical-<corpus fingerprint>-<settings hash>/`, so a
changed text, parser, dictionary or BM25 setting simply selects another directory. A missing,
unreadable or half-written directory is rebuilt (with a note on stderr), never a crash. Builds
write to a temporary directory that is renamed into place, so readers never see half an index.
"""

from __future__ import annotations

import atexit
import errno
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from corpus import data_home, get_corpus

from .entries import Entry, build_entries
from .lexical import LexicalIndex, LexicalIndexError, build_lexical
from .settings import INDEX_VERSION, Settings
from .tokenizer import Tokenizer, build_dictionary

Progress = Callable[[int], None]  # called with the number of steps just done
Notify = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def index_root() -> Path:
    return data_home() / "index"


def lexical_dir(settings: Settings) -> Path:
    return index_root() / f"lexical-{get_corpus().fingerprint}-{settings.index_hash()}"


def dense_dir(settings: Settings) -> Path:
    return index_root() / f"dense-{get_corpus().fingerprint}-{settings.dense_hash()}"


def place_names() -> list[str]:
    """Every document's names, so the dictionary keeps them whole (they are dropped as terms)."""
    c = get_corpus()
    return [n for d in c.ids
            for n in (c.doc(d).meta.short_name, *c.doc(d).meta.aliases,
                      *c.doc(d).meta.abbreviations)]


def build_steps(settings: Settings) -> int:
    """How many progress steps a full build reports (dictionary + one per entry + BM25)."""
    return len(build_entries(settings)) + 2


@dataclass(frozen=True)
class LexicalBundle:
    """What a query needs: the entries (in index order), their tokenizer and the BM25 matrix."""

    path: Path
    entries: tuple[Entry, ...]
    tokenizer: Tokenizer
    lexical: LexicalIndex


def _read(path: Path, settings: Settings) -> LexicalBundle:
    """Open a built index; raises LexicalIndexError when it is absent or does not fit."""
    try:
        with open(path / "manifest.json", encoding="utf-8") as fh:
            manifest = json.load(fh)
    except FileNotFoundError:
        raise LexicalIndexError("missing") from None
    except (OSError, ValueError) as exc:
        raise LexicalIndexError(f"manifest unreadable: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("version") != INDEX_VERSION or \
            manifest.get("fingerprint") != get_corpus().fingerprint or \
            manifest.get("settings") != settings.index_hash():
        raise LexicalIndexError("built for another corpus, version or settings")
    entries = build_entries(settings)
    if [e.id for e in entries] != manifest.get("entries"):
        raise LexicalIndexError("entries differ from the corpus")
    try:
        tokenizer = Tokenizer.from_dict_file(path / "words.dict", float(manifest["total"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LexicalIndexError(f"dictionary unreadable: {exc}") from exc
    lexical = LexicalIndex(path / "bm25", len(entries))
    return LexicalBundle(path, tuple(entries), tokenizer, lexical)


def _install(tmp: Path, final: Path, settings: Settings, force: bool) -> None:
    """Move a finished build into place. The content is a function of the corpus fingerprint
    and settings, so a sound index another process installed meanwhile is kept as it is."""
    if final.exists():
        if not force:
            try:
                _read(final, settings)
                return
            except LexicalIndexError:
                pass
        shutil.rmtree(final, ignore_errors=True)
    try:
        os.replace(tmp, final)
    except OSError:
        if not (final / "manifest.json").exists():  # not a concurrent builder's result
            raise


def build_lexical_index(settings: Settings, progress: Progress | None = None,
                        force: bool = False, root: Path | None = None) -> Path:
    """Build the lexical index for the current corpus; returns its directory. `force` replaces
    a sound existing index too (`index build`); `root` is another index root than the data
    home's (a temporary one when the data directory is read-only)."""
    step = progress or (lambda n: None)
    final = lexical_dir(settings) if root is None else root / lexical_dir(settings).name
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=final.parent))
    try:
        entries = build_entries(settings)
        c = get_corpus()
        total = build_dictionary([e.text for e in entries], place_names(), tmp / "words.dict",
                                 (root or index_root()) / "cache")
        step(1)
        tokenizer = Tokenizer.from_dict_file(tmp / "words.dict", total)
        token_lists = []
        for entry in entries:
            token_lists.append(tokenizer.tokens(entry.text))
            step(1)
        build_lexical(token_lists, settings.k1, settings.b, tmp / "bm25")
        manifest = {"version": INDEX_VERSION, "fingerprint": c.fingerprint,
                    "settings": settings.index_hash(), "total": total,
                    "entries": [e.id for e in entries], "built": time.time(),
                    "k1": settings.k1, "b": settings.b}
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False),
                                           encoding="utf-8")
        step(1)
        _install(tmp, final, settings, force)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return final


def open_lexical(settings: Settings, notify: Notify = _stderr) -> LexicalBundle:
    """The lexical index for the current corpus and settings, built first when needed."""
    path = lexical_dir(settings)
    try:
        return _read(path, settings)
    except LexicalIndexError as exc:
        reason = str(exc)
    if reason == "missing":
        notify("正在建立检索索引（首次使用）… (building the search index)")
    else:
        notify(f"检索索引已失效，正在重建… (search index rebuilt: {reason})")
    try:
        build_lexical_index(settings)
    except OSError as exc:  # a read-only or full data directory: keep the index elsewhere
        if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC):
            raise
        root = Path(tempfile.mkdtemp(prefix="policy-assistant-index-"))
        atexit.register(shutil.rmtree, root, True)
        notify(f"数据目录不可写，检索索引暂存于临时目录 (data directory not writable: "
               f"{exc.strerror}; index kept in {root})")
        path = build_lexical_index(settings, root=root)
    return _read(path, settings)


def prune(keep: set[Path]) -> list[Path]:
    """Delete index directories not in `keep` (other corpus versions or settings)."""
    removed = []
    root = index_root()
    if root.is_dir():
        for child in root.iterdir():
            if child.is_dir() and child not in keep and child.name != "cache" and \
                    child.name.startswith(("lexical-", "dense-", ".build-")):
                shutil.rmtree(child, ignore_errors=True)
                removed.append(child)
    return removed
