"""Load on the web app: concurrent sessions mixing chat turns and eligibility checks.

Each session is one browser-like visitor: chat turns go through the chat tab's own event (the
queue protocol the page uses, with the session's server-side conversation state); checks go
through the public `/check` endpoint with gradio_client (one Client, hence one session, per
visitor). Every session states its own output figure (5.01亿, 5.02亿 …) and every later chat
answer must show that figure and no other session's: conversation state never leaks.

    python benchmarks/load_web.py --serve                  # start `policy-assistant serve` itself
    python benchmarks/load_web.py --url http://127.0.0.1:7860/ --sessions 20 --requests 20

Prints one JSON object: requests, failures, isolation violations, latency p50/p95/max (s).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

FOLLOW_UPS = ["那山东呢", "那四川呢", "那张掖呢", "那贵州呢", "那青海呢"]


def marker(i: int) -> str:
    """The output figure (亿元) session i states: unique, below every threshold, and written
    the way answers print it (no trailing zero)."""
    return f"5.{i:02d}1"


class LoadError(AssertionError):
    """A request failed or a session saw another session's state."""


class ChatSession:
    """The chat tab as the page drives it: queue/join with this session's hash, then the
    server-sent events until the result. The conversation lives on the server (gr.State)."""

    def __init__(self, url: str, fn_index: int, trigger: int, timeout: float = 120.0) -> None:
        self.api = url.rstrip("/") + "/gradio_api"
        self.fn_index, self.trigger = fn_index, trigger
        self.session = uuid.uuid4().hex[:11]
        self.http = httpx.Client(timeout=timeout)
        self.history: list[Any] = []

    def send(self, text: str) -> str:
        body = {"data": [text, self.history, None], "fn_index": self.fn_index,
                "session_hash": self.session, "event_data": None, "trigger_id": self.trigger}
        r = self.http.post(f"{self.api}/queue/join", json=body)
        r.raise_for_status()
        with self.http.stream("GET", f"{self.api}/queue/data",
                              params={"session_hash": self.session}) as stream:
            for line in stream.iter_lines():
                if not line.startswith("data:"):
                    continue
                msg = json.loads(line[5:])
                if msg.get("msg") != "process_completed":
                    continue
                if not msg.get("success"):
                    raise LoadError(f"chat failed: {msg.get('output')}")
                _, self.history, _ = msg["output"]["data"]
                return _text(self.history[-1])
        raise LoadError("chat stream ended without a result")

    def close(self) -> None:
        self.http.close()


def _text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return str(content)


def chat_event(url: str) -> tuple[int, int]:
    """(fn_index, trigger id) of the chat tab's send button, read from the app's config."""
    with urllib.request.urlopen(url.rstrip("/") + "/config", timeout=30) as resp:
        config = json.load(resp)
    for i, dep in enumerate(config["dependencies"]):
        if dep.get("api_name") == "on_send":
            return int(dep.get("id", i)), int(dep["targets"][0][0])
    raise LoadError("the app has no chat send event")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def timed(self, kind: str, fn: Any) -> Any:
        start = time.perf_counter()
        try:
            out = fn()
        except Exception as exc:
            with self.lock:
                self.failures.append(f"{kind}: {type(exc).__name__}: {str(exc)[:200]}")
            return None
        with self.lock:
            self.latencies.append(time.perf_counter() - start)
        return out


def visitor(i: int, url: str, requests: int, sessions: int, event: tuple[int, int],
            tally: Tally) -> None:
    from gradio_client import Client

    mine = marker(i)
    others = [marker(j) + "亿元" for j in range(sessions) if j != i]
    chat = ChatSession(url, *event)
    client = tally.timed("connect", lambda: Client(url, verbose=False))
    try:
        for n in range(requests):
            if n % 2 == 0:  # chat: first the facts, then follow-ups that must use them
                text = (f"我们在青海，近三年产值{mine}亿、6亿、7亿元" if n == 0
                        else FOLLOW_UPS[(n // 2) % len(FOLLOW_UPS)])
                answer = tally.timed("chat", lambda t=text: chat.send(t))
                if answer is None:
                    continue
                if f"{mine}亿元" not in answer:
                    tally.leaks.append(f"session {i} turn {n}: own figure {mine} missing")
                leaked = [o for o in others if o in answer]
                if leaked:
                    tally.leaks.append(f"session {i} turn {n}: saw {leaked}")
            elif client is not None:
                profile = json.dumps({"name": f"visitor-{i}", "annual_output": mine})
                got = tally.timed("check", lambda p=profile: client.predict(
                    p, "qinghai", api_name="/check"))
                if got is None:
                    continue
                crit = {c["metric"]: c for c in got[0]["criteria"]}
                if got[0]["profile"] != f"visitor-{i}" or \
                        str(crit["annual_output"]["value"]) != mine:
                    tally.leaks.append(f"session {i} check {n}: got {got[0]['profile']}")
    finally:
        chat.close()
        if client is not None:
            client.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1)]


def run_load(url: str, sessions: int = 20, requests: int = 20) -> dict[str, Any]:
    event = chat_event(url)
    tally = Tally()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        futures = [pool.submit(visitor, i, url, requests, sessions, event, tally)
                   for i in range(sessions)]
        for f in futures:
            f.result()
    wall = time.perf_counter() - start
    lat = tally.latencies
    return {"sessions": sessions, "requests_per_session": requests,
            "requests": sessions * requests, "completed": len(lat) - sessions,
            "failures": tally.failures, "isolation_violations": tally.leaks,
            "wall_s": round(wall, 2),
            "p50_s": round(percentile(lat, 50), 3), "p95_s": round(percentile(lat, 95), 3),
            "max_s": round(max(lat), 3) if lat else math.nan}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(home: Path, start_timeout: float = 180.0) -> Iterator[str]:
    """`policy-assistant serve` on a free loopback port with its own data home."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "POLICY_ASSISTANT_HOME": str(home), "GRADIO_ANALYTICS_ENABLED": "False"}
    log = open(home / "server.log", "wb")  # noqa: SIM115 - closed in finally
    proc = subprocess.Popen([sys.executable, "-c", "from policy_assistant.cli import main; main()",
                             "serve", "--port", str(port)], env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if proc.poll() is not None:
                raise LoadError(f"server exited with {proc.returncode}: "
                                f"{(home / 'server.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(url, timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise LoadError(f"server did not start within {start_timeout}s")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="a running app (default: start one with --serve)")
    ap.add_argument("--serve", action="store_true", help="start policy-assistant serve")
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--requests", type=int, default=20)
    args = ap.parse_args()
    if args.url:
        report = run_load(args.url, args.sessions, args.requests)
    else:
        with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp)) as url:
            report = run_load(url, args.sessions, args.requests)
    print(json.dumps(report, ensure_ascii=False))
    sys.exit(1 if report["failures"] or report["isolation_violations"] else 0)


if __name__ == "__main__":
    main()
