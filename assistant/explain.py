"""Explaining a term (什么是小巨人企业): the texts' own definition when they give one, else the
sentences that use it and a plain statement that the texts do not define it further."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from corpus import get_corpus

from . import quotes
from .answer import Answer, CitationList
from .compose import finish, lookup
from .render import cite_label


def explain(question: str, docs: Sequence[str], as_of: date) -> Answer:
    term = _term(question)
    cites = CitationList()
    lines: list[str] = []
    if term:
        definitions, mentions = _occurrences(term, docs)
        for i in range(1, len(term) - 2):  # 开放合作那条里提到的离岸孵化基地 → 离岸孵化基地
            if definitions or mentions:
                break
            if term[i - 1] in "的里中上到" or i == len(term) - 3:
                definitions, mentions = _occurrences(term[i:], docs)
                if definitions or mentions:
                    term = term[i:]
        for cid, sentence in definitions[:5]:
            lines.append(f"{cite_label(cid)}：{sentence}{cites.add(cid, sentence)}")
        if not definitions:
            lines.append(f"这几份文件提到“{term}”，但没有对它作进一步定义。提到它的条文如下：")
            for cid, sentence in mentions[:3]:
                lines.append(f"{cite_label(cid)}：{sentence}{cites.add(cid, sentence)}")
    if not lines:
        return lookup(question, docs, as_of, intent="explain")
    if len(lines) == 1 and not cites.items:
        lines = [f"这几份文件都没有提到“{term}”。"]
    return finish(question, "explain", lines, cites, list(dict.fromkeys(
        c.id.split(":")[0] for c in cites.items)), as_of)


def _term(question: str) -> str:
    m = re.search(r"(?:什么是|啥是|何谓|怎么理解|如何理解)[“\"]?(.+?)[”\"]?(?:企业)?[？?。]*$",
                  question) or \
        re.search(r"^(.+?)(?:是什么意思|指什么|指啥|什么意思|是指什么|怎么算"
                  r"|的定义(?![里中上])|的含义(?![里中上]))",  # not 对集群的定义里，以什么为支柱
                  question)
    if not m:
        return ""
    term = m.group(1)
    try:  # 川 特色产业集群 到底 → 特色产业集群: place names anywhere go
        from indexing.query import mentions

        for found in sorted(mentions(term), key=lambda x: -x.start):
            term = term[:found.start] + term[found.end:]
    except ImportError:  # pragma: no cover
        pass
    term = re.sub(r"^(?:青海|四川|贵州|山东|张掖)(?:省|市)?的?|[“”\"]|到底|究竟|具体|这个|那个"
                  r"|^[^，,。的]{0,8}?(?:里|中|上)的"
                  r"|[\s，,:：]", "", term).lstrip("的")  # 申报表里的…
    return term.removesuffix("企业") if term.endswith("企业") and len(term) > 4 else term


def _occurrences(term: str, docs: Sequence[str]) -> tuple[list[tuple[str, str]],
                                                           list[tuple[str, str]]]:
    corpus = get_corpus()
    definitions: list[tuple[str, str]] = []
    mentions: list[tuple[str, str]] = []
    seen_docs: set[str] = set()
    for doc in docs or corpus.ids:
        for unit in corpus.doc(doc).units:
            for sentence in quotes.sentences(unit.id):
                if term not in sentence:
                    continue
                if re.search(r"所称|是指|指的是|(?:以下简称)", sentence) and \
                        sentence.find(term) < sentence.find("是指") + 1:
                    definitions.append((unit.id, sentence))
                elif doc not in seen_docs:
                    mentions.append((unit.id, sentence))
                    seen_docs.add(doc)
    return definitions, mentions
