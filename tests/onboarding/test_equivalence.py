"""Each shipped text, added again under a new id through `corpus add` (the general path), drafted
and accepted, gives the same verdicts and criterion statuses as the reviewed shipped rules on the
engine's golden cases (tests/tools/golden)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

import tools
from corpus.paths import PACKAGE_DIR, TEXTS_DIR
from corpus.store import add_document
from tools.drafting import accept, draft_and_store

GOLDEN = Path(__file__).parents[1] / "tools" / "golden"
SHIPPED = ["sichuan", "guizhou", "shandong", "zhangye", "qinghai"]


def cases(jurisdiction: str) -> list[tuple[dict[str, Any], date]]:
    base = yaml.safe_load((GOLDEN / "_base.yaml").read_text("utf-8"))
    out = []
    for case in yaml.safe_load((GOLDEN / f"{jurisdiction}.yaml").read_text("utf-8")):
        profile = {**base, **case["input"]} if case.get("base") else dict(case["input"])
        as_of = case.get("as_of") or date(2024, 1, 1)
        as_of = as_of if isinstance(as_of, date) else date.fromisoformat(as_of)
        out.append((profile, as_of))
    return out


def outcome(result: Any) -> tuple[str, list[tuple[str, str, Any, Any]]]:
    """The verdict and each criterion's status and threshold, by metric."""
    j = result.to_json()
    return j["verdict"], sorted((c["metric"], c["status"], c.get("operator"), c.get("threshold"))
                                for c in j["criteria"])  # criteria order carries no meaning


@pytest.mark.parametrize("doc", SHIPPED)
def test_added_copy_judges_like_the_shipped_rules(doc: str, tmp_path: Path) -> None:
    shipped = yaml.safe_load((PACKAGE_DIR / "documents.yaml").read_text("utf-8"))[doc]
    copy = f"{doc}copy"
    add_document(TEXTS_DIR / shipped["file"], copy, title=shipped["title"])
    draft_and_store(copy)
    accept(copy)
    found = cases(doc)
    assert len(found) >= 5
    for profile, as_of in found:
        want = outcome(tools.check(profile, doc, as_of))
        got = outcome(tools.check(profile, copy, as_of))
        assert got == want, profile.get("name")
