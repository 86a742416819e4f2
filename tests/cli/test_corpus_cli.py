from __future__ import annotations

import json

from click.testing import CliRunner

from policy_assistant.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_list_json_as_of() -> None:
    res = run("corpus", "list", "--as-of", "2026-11-22", "--json")
    assert res.exit_code == 0
    rows = {r["id"]: r for r in map(json.loads, res.output.splitlines())}
    assert list(rows) == ["sichuan", "guizhou", "shandong", "zhangye", "qinghai"]
    assert rows["qinghai"]["status"] == "expired"
    assert rows["qinghai"]["expiry_date"] == "2025-06-26"
    assert rows["qinghai"]["effective_date"] == "2023-06-27"
    assert rows["zhangye"]["status"] == "unknown"
    assert rows["zhangye"]["parent"] == "甘肃省" and rows["zhangye"]["level"] == "city"
    assert rows["sichuan"]["status"] == "draft"
    assert rows["guizhou"]["articles"] == 22 and rows["guizhou"]["attachment_sections"] == 9


def test_list_human() -> None:
    res = run("corpus", "list", "--as-of", "2024-01-01")
    assert res.exit_code == 0
    assert "青海省促进中小企业特色产业集群发展实施细则" in res.output
    assert "状态（截至2024-01-01）：有效" in res.output


def test_show_json_exact() -> None:
    res = run("corpus", "show", "qinghai:第十四条", "sichuan:第十一条:（一）", "--json")
    assert res.exit_code == 0
    first, second = map(json.loads, res.output.splitlines())
    assert first == {
        "id": "qinghai:第十四条", "doc": "qinghai", "article": "第十四条", "item": None,
        "chapter": "第四章 动态管理", "title": None, "kind": "article",
        "text": "集群有效期为三年。有效期满后,由省工业和信息化厅组织开展复核工作,并考核集群三年发展"
                "规划目标完成情况,复核通过的有效期延长三年。",
    }
    assert second["item"] == "（一）" and "20亿元以上" in second["text"]


def test_show_every_id_resolves() -> None:
    from corpus import get_corpus

    ids = [u.id for u in get_corpus().units()]
    res = run("corpus", "show", *ids, "--json")
    assert res.exit_code == 0
    assert [json.loads(line)["id"] for line in res.output.splitlines()] == ids


def test_show_unknown_id() -> None:
    res = run("corpus", "show", "qinghai:第三十条")
    assert res.exit_code == 1
    assert "no such article: qinghai:第三十条" in res.output
    assert "qinghai:第十九条" in res.output
    assert "Traceback" not in res.output


def test_bad_date() -> None:
    res = run("corpus", "list", "--as-of", "2026-13-01")
    assert res.exit_code == 1
    assert "YYYY-MM-DD" in res.output
