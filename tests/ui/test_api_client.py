"""gradio_client against the running server: /ask, /check, /compare return the CLI's objects."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.server, pytest.mark.slow]

PROFILE = {"name": "示例集群", "area_km2": 80, "sme_output_share": 55,
           "output_by_year": {"2023": 18, "2024": 21, "2025": 23}}


def cli_json(*args: str) -> list[object]:
    done = subprocess.run([sys.executable, "-m", "policy_assistant", *args, "--json"],
                          capture_output=True, text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture(scope="module")
def client(server_url: str):
    from gradio_client import Client

    return Client(server_url, verbose=False)


def test_endpoints_are_named(client) -> None:
    api = client.view_api(print_info=False, return_format="dict")
    assert {"/ask", "/check", "/compare"} <= set(api["named_endpoints"])


def test_ask_returns_the_cli_answer_object(client) -> None:
    question = "青海的集群认定有效期是几年？"
    got = client.predict(question, api_name="/ask")
    assert got == cli_json("ask", question)[0]
    assert got["citations"][0]["id"] == "qinghai:第十四条"


def test_check_returns_the_cli_results(client, tmp_path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(PROFILE, ensure_ascii=False), encoding="utf-8")
    got = client.predict(json.dumps(PROFILE, ensure_ascii=False), "all", api_name="/check")
    assert got == cli_json("check", "--profile", str(path), "--jurisdiction", "all")
    one = client.predict(json.dumps(PROFILE), "青海", api_name="/check")
    assert [r["jurisdiction"] for r in one] == ["qinghai"]
    assert one[0]["verdict"] == "not_eligible"


def test_compare_returns_the_cli_table(client) -> None:
    got = client.predict("sme_output_share", api_name="/compare")
    assert got == cli_json("compare", "--metric", "sme_output_share")[0]
    assert client.predict("validity", api_name="/compare") == cli_json(
        "compare", "--topic", "validity")[0]


def test_bad_input_is_a_message_not_a_traceback(client) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=r"画像应为 JSON 字符串"):
        client.predict("{oops", "all", api_name="/check")
    with pytest.raises(AppError, match=r"比例不能超过100"):
        client.predict(json.dumps({"sme_output_share": 120}), "all", api_name="/check")
    with pytest.raises(AppError, match=r"未知地区"):
        client.predict(json.dumps(PROFILE), "xizang", api_name="/check")
    with pytest.raises(AppError, match=r"未知指标或主题") as info:
        client.predict("nonsense", api_name="/compare")
    assert "Traceback" not in str(info.value)
