"""Verbatim sentences cut from a unit's text, and the ones that best answer a question.

Every quote returned here is a substring of `corpus.quote(id)`, so `corpus.verify_quote` holds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache

from corpus import get_corpus

_END = re.compile(r"[^。；;！!？?]*[。；;！!？?]|[^。；;！!？?]+$")
_STOP = set("的了吗呢么是在有和与及或对要会能就都也还请问我们你他它这那哪个些"
            "什么怎样如何多少几吧啊呀")
ASKS_NUMBER = re.compile(r"多久|多长|几|多少|什么时候|何时|期限|时限|截止|哪天|门槛|要求")
_HAS_NUMBER = re.compile(r"\d|[一二三四五六七八九十]+(?:个|年|日|天|家|次|月)")


@lru_cache(maxsize=4096)
def sentences(cid: str) -> tuple[str, ...]:
    """The unit's text split after 。；; ！？ and after a form's placeholder row (“指标 ......”,
    so a long table is not one sentence); whitespace trimmed, each a verbatim substring."""
    text = get_corpus().quote(cid)
    out = []
    for m in _END.finditer(text):
        for part in _ROW_END.split(m.group()):
            s = part.strip()
            if s:
                out.append(s)
    return tuple(out)


_ROW_END = re.compile(r"(?<=\.\.\.\.\.\.)\s")


_PLACES = re.compile(r"(?:四川|贵州|山东|张掖|甘肃|青海)(?:省|市)?"
                     r"|(?:中小企业)?(?:特色)?产业集群|集群")
_ITEM = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
HEADING = 20  # an item sentence this short is a heading (（四）加快集群绿色低碳转型。)


@lru_cache(maxsize=1)
def _idf() -> dict[str, float]:
    """Inverse sentence frequency of character bigrams over the whole corpus."""
    corpus = get_corpus()
    df: dict[str, int] = {}
    n = 0
    for unit in corpus.units():
        for s in sentences(unit.id):
            n += 1
            for t in {s[i:i + 2] for i in range(len(s) - 1)}:
                df[t] = df.get(t, 0) + 1
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}


def terms(text: str) -> set[str]:
    """Character bigrams of a question, without function words and place names."""
    text = _PLACES.sub(" ", text)
    chunks = re.split(r"[^\u4e00-\u9fff0-9A-Za-z%]+", text)
    out: set[str] = set()
    for chunk in chunks:
        chars = [c for c in chunk if c not in _STOP]
        joined = "".join(chars)
        out.update(joined[i:i + 2] for i in range(len(joined) - 1))
    return out


NUMBER_BONUS = 1.3  # a question asking 多久/几/多少 prefers sentences that state a number
TIME_BONUS = 1.6  # 多久/什么时候 prefers a sentence with a period or date (15个工作日内, 3月30日前)
DURATION_BONUS = 1.6  # 几年/能用多久 prefers a sentence stating a duration in years (有效期为三年)
BODY_BONUS = 1.4  # 谁/哪个部门 prefers a sentence naming a body (……工信局负责, 作为申报主体)
ITEM_BONUS = 1.5  # the enumerated item retrieval matched (hit.matched) is the likely answer
INDEX_WEIGHT = 1.0  # weight of the retriever's normalised question words against raw bigrams
WEAK_POWER = 2.0  # a weak expansion (weight < 1) counts weight ** WEAK_POWER in sentence choice
_TIME_Q = re.compile(r"多久|多长时间|什么时候|何时|截止|期限|时限|几天|多少天|几个工作日|之内|以内"
                     r"|几号|哪天|几月")
_TIME = re.compile(r"\d+\s*个?(?:工作日|日|天|个月|月)|\d+月\d+日|月底|日前|年底"
                   r"|[一二三四五六七八九十]+个?(?:工作日|个月)")
_DURATION_Q = re.compile(r"几年|多少年|多长|多久|能用|管几|有效期")
_DURATION = re.compile(r"(?:\d+|[一二三四五两])\s*年(?!度|产值|发展|内|[0-9])")
_BODY_Q = re.compile(r"谁|哪个部门|哪些部门|什么部门|哪个单位|哪级|由哪|哪一级|主体|负责")
_BODY = re.compile(r"厅|局|部门|委员会|管委会|申报主体|人民政府|负责人")
SHORT_UNIT = 160
LENGTH_NORM = 0.0  # (tried 0.3 on dev: worse)
AVG_SENTENCE = 60  # a unit this short is quoted whole
_ABOUT_TEXT = re.compile(r"^本(?:办法|实施细则|细则|标准)")
_ASKS_TEXT = re.compile(r"办法|细则|文件|政策|本身")

Terms = Mapping[str, float]


@lru_cache(maxsize=4096)
def _phrase_idf(phrase: str) -> float:
    """Inverse sentence frequency of a longer index word (管委会, 工作日, 申诉)."""
    if len(phrase) == 2:
        return _idf().get(phrase, 1.0)
    corpus = get_corpus()
    n = df = 0
    for unit in corpus.units():
        for s in sentences(unit.id):
            n += 1
            df += phrase in s
    return math.log((n + 1) / (df + 0.5))


@lru_cache(maxsize=1024)
def _index_terms(question: str) -> tuple[tuple[str, float], ...]:
    try:
        from indexing import get_retriever

        found = get_retriever().query_terms(question)
    except ImportError:  # retrieval not installed: raw question words only
        return ()
    return tuple((w, float(v)) for w, v in found.items()
                 if len(w) >= 2 and v > 0 and not _PLACES.fullmatch(w))


def question_terms(question: str) -> dict[str, float]:
    """Weighted words to look for in sentences: the question's own character bigrams (1.0) and
    the retriever's normalised question words (synonyms, typo fixes, traditional → simplified;
    `indexing.Retriever.query_terms`), each at its retrieval weight."""
    out = dict.fromkeys(terms(question), 1.0)
    for word, weight in _index_terms(question):
        out[word] = max(out.get(word, 0.0), INDEX_WEIGHT * weight ** WEAK_POWER)
    for m in _WHO_DOES.finditer(question):  # 谁签字、谁盖章: what is asked about, not the topic
        out[m.group(1)] = max(out.get(m.group(1), 0.0), FOCUS_WEIGHT)
    for m in _WHAT_THING.finditer(question):  # 承担什么责任 → 责任
        if m.group(1) not in _NOT_FOCUS:
            out[m.group(1)] = max(out.get(m.group(1), 0.0), WHAT_WEIGHT)
    return out


# the act a who-question asks about (谁签字 → 签字, 由谁来审核 → 审核); its weight chosen on dev
# (3.0 left 真实性声明's heading sentence first for 谁签字; 5.0 fixed two items, lost none)
_WHO_DOES = re.compile(r"谁(?:来|去|负责|出面)?([\u4e00-\u9fff]{2})")
FOCUS_WEIGHT = 5.0
# the thing a what-question asks for (要承诺承担什么责任 → 责任, 列举了哪几类法人主体 → 法人)
_WHAT_THING = re.compile(r"(?:什么|哪(?:几)?(?:个|类|种|项|些))([\u4e00-\u9fff]{2})")
_NOT_FOCUS = frozenset({"时候", "条件", "要求", "情况", "地方", "部门", "文件", "意思", "内容",
                        "标准", "支持", "措施", "政策", "规定", "表述", "说法", "作用", "方面",
                        "工作", "影响", "问题", "程序", "流程"})
WHAT_WEIGHT = 5.0  # 3.0 and 5.0 measured on two probe batches: 5.0 a little better, dev the same


def score(sentence: str, query_terms: Terms | set[str], wants_number: bool,
          question: str = "", item: str = "") -> float:
    """IDF-weighted overlap of question words with the sentence, times answer-type cues (a
    period for 多久, a duration for 几年, a body for 谁, the matched item). A sentence about the
    document itself (本办法有效期…) counts half unless the question asks about the document."""
    if question and _ABOUT_TEXT.search(sentence) and not _ASKS_TEXT.search(question):
        return 0.5 * score(sentence, query_terms, wants_number, "", item)
    weights = query_terms if isinstance(query_terms, Mapping) else dict.fromkeys(query_terms, 1.0)
    hit = sum(w * _phrase_idf(t) for t, w in weights.items() if t in sentence)
    hit *= _cue(sentence, question, wants_number)
    if item and item in sentence:
        hit *= ITEM_BONUS
    return hit / (1 - LENGTH_NORM + LENGTH_NORM * len(sentence) / AVG_SENTENCE)


def _cue(sentence: str, question: str, wants_number: bool) -> float:
    """Answer-type multiplier: what kind of answer the question asks for, found in the sentence."""
    factor = 1.0
    if question and _TIME_Q.search(question) and _TIME.search(sentence):
        factor *= TIME_BONUS
    elif question and _DURATION_Q.search(question) and _DURATION.search(sentence):
        factor *= DURATION_BONUS
    elif wants_number and _HAS_NUMBER.search(sentence):
        factor *= NUMBER_BONUS
    if question and _BODY_Q.search(question) and _BODY.search(sentence):
        factor *= BODY_BONUS
    return factor


def item_text(matched: str | None) -> str:
    """The text of the enumerated item retrieval matched (`Hit.matched`), or ""."""
    if not matched:
        return ""
    try:
        return get_corpus().quote(matched).strip()
    except (KeyError, ValueError):  # an id the corpus does not know: no item cue
        return ""


# a question asking for the whole list (情形有哪些, 几个方面, 重点任务, list the …)
_ASKS_LIST = re.compile(r"哪些(?:情形|情况|方面|任务|工作|内容|重点|措施)|情形有哪些|(?:几|哪几)"
                        r"个方面|"
                        r"(?:重点|主要)(?:任务|方面|工作)|有哪几(?:条|项|种)|都有哪些|列(?:一下|出)|"
                        r"(?i:\blist\b|what are the (?:grounds|conditions|tasks)|grounds for|"
                        r"conditions)")


def _names_one_item(sents: tuple[str, ...], items: list[int], top: int,
                    qt: dict[str, float]) -> bool:
    """The list question is about the item the best sentence is in (激发集群创新活力上要强化哪些
    工作): two of its words are in that item's heading and not in the lead-in."""
    own = max((i for i in items if i <= top), default=None)
    if own is None:
        return False
    lead = "".join(sents[:items[0]])
    return sum(1 for t in qt if len(t) >= 2 and t not in ("集群", "中小", "企业")
               and t in sents[own] and t not in lead) >= 2


def best_quotes(cid: str, question: str, limit: int = 2, matched: str | None = None) -> list[str]:
    """The best sentence of unit `cid` for `question`, plus the next best when it is as good
    (adjacent sentences are joined so the quote stays one verbatim span). `matched` is the
    item retrieval matched inside the unit (`Hit.matched`); its sentence is preferred."""
    sents = sentences(cid)
    if not sents:
        return []
    if len(get_corpus().quote(cid)) <= SHORT_UNIT:
        return _spans(cid, sents, list(range(len(sents))))
    qt = question_terms(question)
    wants = bool(ASKS_NUMBER.search(question))
    item = item_text(matched)
    scores = [score(s, qt, wants, question, item) for s in sents]
    scored = sorted(range(len(sents)), key=lambda i: (-scores[i], i))
    top = scored[0]
    chosen = [top]
    top_score = scores[top]
    for i in scored[1:limit]:
        if top_score > 0 and scores[i] >= 0.75 * top_score:
            chosen.append(i)
    if any(_ITEM.match(sents[i]) for i in chosen) and 0 not in chosen:
        chosen.append(0)  # an enumerated item needs its lead-in (……撤销其认定：)
    items = [i for i in range(len(sents)) if _ITEM.match(sents[i])] \
        if _ASKS_LIST.search(question) else []
    if len(items) >= 2 and not _names_one_item(sents, items, top, qt):
        # 撤销认定情形有哪些 / 培育几个方面: every item, each by its own sentence or heading
        return _spans(cid, sents, sorted({*chosen, *items, *range(items[0])}))
    if len(chosen) == 1 and re.search(r"以下|下列|情形之一", sents[top]) and \
            re.search(r"哪些|什么情况|哪几|情形", question):
        chosen.extend(i for i in range(top + 1, len(sents)) if _ITEM.match(sents[i]))
    elif re.search(r"以下|下列|情形之一", sents[top]) and not any(_ITEM.match(sents[i])
                                                             for i in chosen):
        # 有企业出了较大事故，会不会被撤销: the lead-in, and the item the question is about
        best_item = max((i for i in range(top + 1, len(sents)) if _ITEM.match(sents[i])),
                        key=lambda i: (scores[i], -i), default=None)
        if best_item is not None and scores[best_item] > 0:
            chosen.append(best_item)
    for i in list(chosen):  # an item's bare heading ((四)加快集群绿色低碳转型。) says nothing:
        if _ITEM.match(sents[i]) and len(sents[i]) <= HEADING:  # its first sentences do
            body = range(i + 1, min(i + 3, len(sents)))
            chosen.extend(j for j in body if not any(_ITEM.match(sents[k])
                                                     for k in range(i + 1, j + 1)))
    chosen = sorted(set(chosen))
    return _spans(cid, sents, chosen)


def _spans(cid: str, sents: tuple[str, ...], idx: list[int]) -> list[str]:
    full = get_corpus().quote(cid)
    groups: list[list[int]] = []
    for i in idx:
        if groups and groups[-1][-1] == i - 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    out = []
    for g in groups:
        start = full.find(sents[g[0]])
        end = full.find(sents[g[-1]], start) + len(sents[g[-1]])
        out.append(full[start:end])
    return out


def sentence_with(cid: str, phrase: str) -> str:
    """The sentence(s) of `cid` that contain `phrase` (verbatim); the phrase itself if it spans
    a sentence break, or "" when it is not in the unit."""
    full = get_corpus().quote(cid)
    pos = full.find(phrase)
    if pos < 0:
        return ""
    sents = sentences(cid)
    offsets = []
    cursor = 0
    for s in sents:
        at = full.find(s, cursor)
        offsets.append((at, at + len(s)))
        cursor = at + len(s)
    covering = [i for i, (a, b) in enumerate(offsets) if a < pos + len(phrase) and b > pos]
    if not covering:
        return phrase
    return full[offsets[covering[0]][0]:offsets[covering[-1]][1]]


def sentence_count(cid: str) -> int:
    return len(sentences(cid))
