"""The web app under concurrent use: `policy-assistant serve` on loopback, 20 sessions × 20
requests (chat turns through the page's own event, checks through gradio_client), all at once.
Zero failures, no session sees another's conversation, bounded duration; p95 is reported."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import FIGURES, ROOT

SESSIONS, REQUESTS = 20, 20
MAX_WALL_S = 150.0


def _load_web():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("load_web", ROOT / "benchmarks" / "load_web.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["load_web"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    load_web = _load_web()
    home = tmp_path_factory.mktemp("serve")
    with load_web.serve(home) as url:
        load_web.ChatSession(url, *load_web.chat_event(url)).send("你好")  # index built once
        HOMES[url] = home
        yield url


HOMES: dict[str, Path] = {}


def _chat(url: str) -> Any:
    load_web = _load_web()
    return load_web.ChatSession(url, *load_web.chat_event(url))


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.timeout(400)
def test_concurrent_sessions_chat_and_check(server: str) -> None:
    load_web = _load_web()
    report = load_web.run_load(server, SESSIONS, REQUESTS)
    # the server is still up and answering after the load
    assert "三年" in _chat(server).send("青海的集群有效期几年？")
    FIGURES[f"load {SESSIONS}x{REQUESTS} requests (completed)"] = report["completed"]
    FIGURES["load p50 / p95 / max latency (s)"] = (
        f"{report['p50_s']} / {report['p95_s']} / {report['max_s']}")
    FIGURES["load wall time (s)"] = report["wall_s"]
    assert report["failures"] == []
    log = (HOMES[server] / "server.log").read_text(encoding="utf-8", errors="replace")
    # the server's log holds no visitor's figures or names (logging at its default level)
    assert not [m for m in map(load_web.marker, range(SESSIONS)) if m in log]
    assert "visitor-" not in log
    assert report["isolation_violations"] == []
    assert report["completed"] == SESSIONS * REQUESTS
    assert report["wall_s"] < MAX_WALL_S


def test_markers_are_distinct_and_printed_as_answers_print_them() -> None:
    load_web = _load_web()
    from decimal import Decimal

    from assistant.numbers import fmt

    marks = [load_web.marker(i) for i in range(SESSIONS)]
    assert len(set(marks)) == SESSIONS
    assert all(fmt(Decimal(m)) == m for m in marks)
    assert not any(a != b and a + "亿元" in b + "亿元" for a in marks for b in marks)


HOSTILE = ["青海的集群有效期几年？" * 9091, "青海\x00\x01\x1b[31m有效期", "😀🚀 青海有效期？",
           "<script>alert(1)</script>", "'; DROP TABLE x; --", "中小企业产值占比150%"]


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.timeout(300)
def test_web_endpoints_hostile_input(server: str) -> None:
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(server, verbose=False)
    for text in HOSTILE:
        got = client.predict(text, api_name="/ask")
        assert got["answer"].strip() and "<script>" not in got["answer"]
    bad_calls = [
        (("", ), "/ask", "问题为空 (empty question)"),
        (("   ", ), "/ask", "问题为空 (empty question)"),
        (("{oops", "all"), "/check", "画像应为 JSON 字符串"),
        ((json.dumps({"sme_output_share": 150}), "all"), "/check", "比例不能超过100"),
        ((json.dumps({"annual_output": -5}), "all"), "/check", "不能为负数"),
        ((json.dumps([1, 2]), "all"), "/check", "画像应为对象"),
        ((json.dumps({"annual_output": 25}), "xizang"), "/check", "(unknown jurisdiction)"),
        (("nonsense\x00", ), "/compare", "未知指标或主题"),
    ]
    for args, api, message in bad_calls:
        with pytest.raises(AppError, match=message.replace("(", r"\(").replace(")", r"\)")):
            client.predict(*args, api_name=api)
    chat = _chat(server)
    with pytest.raises(AssertionError, match="请输入问题"):
        chat.send("   ")
    for text in HOSTILE:
        assert chat.send(text).strip()
    assert "三年" in chat.send("青海的集群有效期几年？")  # the same session still works
    client.close()


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.timeout(120)
def test_web_check_and_ask_with_10_pow_20(server: str) -> None:
    from gradio_client import Client

    client = Client(server, verbose=False)
    try:
        got = client.predict(json.dumps({"annual_output": "1" + "0" * 20}), "qinghai",
                             api_name="/check")
        crit = {c["metric"]: c for c in got[0]["criteria"]}
        assert crit["annual_output"]["status"] == "met"
        a = client.predict("我们在青海，近三年产值" + "、".join(["100000000000000000000亿元"] * 3)
                           + "，能申报吗", api_name="/ask")
        assert a["intent"] == "eligibility"
    finally:
        client.close()


def _queue_call(url: str, api_name: str, data: list[Any]) -> dict[str, Any]:
    """One event through the page's own queue protocol; returns the completed message."""
    import urllib.request
    import uuid

    import httpx

    with urllib.request.urlopen(url.rstrip("/") + "/config", timeout=30) as resp:
        config = json.load(resp)
    dep = next(d for d in config["dependencies"] if d.get("api_name") == api_name)
    session = uuid.uuid4().hex[:11]
    with httpx.Client(timeout=60) as http:
        r = http.post(f"{url.rstrip('/')}/gradio_api/queue/join", json={
            "data": data, "fn_index": dep["id"], "session_hash": session,
            "event_data": None, "trigger_id": dep["targets"][0][0]})
        r.raise_for_status()
        with http.stream("GET", f"{url.rstrip('/')}/gradio_api/queue/data",
                         params={"session_hash": session}) as stream:
            for line in stream.iter_lines():
                if line.startswith("data:"):
                    msg = json.loads(line[5:])
                    if msg.get("msg") == "process_completed":
                        return dict(msg)
    raise AssertionError("no result")


@pytest.mark.server
@pytest.mark.slow
@pytest.mark.timeout(120)
def test_check_form_keeps_the_inputs_after_a_validation_error(server: str) -> None:
    import urllib.request

    with urllib.request.urlopen(server.rstrip("/") + "/config", timeout=30) as resp:
        config = json.load(resp)
    comps = {c["id"]: c for c in config["components"]}
    dep = next(d for d in config["dependencies"] if d.get("api_name") == "on_check")
    data = [comps[i]["props"].get("value") for i in dep["inputs"]]
    ids = [comps[i]["props"].get("elem_id") for i in dep["inputs"]]
    data[ids.index("f-sme_output_share")] = "150"
    data[ids.index("f-area_km2")] = "88.5"
    msg = _queue_call(server, "on_check", data)
    assert msg["success"], msg
    out = msg["output"]["data"]
    assert "比例不能超过100" in out[0] or "100" in out[0]
    slots = dict(zip([comps[i]["props"].get("elem_id") for i in dep["outputs"]], out,
                     strict=True))
    for elem, update in slots.items():
        if elem and elem.startswith("f-"):
            # an update that carries no "value" leaves what the user typed on the page
            assert isinstance(update, dict) and update.get("__type__") == "update", update
            assert "value" not in update, (elem, update)
    flagged = [e for e, u in slots.items() if e and e.startswith("f-")
               and str(u.get("info") or "").startswith("⚠")]
    assert flagged == ["f-sme_output_share"]  # the message sits under the wrong field only
