"""Tests never touch the user's files: data and cache paths point at a temporary directory."""

from __future__ import annotations

import os

import pytest

from policy_assistant.cli import OFFLINE_ENV

# Before any test module is collected: libraries such as huggingface_hub read these once, at
# import time, so setting them per test (below) would come too late — as the CLI sets them
# before its imports.
for _key, _value in OFFLINE_ENV.items():
    os.environ[_key] = _value


@pytest.fixture(autouse=True)
def _isolated_home(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch):
    # a module with SHARED_HOME = True only reads: its cases share one directory (and index)
    home = request.getfixturevalue("shared_home") if getattr(request.module, "SHARED_HOME",
                                                             False) \
        else tmp_path_factory.mktemp("home")
    monkeypatch.setenv("POLICY_ASSISTANT_HOME", str(home))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")
    yield home


@pytest.fixture(scope="session")
def shared_home(tmp_path_factory: pytest.TempPathFactory):
    """One data directory for the data-driven answer suites (phrasings, scope, answers,
    verdicts; SHARED_HOME = True): they only read, so they share the index built on first use
    instead of building one per case."""
    return tmp_path_factory.mktemp("shared-home")
