"""A fake system with scripted search hits and answers, so the runner's scores are known exactly."""

from __future__ import annotations

from datetime import date
from typing import Any

HITS: dict[str, list[str]] = {
    "青海集群有效期多久？": ["qinghai:第十四条", "qinghai:第十九条"],
    "四川产值门槛？": ["sichuan:第十条", "sichuan:第十一条:（一）", "sichuan:第十一条"],
    "青海细则还有效吗？": [],
    "青海集群有效其几年": ["qinghai:第一条", "qinghai:第二条", "qinghai:第三条",
                          "qinghai:第十四条"],
    "张掖公示几天？": ["zhangye:第十五条"],
}


def _cite(cid: str, quote: str) -> dict[str, str]:
    return {"id": cid, "quote": quote}


ANSWERS: dict[str, dict[str, Any]] = {
    "青海集群有效期多久？": {
        "intent": "lookup", "answer": "有效期为三年[1]",
        "citations": [_cite("qinghai:第十四条", "集群有效期为三年")]},
    "四川产值门槛？": {
        "intent": "lookup", "answer": "四川要求近三年产值均在20亿元以上，另见第五条[1][2]",
        "citations": [_cite("sichuan:第十一条:（一）", "集群近三年产值均在20亿元以上"),
                      _cite("sichuan:第五条", "编造的文字")]},
    "青海细则还有效吗？": {
        "intent": "status", "answer": "截至2026-11-22，青海细则已过有效期（2025年6月26日届满）[1]",
        "citations": [_cite("qinghai:第十九条", "有效期2年"),
                      _cite("qinghai:通知", "青海省工业和信息化厅 2023年6月26日")]},
    "浙江的集群标准？": {"intent": "out_of_scope", "answer": "只涵盖五地的文件。",
                       "citations": []},
    "青海集群有效其几年": {"intent": "out_of_scope", "answer": "无法回答", "citations": []},
    "张掖公示几天？": {"intent": "lookup", "answer": "公示5个工作日[1]",
                   "citations": [_cite("zhangye:第十五条", "公示5个工作日")]},
}

TURNS: dict[str, dict[str, Any]] = {
    "青海": {"intent": "clarify", "answer": "请提供近三年产值。", "citations": []},
    "近三年产值18亿、21亿、23亿元，中小企业占比60%": {
        "intent": "eligibility", "answer": "不符合：近三年产值需均在20亿元以上[1]",
        "citations": [_cite("qinghai:附件一", "近三年产值均在20亿元以上")],
        "results": [{"jurisdiction": "qinghai", "verdict": "not_eligible", "criteria": [
            {"metric": "annual_output", "status": "not_met"},
            {"metric": "sme_output_share", "status": "unknown"}]}]},
}


class Hit:
    def __init__(self, cid: str):
        self.id = cid


class FakeConversation:
    def __init__(self, as_of: date | None):
        self.as_of = as_of

    def send(self, text: str) -> dict[str, Any]:
        return TURNS[text]


class FakeSystem:
    name = "fake"

    def __init__(self) -> None:
        self.asked: list[tuple[str, date | None]] = []

    def search(self, query: str, k: int = 5) -> list[Hit]:
        return [Hit(h) for h in HITS[query][:k]]

    def ask(self, question: str, as_of: date | None = None) -> dict[str, Any]:
        self.asked.append((question, as_of))
        return ANSWERS[question]

    def conversation(self, as_of: date | None = None) -> FakeConversation:
        return FakeConversation(as_of)


class SearchOnly:
    name = "search-only"

    def search(self, query: str, k: int = 5) -> list[Hit]:
        return [Hit(h) for h in HITS[query][:k]]


class Crashing(FakeSystem):
    def ask(self, question: str, as_of: date | None = None) -> dict[str, Any]:
        if question == "青海集群有效期多久？":
            raise RuntimeError("boom")
        return super().ask(question, as_of)
