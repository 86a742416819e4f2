"""What a question asks for that the texts do not have: an article number beyond a document's
last (四川第二十五条), or a provision a document lacks (张掖的申诉期限). Said plainly, never
answered from a neighbouring clause as if it were the one asked for."""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus import cn_to_int, get_corpus, int_to_cn

from .render import short

_ARTICLE = re.compile(r"第([一二两三四五六七八九十百零〇\d]+)条|"
                      r"附件([一二两三四五六七八九十零〇\d]+)")
# asking what a named article says (…第二十三条关于资金扶持是怎么写的): with no claim of its own,
# an article the document lacks leaves nothing to quote
_ASKS_CONTENT = re.compile(r"怎么写的?|怎么规定的?|讲的?(?:是)?(?:啥|什么)|写了(?:啥|什么)|内容是|"
                           r"规定了(?:啥|什么)"
                           r"|列的是|要填(?:啥|什么)|具体是怎样|具体怎么|是怎样的|说了(?:啥|什么)"
                           r"|原文(?:发|给|贴|拿)(?:我|一下|出来)|是关于什么的|关于啥的|讲的是哪方面"
                           r"|原文是(?:什么|啥)")
# what is left of 四川那个征求意见稿第二十五条讲的啥内容 once the reference and the filler go
_FILLER = re.compile(r"那个|这个|那份|这份|征求意见稿|暂行办法|实施细则|办法|细则|文件|规定"
                     r"|条文|原文|内容|讲的|讲了|讲|说的|说了|说|写的|写了|写|是什么|什么|啥|哪些|一下"
                     r"|请问|帮我|看看|查查|的|了|吗|呢|吧|是|有|[\s，,。？?！!：:、]")


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    try:
        return cn_to_int(text.replace("两", "二").replace("〇", "零"))
    except ValueError:
        return None


def absent_articles(question: str, docs: Sequence[str]) -> list[tuple[str, str]]:
    """(doc, 第N条) for each article the question names that its one named document lacks."""
    if len(docs) != 1:
        return []
    doc = docs[0]
    corpus = get_corpus()
    out = []
    for m in _ARTICLE.finditer(question):
        n = _number(m.group(1) or m.group(2))
        if n is None or n < 1:
            continue
        article = f"第{int_to_cn(n)}条" if m.group(1) else f"附件{int_to_cn(n)}"
        if not corpus.has(f"{doc}:{article}") and (doc, article) not in out:
            out.append((doc, article))
    return out


def absent_note(absent: Sequence[tuple[str, str]]) -> str:
    corpus = get_corpus()
    parts = []
    for doc, article in absent:
        count = len(corpus.doc(doc).articles)
        if article.startswith("附件"):
            parts.append(f"{short(doc)}的文件没有{article}")
        else:
            parts.append(f"{short(doc)}的文件没有{article}（正文共{int_to_cn(count)}条）")
    return "；".join(parts) + "。"


def asks_only_for(question: str) -> bool:
    """True when the question is nothing but the reference (…第二十五条讲的啥): no topic of
    its own that another article could answer."""
    from indexing.query import mentions

    chars = list(question)
    for m in mentions(question):
        chars[m.start:m.end] = [" "] * (m.end - m.start)
    rest = _ARTICLE.sub("", "".join(chars))
    return len(_FILLER.sub("", rest)) < 2 or bool(_ASKS_CONTENT.search(question))


def absent_provisions(question: str, docs: Sequence[str]) -> list[str]:
    """Labels of the provisions the question asks about that its one named document lacks,
    from the curated comparison topics (`tools.compare_topic`): 张掖 has no 申诉 at all; 四川
    has 公示 but no 公示期限 (vocab.yaml `aspect_questions` says which aspect is asked)."""
    if len(docs) != 1:
        return []
    from tools import compare_topic

    from .router import vocab

    doc = docs[0]
    asked_by = vocab().get("aspect_questions") or {}
    for topic, pattern in vocab()["topics"].items():
        if not re.search(pattern, question):
            continue
        aspects = compare_topic(topic)["aspects"]
        lacking = [a for a in aspects if doc in a["absent_in"]]
        if lacking and len(lacking) == len(aspects):
            return ["、".join(a["label"] for a in lacking)]
        patterns = asked_by.get(topic) or {}
        return [a["label"] for a in lacking
                if a["aspect"] in patterns and re.search(patterns[a["aspect"]], question)]
    return []


def topic_clauses(question: str, doc: str) -> list[tuple[str, str]]:
    """(citation id, verbatim phrase) of what `doc` does say on the comparison topic the question
    asks about, when what it asks for is in none of the texts (青海 每个集群多少奖补资金 →
    第七条 …政策支持); otherwise [] and the search finds the nearest clause."""
    from tools import compare_topic

    from .router import vocab

    asked_by = vocab().get("aspect_questions") or {}
    for topic, pattern in vocab()["topics"].items():
        if not re.search(pattern, question):
            continue
        table = compare_topic(topic)
        patterns = asked_by.get(topic) or {}
        if not any(not a["present_in"] and a["aspect"] in patterns
                   and re.search(patterns[a["aspect"]], question) for a in table["aspects"]):
            return []
        return [(e["citation"]["id"], e["citation"]["quote"])
                for r in table["rows"] if r["jurisdiction"] == doc for e in r["entries"]]
    return []


_AMOUNT_WORDS = re.compile(r"\d*\s*多少个?工作日内?|多少天|几天|几个月|多久|多长时间|期限|时限"
                           r"|\d+\s*个?(?:工作日|月|天)内?")


def without_amount(question: str) -> str:
    """The question without the amount it asks for (多少个工作日内可以申诉 → 可以申诉): when the
    text has no such amount, the nearest clause is the one on the topic, not any deadline."""
    return _AMOUNT_WORDS.sub("", question)
