"""Nothing lost: a conversation (with its Decimal profile) and a profile export re-import exactly,
through the Python API and the CLI's chat --save/--load; a bad export is a one-line error."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tools
from assistant import Conversation

from .conftest import one_line_error, run_cli, tally

TURNS = ["我们在青海，近三年产值18.35亿、21.5亿、23.125亿元", "中小企业产值占比55.5%",
         "有3家专精特新小巨人企业"]
FOLLOW = "那山东呢"


def _chat(home: Path, lines: list[str], *args: str) -> list[dict]:
    done = run_cli(["chat", "--json", "--as-of", "2026-11-22", *args], home,
                   stdin="".join(x + "\n" for x in lines))
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(x) for x in done.stdout.splitlines()]


def test_cli_save_and_load_continue_exactly(warm_home: Path, tmp_path: Path) -> None:
    whole = _chat(warm_home, [*TURNS, FOLLOW])
    saved = tmp_path / "conv.json"
    _chat(warm_home, TURNS, "--save", str(saved))
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["profile"]["output_by_year"] == {
        "2023": {"$decimal": "18.35"}, "2024": {"$decimal": "21.5"},
        "2025": {"$decimal": "23.125"}}
    assert data["profile"]["sme_output_share"] == {"$decimal": "55.5"}
    assert [t["question"] for t in data["turns"]] == TURNS
    (resumed,) = _chat(warm_home, [FOLLOW], "--load", str(saved))
    assert resumed == whole[-1]  # same answer, citations, results and profile as unbroken
    # load then save with no new turn: the file is reproduced byte for byte
    again = tmp_path / "again.json"
    _chat(warm_home, [], "--load", str(saved), "--save", str(again))
    assert again.read_bytes() == saved.read_bytes()


@pytest.mark.parametrize("content,message", [
    ("[]", "对话导出应为 JSON 对象"),
    ("{", "无法读取对话文件 (cannot load conversation)"),
    ('{"profile": {}}', "对话导出版本不支持"),
    ("你好".encode("gbk"), "无法读取对话文件"),
])
def test_bad_conversation_file_is_one_line(warm_home: Path, tmp_path: Path,
                                           content: str | bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    done = run_cli(["chat", "--load", str(path)], warm_home, stdin="")
    assert done.returncode == 1
    line = one_line_error(done.stderr)
    assert message in line and "内部错误" not in line


DECIMALS = st.decimals(min_value=0, max_value=10**12, places=6, allow_nan=False,
                       allow_infinity=False)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.dictionaries(st.integers(2000, 2030).map(str), DECIMALS, min_size=1, max_size=4),
       st.decimals(min_value=0, max_value=100, places=4, allow_nan=False, allow_infinity=False),
       st.integers(0, 10**6))
def test_conversation_json_round_trip_is_exact(series: dict, share: Decimal, count: int) -> None:
    tally("Conversation.json round trip")
    conv = Conversation(profile={"output_by_year": series, "sme_output_share": share,
                                 "little_giant": count}, jurisdictions=["qinghai"],
                        turns=[{"question": "q", "intent": "eligibility",
                                "jurisdictions": ["qinghai"]}])
    text = json.dumps(conv.to_json(), ensure_ascii=False)
    back = Conversation.from_json(json.loads(text))
    assert back.to_json() == conv.to_json()
    assert back.profile["sme_output_share"] == share
    assert str(back.profile["sme_output_share"]) == str(share)  # 25.0 stays 25.0
    assert all(str(back.profile["output_by_year"][y]) == str(v) for y, v in series.items())


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.decimals(min_value=0, max_value=100, places=17, allow_nan=False, allow_infinity=False),
       st.decimals(min_value=0, max_value=10**15, places=9, allow_nan=False,
                   allow_infinity=False))
def test_profile_json_export_reimports_exactly(share: Decimal, output: Decimal) -> None:
    tally("Profile.json round trip")
    p = tools.parse_profile({"name": "集群", "sme_output_share": share, "annual_output": output})
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.json"
        path.write_text(p.model_dump_json(exclude_none=True), encoding="utf-8")
        (back,) = tools.load_profiles(path)
    assert back.sme_output_share == share and back.annual_output == output
    assert back.model_dump() == p.model_dump()


def test_web_profile_export_reimports_exactly() -> None:
    from ui.form import from_json_text, profile_json

    exported = json.dumps(profile_json({"sme_output_share": "69.99999999999999999"}))
    back = tools.parse_profile(json.loads(exported, parse_float=Decimal))
    assert back.sme_output_share == Decimal("69.99999999999999999")
    _, values = from_json_text(exported)
    assert "69.99999999999999999" in [str(v) for v in values]
