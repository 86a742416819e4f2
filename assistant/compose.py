"""Deterministic answers: short Chinese prose, then the evidence (verbatim quotes with [n]
markers), then warnings about drafts and expired texts. Nothing is said that is not quoted or
computed by a tool."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from corpus import get_corpus, verify_quote

from . import quotes
from .answer import Answer, CitationList
from .render import cite_label, document_warnings, short, status_of, status_sentence, title
from .rulebook import clauses, metrics_in

# A lower-ranked article wins only with a much better single sentence (tuned on dev).
RERANK_MIN_SCORE = 0.6
RERANK_SENTENCE_GAIN = 1.5
RELEVANT_SHARE = 0.75  # which-questions keep documents scoring at least this share of the best
ALSO_MIN_SCORE = 0.75  # a close runner-up with a better sentence is shown as 另见
ALSO_SENTENCE_GAIN = 1.2  # … its best sentence at least this many times the chosen one's
NEAR_TIE = 0.9  # or retrieval scores within 10%: dev lookup 91.6% → 93.1%, precision −0.018
_ASKS_RULE = re.compile(r"要求|门槛|标准|多少|几|条件|比例|不低于|最低|最多|上限|达到|需要|必须"
                        r"|至少|得[占涨达有要]"
                        r"|(?<![一二三四五六七八九十\d半])(?>[一二三四五六七八九十\d半]+)(?:成|%)?以上")
_CLAIM = re.compile(r"对吗|对吧|对不对|是吗|是不是|没错吧|是真的吗|真的吗|吗？?$")
_WHICH = re.compile(r"哪个|哪些|哪几个|哪里|哪一个")
# a development plan's targets (附件八: 2025年目标值须符合…), not the recognition threshold
_PLAN_TARGET = re.compile(r"规划[^，。？?]{0,12}目标|目标值|规划(?:里|中|上)"
                          r"|20[2-3]\d年[^，。？?]{0,16}目标|目标[^，。？?]{0,12}20[2-3]\d年"
                          r"|(?:申报表|表里|表上)[^，。？?]{0,16}目标")


def finish(question: str, intent: str, prose: Sequence[str], cites: CitationList,
           docs: Sequence[str], as_of: date, **extra: Any) -> Answer:
    warnings = document_warnings(docs, as_of) if docs else []
    parts = ["\n".join(prose)]
    if cites.items:
        parts.append("依据：\n" + cites.evidence())
    if warnings:
        parts.append("\n".join(warnings))
    for c in cites.items:  # the guarantee the whole project rests on
        if not verify_quote(c.id, c.quote):
            raise AssertionError(f"quote not verbatim: {c.id}")
    return Answer(question=question, answer="\n\n".join(p for p in parts if p), intent=intent,
                  citations=tuple(cites.items), warnings=tuple(warnings),
                  jurisdictions=tuple(docs), **extra)


def _search(question: str, k: int, jurisdiction: str | Sequence[str] | None) -> list[Any]:
    from indexing import search

    return list(search(question, k=k, jurisdiction=jurisdiction))


def _refs(question: str, default_doc: str | None) -> list[str]:
    try:
        from indexing import resolve_references
    except ImportError:  # pragma: no cover
        return []
    return [r for r in resolve_references(question, default_doc=default_doc)
            if get_corpus().has(r)]


def threshold_lines(question: str, metrics: Sequence[str], docs: Sequence[str],
                    cites: CitationList) -> list[str]:
    lines = []
    for doc in docs:
        for metric in metrics:
            for cl in clauses(metric, doc):
                draft = "（规则尚未审核）" if cl.draft else ""
                if cl.citation is None or not verify_quote(cl.citation, cl.phrase):
                    lines.append(f"{short(doc)}：{cl.phrase}{draft}")  # the tools' own note
                    continue
                sentence = quotes.sentence_with(cl.citation, cl.phrase) or cl.phrase
                mark = cites.add(cl.citation, sentence)
                soft = f"（原文带“{cl.qualifier}”，属弹性表述）" if cl.qualifier else ""
                see = "相关规定：" if cl.related else ""
                lines.append(f"{short(doc)}：{see}{cl.phrase}{soft}{draft}{mark}")
    return lines


def lookup(question: str, docs: Sequence[str], as_of: date, intent: str = "lookup") -> Answer:
    from .absent import (
        absent_articles,
        absent_note,
        absent_provisions,
        asks_only_for,
        topic_clauses,
        without_amount,
    )

    cites = CitationList()
    absent = absent_articles(question, docs)
    if absent and asks_only_for(question):  # 四川第二十五条讲的啥: nothing to quote
        return finish(question, "out_of_scope", [absent_note(absent) + "可以问其中任何一条。"],
                      cites, docs, as_of)
    metrics = metrics_in(question)
    lines: list[str] = []
    from indexing.query import strip_references

    refs = _refs(question, docs[0] if len(docs) == 1 else None)
    moved = _elsewhere(question, refs)
    if moved:  # 青海第十四条说的年度报送截止是几月几号: the topic is in 第十五条
        lines = [f"{cite_label(refs[0])}没有讲到所问的内容，相关规定在{cite_label(moved)}："]
        lines.extend(f"{cite_label(moved)}：{q}{cites.add(moved, q)}"
                     for q in quotes.best_quotes(moved, strip_references(question)))
    elif refs:
        for ref in refs[:3]:
            lines.append(f"{cite_label(ref)}原文见下{cites.add(ref, get_corpus().quote(ref))}。")
        if _CLAIM.search(question):  # 第十八条说每年两次，对不对: where the topic really is
            found = _retrieved(strip_references(question), docs, cites)
            lines.extend(f"相关规定：{line}" for line in found
                         if not any(line.startswith(cite_label(r)) for r in refs))
    elif metrics and docs and _ASKS_RULE.search(question) and not _PLAN_TARGET.search(question):
        lines = threshold_lines(question, metrics, docs, cites)
    lacking = absent_provisions(question, docs)
    if absent and lacking:  # 山东第十六条规定的奖励资金标准: neither the article nor the amount
        return finish(question, "out_of_scope", [absent_note(absent) + f"{short(docs[0])}的文件"
                                                 f"也没有规定{'；'.join(lacking)}。"],
                      cites, docs, as_of)
    if not lines and lacking:  # what the text does say on the topic (青海 奖补 → 第七条)
        for cid, phrase in topic_clauses(question, docs[0]):
            sentence = quotes.sentence_with(cid, phrase) or phrase
            lines.append(f"{cite_label(cid)}：{sentence}{cites.add(cid, sentence)}")
    if not lines:  # for a provision the text lacks, the search looks for the topic itself
        lines = _retrieved(without_amount(question) if lacking else question, docs, cites)
    if not lines and lacking:  # 山东 备案 多久, and nothing else on the topic either
        return finish(question, intent, [f"{short(docs[0])}的文件没有规定{'；'.join(lacking)}。"],
                      cites, docs, as_of)
    if not lines:  # nothing in the texts answers it: a decline, no citation
        return finish(question, "out_of_scope", ["在这几份文件中没有找到能回答这个问题的条文。"
                                         "可以换个说法，或指明地区（四川、贵州、山东、张掖、青海）。"],
                      cites, docs, as_of)
    verdict = _claim_check(question, cites) if _CLAIM.search(question) else ""
    if verdict:
        lines.insert(0, verdict)
    if lacking:  # 张掖…多少个工作日内可以申诉: the text has no such provision; nearest shown
        lines.insert(0, f"{short(docs[0])}的文件没有规定{'；'.join(lacking)}。相关条文如下：")
    if absent:  # 青海第四十条规定的申诉期限: no such article, but the topic is answered
        lines.insert(0, absent_note(absent) + "与所问内容相关的条文如下：")
    return finish(question, intent, lines, cites, list(dict.fromkeys(
        c.id.split(":")[0] for c in cites.items)) or list(docs), as_of)


def _elsewhere(question: str, refs: Sequence[str]) -> str | None:
    """The article the question's topic is in when the one article it names is not about it."""
    if len(refs) != 1:
        return None
    from indexing import get_retriever

    return get_retriever().elsewhere(question, refs[0])


def _retrieved(question: str, docs: Sequence[str], cites: CitationList) -> list[str]:
    lines = []
    targets: list[str | None] = list(docs) if docs else [None]
    for doc in targets:
        hits = _search(question, 3, doc)
        if not hits:
            continue
        hit, also = _rerank(question, hits)
        chosen = quotes.best_quotes(hit.id, question, matched=hit.matched)
        for part in _parts(question):  # 贷款融资有啥支持？能帮着上市吗: each part its sentence
            extra = quotes.best_quotes(hit.id, part, limit=1)
            if extra and not any(extra[0] in q or q in extra[0] for q in chosen):
                chosen.append(extra[0])
        for q in chosen:
            lines.append(f"{cite_label(hit.id)}：{q}{cites.add(hit.id, q)}")
        if also is not None:
            q = quotes.best_quotes(also.id, question, limit=1, matched=also.matched)[0]
            lines.append(f"另见{cite_label(also.id)}：{q}{cites.add(also.id, q)}")
    return lines


_PART_BREAK = re.compile(r"[？?；;]|以及|另外|还有|同时")


def _parts(question: str) -> list[str]:
    """The sub-questions of a question that asks two things (…有啥支持？能帮着上市吗), or []."""
    parts = [p for p in (x.strip(" ，,。") for x in _PART_BREAK.split(question)) if len(p) >= 4]
    return parts if len(parts) >= 2 else []


def _rerank(question: str, hits: Sequence[Any]) -> tuple[Any, Any | None]:
    """Retrieval ranks articles; the best single sentence decides among the top few (集群有效期
    为三年 beats 有效期2年 for 集群有效期几年)."""
    qt = quotes.question_terms(question)
    wants = bool(quotes.ASKS_NUMBER.search(question))
    top = hits[0].score or 1.0

    best = {h.id: max((quotes.score(s, qt, wants, question) for s in quotes.sentences(h.id)),
                      default=0.0) for h in hits}
    first = hits[0]
    challengers = [h for h in hits[1:] if h.score >= RERANK_MIN_SCORE * top
                   and best[h.id] >= RERANK_SENTENCE_GAIN * best[first.id]]
    chosen = max(challengers, key=lambda h: best[h.id]) if challengers else first
    runner = [h for h in hits if h is not chosen and h.score >= ALSO_MIN_SCORE * top
              and best[h.id] >= ALSO_SENTENCE_GAIN * best[chosen.id]
              and _is_form(h.id) <= _is_form(chosen.id)]  # no form page beside a rule
    if not runner:  # a near tie retrieval cannot break: both are shown, the second as 另见
        runner = [h for h in hits if h is not chosen and h.score >= NEAR_TIE * top
                  and _is_form(h.id) <= _is_form(chosen.id)]
    return chosen, (runner[0] if runner else None)


def _is_form(cid: str) -> bool:
    """An attachment (申报表, 认定标准表) rather than an article of the text."""
    return cid.split(":")[1].startswith("附件") if ":" in cid else False


def _claim_check(question: str, cites: CitationList) -> str:
    """A yes/no claim in the question (有效期是五年，对吗): compare its numbers with the quotes,
    without repeating a number the texts do not contain."""
    from .numbers import find_quantities

    quoted = " ".join(c.quote for c in cites.items)
    in_quotes = {q.value for q in find_quantities(quoted)}
    # 一 alone or as 一个 (一定, 一般, 在一个县里) is a word, not a claimed number
    from indexing.query import mentions

    for m in mentions(question):  # 四川: a place, not the number 4
        question = question[:m.start] + " " * (m.end - m.start) + question[m.end:]
    claimed = {q.value for q in find_quantities(question)
               if not (q.raw in ("一", "一个") and q.unit in ("", "个"))}
    if not claimed:
        return ""
    if claimed <= in_quotes:
        return "与原文一致，原文如下："
    return "与原文不一致，请以原文为准："


def comparison(question: str, docs: Sequence[str], as_of: date, *,
               only_relevant: bool = False) -> Answer:
    """Each document's clause on the question. `only_relevant` (which places…? or no place
    named) keeps the documents whose best sentence is close to the best overall."""
    cites = CitationList()
    metrics = metrics_in(question)
    lines: list[str] = []
    tail: list[str] = []
    if metrics:
        lines = threshold_lines(question, metrics[:2], docs, cites)
    tables: list[dict[str, Any]] = []
    if not lines:
        lines = topic_lines(question, docs, cites, tables)
    if not lines:
        lines, tail = _per_document(question, docs, cites,
                                    only_relevant or bool(_WHICH.search(question)))
    for part in _pair(question) if len(docs) == 1 else ():
        # 实地核实和实地抽查分别是哪一级做的: each thing's own article, when not quoted yet
        part_hits = _search(part, 3, docs[0])
        if not part_hits:
            continue
        h = _rerank(part, part_hits)[0]
        if any(c.id.split(":")[:2] == h.id.split(":")[:2] for c in cites.items):
            continue
        lines.extend(f"{cite_label(h.id)}：{q}{cites.add(h.id, q)}"
                     for q in quotes.best_quotes(h.id, part, limit=1, matched=h.matched))
    if not lines:
        lines = ["在这几份文件中没有找到可以比较的条文。"]
    involved = list(dict.fromkeys(c.id.split(":")[0] for c in cites.items)) or list(docs)
    return finish(question, "comparison", ["各地规定如下（原文摘录）：", *lines, *tail], cites,
                  involved, as_of, results=tuple(tables))


def _per_document(question: str, docs: Sequence[str], cites: CitationList,
                  only_relevant: bool) -> tuple[list[str], list[str]]:
    """Each document's best article for the question (and, for which-questions, retrieval's own
    first choice when the sentence rerank displaced it: 相邻县交界处 next to 跨县的申报主体)."""
    qt = quotes.question_terms(question)
    found: dict[str, list[tuple[float, str, list[str]]]] = {}
    for doc in docs:
        hits = _search(question, 3, doc)
        if not hits:
            continue
        hit, also = _rerank(question, hits)
        extra = hits[0] if only_relevant and hits[0] is not hit else also
        for h in dict.fromkeys(h for h in (hit, extra) if h is not None):
            qs = quotes.best_quotes(h.id, question, limit=1, matched=h.matched)
            best = max((quotes.score(q, qt, False) for q in qs), default=0.0)
            found.setdefault(doc, []).append((best, h.id, qs))
    tail: list[str] = []
    if only_relevant and found:
        top = max(s for entries in found.values() for s, _, _ in entries)
        kept = {d: e for d, e in found.items() if max(s for s, _, _ in e) >= RELEVANT_SHARE * top}
        if len(kept) < len(found):  # named, not counted: no number the tools did not give
            names = "、".join(short(d) for d in found if d not in kept)
            tail.append(f"{names}的文件中未检索到直接相关的条文。")
        found = kept
    lines = [f"{cite_label(cid)}：{q}{cites.add(cid, q)}"
             for entries in found.values() for _, cid, qs in entries for q in qs]
    return lines, tail


# two things of one document asked side by side: 变动备案和年度报送，分别是什么时间
_PAIR = re.compile(r"(?P<a>[^，,。？?；;和与跟及]{2,16}?)(?:和|与|跟|及|以及)"
                   r"(?P<b>[^，,。？?；;和与跟及]{2,24}?)[，,\s]*"
                   r"(?P<tail>(?:分别|各自|各|是一回事|是不是一回事|一样吗|有什么(?:区别|不同)|有啥(?:区别|不同)"
                   r"|(?:的)?区别|(?:报送)?(?:对象|时间|时限)).*)")


def _pair(question: str) -> list[str]:
    """The two sub-questions of 'X和Y分别…' (each with the rest of the question), or []."""
    m = _PAIR.search(question)
    if not m:
        return []
    tail = re.sub(r"分别|各自|各", "", m.group("tail"))
    return [f"{m.group('a')}{tail}", f"{m.group('b')}{tail}"]


def topic_lines(question: str, docs: Sequence[str], cites: CitationList,
                tables: list[dict[str, Any]]) -> list[str]:
    """A curated comparison from `tools.compare_topic` when the question names a topic (申诉,
    撤销, 报送 …): each place's provisions with quotes, then the differences the tool states."""
    from .router import vocab

    topic = next((t for t, p in vocab()["topics"].items() if re.search(p, question)), None)
    if topic is None:
        return []
    lines: list[str] = []
    for name in (topic, *vocab().get("related_topics", {}).get(topic, [])):
        lines.extend(_topic_table(name, docs, cites, tables))
    return lines


def _topic_table(topic: str, docs: Sequence[str], cites: CitationList,
                 tables: list[dict[str, Any]]) -> list[str]:
    try:
        from tools import compare_topic
    except ImportError:  # pragma: no cover
        return []
    table = compare_topic(topic)
    tables.append(table)  # returned as the answer's results: the source of its wording
    lines: list[str] = []
    for row in table["rows"]:
        if row["jurisdiction"] not in docs:
            continue
        for e in row["entries"]:
            cid, quote = e["citation"]["id"], e["citation"]["quote"]
            if not verify_quote(cid, quote):
                continue
            mark = cites.add(cid, quotes.sentence_with(cid, quote) or quote)
            value = f"：{e['value']}" if e.get("value") else ""
            lines.append(f"{row['name']} {e['aspect_label']}{value}{mark}")
    if not lines:
        return []
    wanted = {short(d) for d in docs}
    for diff in table.get("differences") or []:
        if len(wanted) == len(get_corpus().ids) or any(w in diff for w in wanted):
            lines.append(f"差异：{diff}")
    return [f"（{table['label']}）", *lines]


# 哪天印发的 / 什么时候发布的: the issue date, beside when the text takes effect
_ASKS_ISSUE = re.compile(r"印发|发布|下发|发文|签发|落款|成文")


def status(question: str, docs: Sequence[str], as_of: date) -> Answer:
    cites = CitationList()
    corpus = get_corpus()
    lines = []
    results = []
    for doc in docs or corpus.ids:
        meta = corpus.doc(doc).meta
        st = status_of(doc, as_of)
        marks = ""
        # the issue date backs the sentence only when it is the start date (自印发之日起施行)
        issue_used = not meta.effective.source or (
            meta.issue.value is not None and meta.issue.value == st.effective_date)
        for cid, quote in ((meta.effective.source, meta.effective.quote),
                           (meta.validity_source, meta.validity_quote),
                           (meta.issue.source if issue_used else None, meta.issue.quote)):
            if cid and quote and verify_quote(cid, quote):
                mark = cites.add(cid, quotes.sentence_with(cid, quote) or quote)
                marks += "" if mark in marks else mark
        lines.append(f"{short(doc)}：《{meta.title}》{status_sentence(st)}。{marks}")
        if _ASKS_ISSUE.search(question) and not issue_used:  # 哪天印发的: the notice's date
            if meta.issue.source and meta.issue.quote and verify_quote(meta.issue.source,
                                                                       meta.issue.quote):
                mark = cites.add(meta.issue.source, meta.issue.quote)
                lines.append(f"{short(doc)}：印发落款为“{meta.issue.quote}”。{mark}")
            else:
                lines.append(f"{short(doc)}：文中未写明印发日期。")
        results.append({"jurisdiction": doc, **st.to_json()})
    return finish(question, "status", lines, cites, [], as_of, results=tuple(results))


def overview(question: str, as_of: date, intent: str = "overview") -> Answer:
    corpus = get_corpus()
    docs = "\n".join(f"- {short(d)}：《{title(d)}》（{status_of(d, as_of).label}）"
                     for d in corpus.ids)
    prose = ["我可以依据以下文件回答中小企业特色产业集群的问题，每个回答都附原文引用：", docs,
             "可以问：条文内容（如“青海的集群有效期几年”）、认定标准和门槛、能否申报（告诉我产值、"
             "占比、优质企业数量等，我逐项对照）、各地比较、文件是否有效。"]
    if intent == "greeting":
        if re.search(r"谢", question):
            prose = ["不客气！还有问题可以继续问我。"]
        elif re.search(r"再见|拜拜", question):
            prose = ["再见！"]
        else:
            prose.insert(0, "您好！")
    return finish(question, intent, prose, CitationList(), [], as_of)


def out_of_scope(question: str, as_of: date, reason: str = "") -> Answer:
    covered = "、".join(short(d) for d in get_corpus().ids)
    prose = [f"抱歉，这个问题超出了我能依据的文件范围。我只能依据{covered}"
             "五份关于中小企业特色产业集群"
             "培育认定的文件原文作答，不回答其他地区、其他政策或文件未规定的事项，也不会编造内容。",
             "您可以问这些文件中的条文、认定标准、能否申报、各地比较或文件是否有效。"]
    return finish(question, "out_of_scope", prose, CitationList(), [], as_of, notes=(reason,)
                  if reason else ())
