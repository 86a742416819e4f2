"""Hostile and malformed input through the CLI (in-process with CliRunner and in a real child
process for exit codes and stderr) and the Python API: a clear one-line message or a normal
answer, never a traceback, and the process keeps serving."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import assistant
import tools
from policy_assistant.cli import cli

from .conftest import one_line_error, run_cli

LONG = "青海的集群有效期几年？" * 9091  # 100 001 characters
STRANGE = {
    "control": "青海\x00\x01\x07\x1b[31m有效期\x7f\u200b\ufeff几年",
    "emoji": "😀🚀 青海的集群有效期几年？👍🏽",
    "html": "<script>alert('x')</script><img src=x onerror=alert(1)> 青海的集群有效期几年？",
    "sql": "青海'; DROP TABLE profiles; -- 有效期 OR 1=1",
    "rtl_and_combining": "\u202e青海\u0301有效期\u202c几年",
    "lone_surrogate_like": "青海有效期\\ud800几年",
}


def invoke(args: list[str], stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, args, input=stdin, catch_exceptions=True)


# --- questions ---------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["ask", "search"])
@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_question_is_a_one_line_error(command: str, text: str) -> None:
    r = invoke([command, text])
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr.strip() == "Error: 问题为空 (empty question)"
    assert "Traceback" not in r.output


def test_empty_question_subprocess_exit_code_and_stderr(warm_home: Path) -> None:
    done = run_cli(["ask", "  "], warm_home)
    assert done.returncode == 1 and done.stdout == ""
    assert one_line_error(done.stderr) == "Error: 问题为空 (empty question)"


@pytest.mark.parametrize("name", sorted(STRANGE))
def test_strange_questions_answer_normally(name: str) -> None:
    r = invoke(["ask", "--json", "--as-of", "2026-11-22", STRANGE[name]])
    assert r.exit_code == 0, r.output
    a = json.loads(r.stdout)
    assert a["answer"].strip() and a["mode"] == "deterministic"
    assert "<script>" not in a["answer"] and "DROP TABLE" not in a["answer"]
    for c in a["citations"]:
        from corpus import verify_quote

        assert verify_quote(c["id"], c["quote"])


@pytest.mark.parametrize("name", ["emoji", "html", "sql"])
def test_noise_around_a_real_question_keeps_the_answer(name: str) -> None:
    a = assistant.ask(STRANGE[name])
    if name == "sql":  # the question words survive the noise: still the Qinghai article
        assert a.intent in ("lookup", "out_of_scope")
    else:
        assert [c.id for c in a.citations][:1] == ["qinghai:第十四条"]
        assert "三年" in a.answer


def test_100k_character_question_cli_and_api(warm_home: Path) -> None:
    r = invoke(["ask", "--json", LONG])
    assert r.exit_code == 0
    assert json.loads(r.stdout)["answer"].strip()
    # argv cannot carry 300 kB in one argument on Linux: the real process reads stdin
    done = run_cli(["ask", "--json"], warm_home, stdin=LONG + "\n")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert len(done.stdout.splitlines()) == 1
    from indexing import search

    assert isinstance(search(LONG, k=3), list)


def test_binary_bytes_on_stdin_do_not_crash(warm_home: Path) -> None:
    payload = bytes(range(256)) * 40 + "青海的集群有效期几年？\n".encode("gbk")
    for command in (["ask", "--json"], ["search", "--json"], ["chat", "--json"]):
        done = run_cli(command, warm_home, stdin=payload)
        assert "Traceback" not in done.stderr, done.stderr[-1500:]
        assert done.returncode in (0, 1), (command, done.stderr)
        if done.returncode == 1:
            one_line_error(done.stderr)
        for line in done.stdout.splitlines():
            json.loads(line)


def test_python_api_rejects_empty_and_non_text() -> None:
    for bad in ("", "  \n", None, 42):
        with pytest.raises(ValueError, match="问题为空"):
            assistant.ask(bad)  # type: ignore[arg-type]
    conv = assistant.Conversation()
    with pytest.raises(ValueError):
        conv.send("")
    assert conv.turns == []  # a rejected turn leaves no trace
    assert conv.send("青海的集群有效期几年？").citations[0].id == "qinghai:第十四条"


# --- numbers out of range in conversation ------------------------------------------------------

def test_negative_output_is_questioned_not_stored() -> None:
    a = assistant.ask("我们在青海，近三年产值-5亿元、21亿、23亿元，能申报吗")
    assert any("不能为负数" in q and "-5亿元" in q for q in a.asks)
    assert "-5" not in json.dumps(a.to_json()["profile"])


@pytest.mark.parametrize("share", ["150%", "-20%", "100.01%"])
def test_share_over_100_is_questioned_not_stored(share: str) -> None:
    a = assistant.ask(f"我们在青海，中小企业产值占比{share}，能申报吗")
    assert any("占比应在0到100%之间" in q and share in q for q in a.asks)
    assert "sme_output_share" not in a.to_json()["profile"]


def test_huge_output_is_kept_exactly() -> None:
    a = assistant.ask("我们在青海，近三年产值100000000000000000000亿元、100000000000000000000亿元、"
                      "100000000000000000000亿元，能申报吗")
    series = a.to_json()["profile"]["output_by_year"]
    assert {Decimal(str(v)) for v in series.values()} == {Decimal(10) ** 20}
    crit = {c["metric"]: c for c in a.results[0]["criteria"]}
    assert crit["annual_output"]["status"] == "met"


# --- profile files ------------------------------------------------------------------------------

def _write(tmp: Path, name: str, data: bytes | str) -> Path:
    p = tmp / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


BAD_FILES = {
    "negative.json": ('{"annual_output": -5}', "annual_output: 不能为负数 (must not be negative)"),
    "share.json": ('{"sme_output_share": 150}', "sme_output_share: 比例不能超过100"),
    "nan.json": ('{"annual_output": NaN}', "应为有限数字"),
    "text.json": ('{"annual_output": "很多"}', "应为数字 (not a number)"),
    "broken.json": ("{oops", "broken.json: 无法解析 (cannot parse)"),
    "list_of_numbers.json": ("[1, 2]", "画像应为对象 (a profile must be an object)"),
    "broken.yaml": ("a: [\n", "broken.yaml: 无法解析 (cannot parse)"),
    "scalar.yaml": ("just text", "应为对象或对象列表"),
    "binary.json": (b"\xff\xfe\x00\x81garbage\x80", "应为 UTF-8 或 GBK 编码"),
    "extra_cells.csv": ("name,annual_output\nx,25,99\n", "第2行 (row 2) CSV 行的列数多于表头"),
    "bad_series.csv": ("name,output_by_year\nx,{oops\n", "output_by_year 应为 JSON 对象"),
    "empty.jsonl": ("\n\n", "文件中没有画像 (no profiles in the file)"),
    "profile.txt": ("annual_output=5", "不支持的画像文件类型"),
    "huge_count.json": ('{"enterprise_count": 1.5}', "应为整数 (not a whole number)"),
    "bad_year.json": ('{"output_by_year": {"20x4": 3}}', "年份应为四位数字"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_profile_files_are_one_line_errors(tmp_path: Path, name: str) -> None:
    content, message = BAD_FILES[name]
    path = _write(tmp_path, name, content)
    r = invoke(["check", "--profile", str(path)])
    assert r.exit_code == 1, r.output
    assert message in r.output, r.output
    assert "Traceback" not in r.output and "内部错误" not in r.output
    with pytest.raises(tools.ProfileError):
        tools.load_profiles(path)


def test_bad_profile_file_subprocess(tmp_path: Path, warm_home: Path) -> None:
    path = _write(tmp_path, "share.json", '{"sme_output_share": 150}')
    done = run_cli(["check", "--profile", str(path), "--json"], warm_home)
    assert done.returncode == 1 and done.stdout == ""
    assert "比例不能超过100 (a percentage over 100): 150" in one_line_error(done.stderr)


def test_gbk_csv_from_excel_is_read(tmp_path: Path) -> None:
    text = "name,annual_output,sme_output_share,area_km2\r\n青海高原集群,25,80,90\r\n"
    path = _write(tmp_path, "excel.csv", text.encode("gbk"))
    (p,) = tools.load_profiles(path)
    assert p.name == "青海高原集群" and p.sme_output_share == Decimal(80)
    r = invoke(["check", "--profile", str(path), "-j", "qinghai", "--json"])
    assert r.exit_code == 0
    got = json.loads(r.stdout.splitlines()[0])
    assert got["profile"] == "青海高原集群"
    crit = {c["metric"]: c["status"] for c in got["criteria"]}
    assert crit["sme_output_share"] == "met" and crit["area_km2"] == "met"


def test_csv_missing_columns_are_unknown_not_zero(tmp_path: Path) -> None:
    path = _write(tmp_path, "few.csv", "name\nonly-a-name\n")
    r = invoke(["check", "--profile", str(path), "-j", "qinghai", "--json"])
    assert r.exit_code == 0
    got = json.loads(r.stdout)
    assert got["verdict"] == "undetermined"
    assert {c["status"] for c in got["criteria"]} == {"unknown"}


def test_csv_unknown_columns_are_named_in_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, "extra.csv", "name,annual_outptu,sme_output_share\nx,25,60\n")
    (p,) = tools.load_profiles(path)
    assert any("annual_outptu" in w and "annual_output" in w for w in p.warnings)
    assert p.annual_output is None  # a misspelt column is not silently read as something else


def test_huge_number_in_profile_file_is_exact(tmp_path: Path) -> None:
    path = _write(tmp_path, "huge.json", '{"annual_output": 100000000000000000000.5}')
    (p,) = tools.load_profiles(path)
    assert p.annual_output == Decimal("100000000000000000000.5")


# --- unknown jurisdiction -------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["check", "--profile", "-", "-j", "xizang"],
                                  ["search", "-j", "xizang", "有效期"]])
def test_unknown_jurisdiction_cli(args: list[str]) -> None:
    r = invoke(args, stdin='{"annual_output": 25}')
    assert r.exit_code == 1
    assert "未知" in r.output and "(unknown jurisdiction)" in r.output and "xizang" in r.output


def test_unknown_jurisdiction_api_and_question() -> None:
    with pytest.raises(tools.UnknownJurisdiction, match="xizang"):
        tools.check({"annual_output": 25}, "xizang")
    a = assistant.ask("西藏的集群有效期几年？")
    assert a.intent == "out_of_scope" and a.citations == ()


# --- the same process keeps serving after bad input ----------------------------------------------

def test_process_keeps_serving_after_bad_input(warm_home: Path) -> None:
    lines = ["", "😀", "<b>" * 1000, "'; DROP TABLE x; --", "\x00\x01", "中小企业产值占比150%",
             "青海的集群有效期几年？"]
    done = run_cli(["chat", "--json", "--as-of", "2026-11-22"], warm_home,
                   stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    answers = [json.loads(x) for x in done.stdout.splitlines()]
    assert len(answers) == len([x for x in lines if x.strip()])
    assert answers[-1]["citations"][0]["id"] == "qinghai:第十四条"


# Exactness at the boundary: 69.99999999999999999 is below 山东's 70%, but as a binary float it
# is 70.0 and would be judged "met". Every way a profile enters must keep the digits.
NEAR_70 = "69.99999999999999999"
JSON_70 = '{"sme_output_share": ' + NEAR_70 + "}"


@pytest.mark.parametrize("name,text", [
    ("p.json", JSON_70),
    ("p.jsonl", JSON_70 + "\n"),
    ("p.yaml", f"sme_output_share: {NEAR_70}\n"),
    ("p.csv", f"name,sme_output_share\nx,{NEAR_70}\n"),
])
def test_profile_fractions_are_exact_at_the_boundary(tmp_path: Path, name: str, text: str) -> None:
    path = _write(tmp_path, name, text)
    (p,) = tools.load_profiles(path)
    assert p.sme_output_share == Decimal(NEAR_70)
    r = invoke(["check", "--profile", str(path), "-j", "shandong", "--json"])
    crit = {c["metric"]: c for c in json.loads(r.stdout.splitlines()[0])["criteria"]}
    assert crit["sme_output_share"]["status"] == "not_met"


def test_stdin_profile_fractions_are_exact() -> None:
    r = invoke(["check", "--profile", "-", "-j", "shandong", "--json"],
               stdin=JSON_70)
    crit = {c["metric"]: c for c in json.loads(r.stdout)["criteria"]}
    assert crit["sme_output_share"]["status"] == "not_met"


# --- pathological input: no regular-expression blow-up ------------------------------------------
# Before the fix a 21-digit figure took 16 s (every way of splitting the digit run was tried,
# doubling per digit) and 30 digits crashed on Decimal precision; runs of numerals or blanks
# were quadratic to cubic. The timeout is a hang guard, far above the normal time.

@pytest.mark.timeout(60)
@pytest.mark.parametrize("question", [
    "我们在青海，近三年产值" + "1" * 40 + "亿元，能申报吗",
    "1" * 100_000, "一" * 100_000, "3年规划" * 5_000, " " * 100_000 + "青海",
    "小巨人 " * 20_000, "我们产值18亿，" * 10_000,
], ids=["40-digits", "digits", "cn-numerals", "plans", "blanks", "counts", "repeats"])
def test_pathological_questions_finish(question: str) -> None:
    a = assistant.ask(question)
    assert a.answer.strip()


def test_figures_beyond_28_digits_are_exact() -> None:
    figure = "1234567890123456789012345678901"
    a = assistant.ask(f"我们在青海，近三年产值{figure}亿、{figure}亿、{figure}亿元，能申报吗")
    assert f"{figure}亿元" in a.answer or figure in json.dumps(a.to_json(), default=str)
    series = a.to_json()["profile"]["output_by_year"]
    assert {str(v) for v in series.values()} == {figure}
