"""`policy-assistant search` and `policy-assistant index build|status` through click."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from corpus import get_corpus
from policy_assistant.cli import cli


def _run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=stdin)


def test_search_json_one_line_per_query(built_index: Path) -> None:
    res = _run("search", "--json", "-k", "2", "青海的集群有效期几年？")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert obj["query"] == "青海的集群有效期几年？" and obj["jurisdiction"] == ["qinghai"]
    assert [r["id"] for r in obj["results"]] == ["qinghai:第十四条", "qinghai:第十九条"]
    first = obj["results"][0]
    assert first["text"] == get_corpus().quote("qinghai:第十四条")
    assert set(first) == {"id", "doc", "score", "text", "chapter", "title", "matched", "via"}


def test_search_reads_questions_from_stdin(built_index: Path) -> None:
    res = _run("search", "--json", "-k", "1", stdin="四川的名单怎么公布\n\n山东第十三条\n")
    assert res.exit_code == 0, res.output
    objs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [o["query"] for o in objs] == ["四川的名单怎么公布", "山东第十三条"]
    assert [o["results"][0]["id"] for o in objs] == ["sichuan:第十五条", "shandong:第十三条"]
    assert objs[1]["results"][0]["via"] == "reference"


def test_search_jurisdiction_option(built_index: Path) -> None:
    res = _run("search", "--json", "-j", "zhangye,qinghai", "-k", "20", "有效期")
    obj = json.loads(res.stdout)
    docs = {r["doc"] for r in obj["results"]}
    assert res.exit_code == 0 and docs == {"zhangye", "qinghai"}
    assert obj["jurisdiction"] == ["zhangye", "qinghai"]
    res = _run("search", "--json", "-j", "青海", "-k", "1", "有效期")
    assert json.loads(res.stdout)["jurisdiction"] == ["qinghai"]
    res = _run("search", "--json", "-j", "all", "-k", "1", "青海有效期")
    assert json.loads(res.stdout)["jurisdiction"] is None
    res = _run("search", "--json", "--level", "item", "-k", "1", "四川占地面积上限")
    assert json.loads(res.stdout)["results"][0]["id"] == "sichuan:第十一条:（一）"


def test_search_human_output(built_index: Path) -> None:
    res = _run("search", "-k", "1", "张掖集群名单公示几个工作日")
    assert res.exit_code == 0
    assert res.stdout.splitlines()[:2] == [
        "问题：张掖集群名单公示几个工作日",
        f"  1. zhangye:第十五条（第三章 认定程序）  得分 "
        f"{float(res.stdout.split('得分 ')[1].split()[0]):.2f}",
    ]
    assert res.stdout.splitlines()[2].strip().startswith("市工业和信息化局组织对各县区工信局")
    res = _run("search", "今天天气怎么样")
    assert res.exit_code == 0 and "没有找到相关条文" in res.stdout


def test_bad_jurisdiction_is_a_one_line_error(built_index: Path) -> None:
    res = _run("search", "-j", "beijing", "有效期")
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines() == [
        "Error: 未知的地区 (unknown jurisdiction): beijing；可选 (choose from): "
        "sichuan, guizhou, shandong, zhangye, qinghai"]


def test_bad_dense_setting_is_a_one_line_error(built_index: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("POLICY_ASSISTANT_DENSE_WEIGHT", "2")
    res = _run("search", "有效期")
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "POLICY_ASSISTANT_DENSE_WEIGHT" in res.stderr


def test_index_build_shows_progress_and_reports() -> None:
    res = _run("index", "build", "--json")
    assert res.exit_code == 0, res.output
    assert "建立检索索引" in res.stderr  # the progress bar's label
    report = json.loads(res.stdout)
    assert report["entries"] == len(get_corpus().units()) and report["dense"] is False
    status = json.loads(_run("index", "status", "--json").stdout)
    assert status["built"] is True and status["fingerprint"] == get_corpus().fingerprint
    res = _run("index", "build")
    assert res.stdout.startswith(f"已建立检索索引：{report['entries']} 个检索单元")
