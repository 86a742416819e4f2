"""A lexical index built once per session and copied into each test's data directory."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus import reload_corpus
from indexing.search import clear_cache
from indexing.settings import Settings
from indexing.store import build_lexical_index, index_root


@pytest.fixture(scope="session")
def _built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("index-home")
    mp = pytest.MonkeyPatch()
    mp.setenv("POLICY_ASSISTANT_HOME", str(home))
    try:
        reload_corpus()
        return build_lexical_index(Settings())
    finally:
        mp.undo()


@pytest.fixture
def built_index(_built: Path, _isolated_home: Path) -> Iterator[Path]:
    """The default lexical index, present in this test's data directory."""
    target = index_root() / _built.name
    shutil.copytree(_built, target)
    yield target


@pytest.fixture(autouse=True)
def _fresh_state() -> Iterator[None]:
    """No retriever or corpus cached from another test (they hold paths of its data dir)."""
    reload_corpus()
    clear_cache()
    yield
    reload_corpus()
    clear_cache()
