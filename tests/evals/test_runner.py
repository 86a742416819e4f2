"""The runner on a tiny fixture dataset with a fake system whose scores are known exactly."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from evals import run
from policy_assistant.cli import cli

from .fakes import Crashing, FakeSystem, SearchOnly

MINI = Path(__file__).parent / "fixtures" / "mini.jsonl"


@pytest.fixture(scope="module")
def report():
    return run("dev", FakeSystem(), path=MINI, baselines=False)


def test_overall_scores_are_exact(report) -> None:
    m = report.system.metrics
    assert report.n == 6
    assert (m["r@1"], m["r@3"], m["mrr"]) == (0.25, 0.5, 0.4375)
    assert m["n_r@1"] == 4
    # facts in the first 3 hits: 三年 and 20亿元以上 yes, the typo item's 三年 no; the status
    # item's expiry date is computed, not quotable, so context@3 does not apply to it
    assert m["context@3"] == 2 / 3 and m["n_context@3"] == 3
    assert m["fact_accuracy"] == pytest.approx(0.8)
    assert m["citation_precision"] == pytest.approx(0.875)
    assert m["citation_recall"] == pytest.approx(0.8)
    assert m["numeric_exactness"] == pytest.approx(0.75)
    assert (m["verdict_accuracy"], m["criteria_accuracy"]) == (1.0, 0.5)
    assert (m["status_accuracy"], m["refusal_accuracy"]) == (1.0, 0.5)
    assert m["answer_p50_ms"] is not None and m["search_p95_ms"] is not None


def test_per_item_scores_point_at_the_failure(report) -> None:
    items = {it["id"]: it for it in report.system.items}
    th = items["threshold-sichuan-001"]
    assert th["ranked"] == ["sichuan:第十条", "sichuan:第十一条"]
    assert th["scores"]["mrr"] == 0.5
    assert th["scores"]["citation_precision"] == 0.5
    assert th["details"]["unsupported_numbers"] == ["5"]
    assert th["details"]["citations"][1] == {"id": "sichuan:第五条", "relevant": False,
                                             "verbatim": False}
    el = items["eligibility-qinghai-001"]
    assert el["details"]["wrong_criteria"] == {"sme_output_share": {"expected": "met",
                                                                    "got": "unknown"}}
    assert len(el["answer_ms"]) == 2
    st = items["status-qinghai-001"]  # the notice is a supporting id: right, not required
    assert (st["scores"]["citation_precision"], st["scores"]["citation_recall"]) == (1.0, 1.0)
    adv = items["adversarial-qinghai-001"]
    assert adv["scores"]["refusal_accuracy"] == 0.0
    assert adv["details"]["missing_facts"] == ["三年"]
    assert adv["scores"]["citation_precision"] is None


def test_by_category_and_json(report) -> None:
    js = report.to_json()
    assert js["n"] == 6 and js["n_retrieval"] == 4
    assert js["by_category"]["threshold"]["r@3"] == 1.0
    assert js["by_category"]["adversarial"]["mrr"] == 0.25
    assert js["by_category"]["out_of_scope"]["refusal_accuracy"] == 1.0
    assert js["baseline"] == {}
    json.dumps(js, ensure_ascii=False)


def test_as_of_is_passed_to_the_system() -> None:
    system = FakeSystem()
    run("dev", system, path=MINI, baselines=False)
    assert ("青海细则还有效吗？", date(2026, 11, 22)) in system.asked
    assert ("青海集群有效期多久？", None) in system.asked


def test_split_selection() -> None:
    assert run("heldout", FakeSystem(), path=MINI, baselines=False).n == 1
    assert run("all", FakeSystem(), path=MINI, baselines=False).n == 7


def test_missing_parts_are_reported_not_fatal() -> None:
    rep = run("dev", SearchOnly(), path=MINI, baselines=False)
    assert rep.system.metrics["r@1"] == 0.25
    assert rep.system.metrics["fact_accuracy"] is None
    assert rep.unavailable() == {"ask": "system has no ask()",
                                 "conversation": "system has no conversation()"}
    assert "不可用 (not available) ask: system has no ask()" in rep.table()


def test_a_crashing_item_scores_zero_and_the_run_continues() -> None:
    rep = run("dev", Crashing(), path=MINI, baselines=False)
    items = {it["id"]: it for it in rep.system.items}
    bad = items["lookup-qinghai-001"]
    assert bad["error"] == "RuntimeError: boom"
    assert bad["scores"]["fact_accuracy"] == 0.0 and bad["scores"]["citation_recall"] == 0.0
    assert items["status-qinghai-001"]["scores"]["status_accuracy"] == 1.0


def test_report_files(report, tmp_path) -> None:
    files = report.write(tmp_path / "out")
    md = files["markdown"].read_text(encoding="utf-8")
    assert "| r@1 | 0.250 |" in md
    assert "`threshold-sichuan-001`" in md and "eval-dev.png" in md
    assert files["plot"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads(files["json"].read_text(encoding="utf-8"))["n"] == 6


def test_cli_json_with_fixture_dataset(tmp_path, monkeypatch) -> None:
    import evals.runner

    monkeypatch.setattr(evals.runner, "DefaultSystem", SearchOnly)
    res = CliRunner().invoke(cli, ["eval", "--data", str(MINI), "--no-baselines", "--json",
                                    "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    js = json.loads(res.output)
    assert js["n"] == 6 and js["metrics"]["mrr"] == 0.4375
    assert set(js) >= {"n", "by_category", "metrics", "items", "baseline", "files"}
    assert (tmp_path / "eval-dev.md").is_file()


def test_cli_table_and_bad_input(tmp_path, monkeypatch) -> None:
    import evals.runner

    monkeypatch.setattr(evals.runner, "DefaultSystem", SearchOnly)
    res = CliRunner().invoke(cli, ["eval", "--data", str(MINI), "--no-baselines", "--out",
                                    str(tmp_path), "--split", "all"])
    assert res.exit_code == 0
    assert "评测集 split=all  条目 n=7" in res.output
    assert "r@1" in res.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["eval", "--data", str(bad), "--out", str(tmp_path)])
    assert res.exit_code == 1
    assert "评测集格式错误 (bad dataset): bad.jsonl:1:" in res.output
    res = CliRunner().invoke(cli, ["eval", "--data", str(tmp_path / "nope.jsonl")])
    assert res.exit_code == 1 and "no such dataset file" in res.output


def test_diff_against_a_previous_report(tmp_path, monkeypatch) -> None:
    import evals.runner
    from evals.diff import diff

    before = run("dev", FakeSystem(), path=MINI, baselines=False).to_json()
    after = run("dev", Crashing(), path=MINI, baselines=False).to_json()
    changes = diff(before, after)
    assert [(c.id, c.metric, c.before, c.after) for c in changes["worse"]] == [
        ("lookup-qinghai-001", "citation_precision", 1.0, None),
        ("lookup-qinghai-001", "citation_recall", 1.0, 0.0),
        ("lookup-qinghai-001", "fact_accuracy", 1.0, 0.0),
        ("lookup-qinghai-001", "numeric_exactness", 1.0, None)]
    assert diff(after, before)["better"][0].id == "lookup-qinghai-001"

    prev = tmp_path / "prev.json"
    prev.write_text(json.dumps(before, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(evals.runner, "DefaultSystem", Crashing)
    res = CliRunner().invoke(cli, ["eval", "--data", str(MINI), "--no-baselines", "--out",
                                   str(tmp_path), "--against", str(prev)])
    assert res.exit_code == 0, res.output
    assert "变差 worse: 4  变好 better: 0" in res.output
    res = CliRunner().invoke(cli, ["eval", "--data", str(MINI), "--against", str(MINI)])
    assert res.exit_code == 1 and "not an eval report" in res.output
