"""Every onboarding test starts from the shipped corpus and leaves it so: the documents a test
adds are removed and the corpus reloaded before the next test (in any package) runs."""

from __future__ import annotations

import shutil

import pytest

from corpus import reload_corpus
from corpus.paths import user_corpus_dir
from tools.drafting import rules_dir


@pytest.fixture(autouse=True)
def _fresh_corpus(_isolated_home):
    reload_corpus()
    yield
    shutil.rmtree(user_corpus_dir(), ignore_errors=True)
    shutil.rmtree(rules_dir(), ignore_errors=True)
    reload_corpus()
