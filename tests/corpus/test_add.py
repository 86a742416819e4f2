from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from corpus import document_status, get_corpus, parse, reload_corpus
from corpus.extract_meta import draft_metadata
from corpus.paths import PACKAGE_DIR, TEXTS_DIR
from corpus.store import AddError, add_document, remove_document
from policy_assistant.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "lanshan.txt"


@pytest.fixture(autouse=True)
def _fresh_corpus():
    reload_corpus()
    yield
    reload_corpus()


def test_add_parses_stores_and_resolves(tmp_path: Path) -> None:
    meta = add_document(FIXTURE, "lanshan")
    assert meta["title"] == "岚山市中小企业特色产业集群认定办法"
    assert meta["level"] == "city" and meta["effective_date"] == date(2024, 3, 1)
    assert meta["validity_years"] == 5 and meta["issuer"] == "岚山市工业和信息化局"
    c = get_corpus()
    assert "lanshan" in c.ids and len(c.doc("lanshan").articles) == 6
    assert c.quote("lanshan:第三条:（三）") == "工业互联网平台应用普及率不低于12%。"
    status = document_status(c.doc("lanshan").meta, date(2026, 11, 22))
    assert status.status == "in_force" and status.expiry_date == date(2029, 2, 28)
    assert remove_document("lanshan") and "lanshan" not in get_corpus().ids


def test_gbk_file_is_accepted(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(FIXTURE.read_text(encoding="utf-8").encode("gbk"))
    add_document(gbk, "lanshangbk")
    assert get_corpus().quote("lanshangbk:第四条") == "集群有效期为三年。"


@pytest.mark.parametrize("content,reason", [
    ("今天天气很好。\n我们去公园。", "第X条"),
    ("第一条 苹果。\n第二条 香蕉。\n第三条 橘子。", "无关"),
    (b"\x00\x01\x02binary", "二进制"),
])
def test_unrelated_or_malformed_texts_are_refused(tmp_path: Path, content, reason: str) -> None:
    f = tmp_path / "x.txt"
    if isinstance(content, bytes):
        f.write_bytes(content)
    else:
        f.write_text(content, encoding="utf-8")
    with pytest.raises(AddError, match=reason):
        add_document(f, "junk")


def test_bad_ids_are_refused() -> None:
    for bad in ("Qinghai!", "qinghai", "1abc", ""):
        with pytest.raises(AddError):
            add_document(FIXTURE, bad)


def test_cli_add_and_show() -> None:
    r = CliRunner().invoke(cli, ["corpus", "add", str(FIXTURE), "--id", "lanshan", "--json"])
    assert r.exit_code == 0, r.output
    row = json.loads(r.output.splitlines()[-1])
    assert row["id"] == "lanshan" and row["articles"] == 6 and row["status"] == "in_force"
    r = CliRunner().invoke(cli, ["corpus", "show", "lanshan:第六条", "--json"])
    assert json.loads(r.output)["text"] == "本办法自2024年3月1日起施行，有效期5年。"
    r = CliRunner().invoke(cli, ["corpus", "add", "/nonexistent.txt", "--id", "x2"])
    assert r.exit_code != 0 and "Traceback" not in r.output


@pytest.mark.parametrize("doc", ["sichuan", "guizhou", "shandong", "zhangye", "qinghai"])
def test_metadata_drafted_from_text_matches_shipped(doc: str) -> None:
    """Leave-one-out: the dates and kinds drafted from each shipped text equal the reviewed data."""
    shipped = yaml.safe_load((PACKAGE_DIR / "documents.yaml").read_text("utf-8"))[doc]
    meta = draft_metadata(parse((TEXTS_DIR / shipped["file"]).read_text("utf-8"), doc), doc)
    for key in ("title", "level", "kind", "draft", "issue_date", "effective_date",
                "effective_source", "effective_on_issue", "validity_years", "validity_source",
                "issuer"):
        assert meta[key] == shipped[key], key
