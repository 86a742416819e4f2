"""`policy-assistant ask` and `chat` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from policy_assistant.cli import cli


def _run(args: list[str], stdin: str | None = None):
    return CliRunner().invoke(cli, args, input=stdin)


def test_ask_json_one_object() -> None:
    r = _run(["ask", "--json", "--as-of", "2026-11-22", "青海的集群有效期几年？"])
    assert r.exit_code == 0, r.output
    (line,) = r.stdout.strip().splitlines()
    d = json.loads(line)
    assert d["question"] == "青海的集群有效期几年？" and d["intent"] == "lookup"
    assert d["citations"][0]["id"] == "qinghai:第十四条"
    assert d["citations"][0]["quote"].startswith("集群有效期为三年。")


def test_ask_text_output() -> None:
    r = _run(["ask", "--as-of", "2026-11-22", "青海的集群有效期几年？"])
    assert r.exit_code == 0
    assert r.stdout.startswith("青海 第十四条：集群有效期为三年。")
    assert "依据：\n[1] 青海 第十四条（qinghai:第十四条）：“集群有效期为三年。" in r.output


def test_ask_stdin_lines_are_independent() -> None:
    r = _run(["ask", "--json", "--as-of", "2026-11-22"],
             "我们在青海，近三年产值18亿、21亿、23亿元\n还差多少\n")
    first, second = (json.loads(x) for x in r.stdout.strip().splitlines())
    assert first["intent"] == "eligibility" and first["results"][0]["verdict"] == "not_eligible"
    assert second["profile"] == {}  # a fresh conversation: nothing carried over


def test_chat_piped_lines_are_one_conversation() -> None:
    r = _run(["chat", "--json", "--as-of", "2026-11-22"],
             "我们在青海，近三年产值18亿、21亿、23亿元\n那山东呢\n重新开始\n")
    answers = [json.loads(x) for x in r.stdout.strip().splitlines()]
    assert [a["intent"] for a in answers] == ["eligibility", "eligibility", "reset"]
    assert answers[1]["results"][0]["jurisdiction"] == "shandong"
    assert answers[1]["profile"]["output_by_year"] == {"2023": 18, "2024": 21, "2025": 23}


def test_chat_save_and_load(tmp_path: Path) -> None:
    saved = tmp_path / "conv.json"
    r = _run(["chat", "--json", "--as-of", "2026-11-22", "--save", str(saved)],
             "我们在青海，中小企业占比55.5%\n")
    assert r.exit_code == 0 and saved.exists()
    r2 = _run(["chat", "--json", "--load", str(saved)], "主导产业占比60%\n")
    d = json.loads(r2.stdout.strip().splitlines()[-1])
    assert d["profile"] == {"sme_output_share": 55.5, "leading_industry_share": 60}
    assert d["results"][0]["jurisdiction"] == "qinghai"


def test_bad_input_one_line_error(tmp_path: Path) -> None:
    r = _run(["ask", "   "])
    assert r.exit_code != 0 and "问题为空" in r.output and "Traceback" not in r.output
    r = _run(["ask", "--as-of", "22/11/2026", "青海的集群有效期几年？"])
    assert r.exit_code != 0 and "日期格式应为 YYYY-MM-DD" in r.output
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    r = _run(["chat", "--load", str(bad)], "你好\n")
    assert r.exit_code != 0 and "无法读取对话文件" in r.output


def test_chat_repl_on_a_terminal(tmp_path: Path) -> None:
    pexpect = __import__("pytest").importorskip("pexpect")
    child = pexpect.spawn("policy-assistant", ["chat", "--as-of", "2026-11-22"],
                          encoding="utf-8", timeout=30, cwd=str(tmp_path))
    child.expect("政策助手")
    child.expect("> ")
    child.sendline("我们在青海，近三年产值18亿、21亿、23亿元")
    child.expect("不符合认定条件")
    child.expect("> ")
    child.sendline("/save conv.json")
    child.expect("已导出到 conv.json")
    child.sendline("/quit")
    child.expect(pexpect.EOF)
    saved = json.loads((tmp_path / "conv.json").read_text(encoding="utf-8"))
    assert saved["jurisdictions"] == ["qinghai"]
    assert saved["profile"]["output_by_year"]["2023"] == {"$decimal": "18"}


def test_bad_llm_channel_is_a_user_error(monkeypatch) -> None:
    monkeypatch.setenv("POLICY_ASSISTANT_LLM", "gpt")
    r = _run(["ask", "青海的集群有效期几年？"])
    assert r.exit_code == 1
    assert "POLICY_ASSISTANT_LLM 只能是 openai 或 ollama" in r.output
    assert "Traceback" not in r.output


def test_a_reader_that_stops_early_gets_no_error() -> None:
    import subprocess
    import sys

    from corpus import get_corpus

    ids = [u.id for u in get_corpus().units() if u.item is None]
    proc = subprocess.Popen([sys.executable, "-c", "from policy_assistant.cli import main; main()",
                             "corpus", "show", *ids], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()  # like `| head -c 10`
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "内部错误" not in err and "Traceback" not in err
