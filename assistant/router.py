"""Intent routing: what kind of question this is, and which jurisdictions it is about.

Rules, not a model: deterministic, explainable, fast. Vocabulary lives in `vocab.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

INTENTS = ("lookup", "eligibility", "comparison", "status", "explain", "overview", "greeting",
           "out_of_scope", "reset", "clarify")


@lru_cache(maxsize=1)
def vocab() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((Path(__file__).with_name("vocab.yaml")).read_text(
        encoding="utf-8"))
    return data


@lru_cache(maxsize=64)
def _re(name: str) -> re.Pattern[str]:
    words = vocab()[name]
    pattern = "|".join(words if isinstance(words, list) else [words])
    if "{within}" in pattern:  # the places within a covered one (成都, 黔东南 …)
        pattern = pattern.replace("{within}", _within())
    return re.compile(pattern)


def _within() -> str:
    try:
        from indexing.query import places_within
    except ImportError:  # pragma: no cover
        return "(?!)"
    names = [n for n, doc in places_within().items() if doc != "zhangye"]
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True)) or "(?!)"


def has(name: str, text: str) -> bool:
    return bool(_re(name).search(text))


@dataclass(frozen=True)
class Route:
    intent: str
    jurisdictions: tuple[str, ...]
    all_jurisdictions: bool = False
    reason: str = ""


@lru_cache(maxsize=1)
def _aliases() -> tuple[tuple[str, str], ...]:
    """(alias, doc id), longest alias first, from the corpus metadata."""
    from corpus import get_corpus

    corpus = get_corpus()
    pairs = []
    for doc_id in corpus.ids:
        meta = corpus.doc(doc_id).meta
        for alias in {*meta.aliases, meta.short_name, doc_id}:
            pairs.append((alias, doc_id))
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def detect_jurisdictions(text: str) -> tuple[list[str], bool]:
    """Doc ids named in `text` in order of mention, and whether all were meant (五地, 各地)."""
    from corpus import get_corpus

    ids = get_corpus().ids
    if has("all_jurisdictions", text) and _every_place(text):
        return list(ids), True
    found: list[tuple[int, str]] = []
    for alias, doc_id in _aliases():
        pos = text.find(alias)
        if pos >= 0 and doc_id not in (d for _, d in found):
            found.append((pos, doc_id))
    try:  # abbreviations (鲁, 黔, 川 …) as the retrieval package reads them: 川和青海
        from indexing.query import mentions

        for m in mentions(text):
            if m.doc not in (d for _, d in found):
                found.append((m.start, m.doc))
    except ImportError:  # pragma: no cover
        pass
    if not found and has("which_place", text):
        return list(ids), True
    named = [d for _, d in sorted(found)]
    aside = {d for pos, d in found if _SET_ASIDE.match(text, pos + 1)} if len(named) > 1 else set()
    named = [d for d in named if d not in aside] or named
    return named, len(named) == len(ids) and len(ids) > 1


def _every_place(text: str) -> bool:
    """五地/各地 means every document unless it only follows a place (青海各地, 山东各地市)."""
    try:
        from indexing.query import not_after_place
    except ImportError:  # pragma: no cover
        return True
    return not_after_place(text, (m.start() for m in _re("all_jurisdictions").finditer(text)))


# a place named only to be set aside: 张掖那边就不看了 / 青海的先不管
_SET_ASIDE = re.compile(r"[^，,。？?]{0,5}?(?:那边|这边|的)?(?:就|先|也)?"
                        r"(?:不看|不要|不考虑|不算|不管|不用|不比)")


def _names_a_document(text: str, jur: list[str]) -> bool:
    """A covered document named by its own names, not only by a city within it (西宁市的人才公寓
    is about 西宁, not about the Qinghai rules)."""
    if not jur:
        return False
    try:
        from indexing.query import places_within
    except ImportError:  # pragma: no cover
        return True
    bare = text
    for name in sorted(places_within(), key=len, reverse=True):
        bare = bare.replace(name, " ")
    return bool(detect_jurisdictions(bare)[0])


def _names_draft_only(text: str) -> bool:
    """征求意见稿 used as the document's name in a question on its rules (四川征求意见稿是不是要求
    产值都得过30亿), not a question on its status."""
    hits = {m.group() for m in _re("status").finditer(text)}
    return hits == {"征求意见稿"} and bool(re.search(r"要求|规定|条件|标准|门槛|多少|(?<!哪)"
                                                     r"几", text))


def _named_place(text: str) -> bool:
    """A covered place named by name (not only 五省/哪个省)."""
    try:
        from indexing.query import mentions
    except ImportError:  # pragma: no cover
        return True
    return bool(mentions(text))


_ASIDES = re.compile(r"(?:我|你)?(?:不要|不用|别|不需要|无需|不必)(?:你|给我)*"
                     r"(?:推荐|编|猜|预测|乱说|瞎说|瞎编)[^，,。？?；;！!]*"
                     r"|(?:^|(?<=[，,。？?；;！!]))[^，,。？?；;！!]*(?:也行|也可以|也成)"
                     r"(?=$|[，,。？?；;！!])")  # (from a clause's start: linear on long runs)
# 要是你不知道，就说说文件本身…: the user takes what the texts say instead
_FALLBACK = re.compile(r"(?:要是|如果|若|假如)你?(?:不知道|不清楚|查不到|没有)(?:的话)?[，,]?\s*"
                       r"(?:那)?(?:就)?")
# 像张掖那样的 / 跟青海一样的: a covered place named only as the model for another one
_AS_MODEL = re.compile(r"(?:像|跟|和|同|参照)[^，,。？?]{1,6}?(?:那样|一样|那种|似的|类似)")


def _asked_last(text: str) -> bool:
    """The last clause asks about another place alone (山东的门槛是40亿我知道，江苏的是多少？)."""
    last = next((c for c in reversed(re.split(r"[，,。；;？?！!]", text)) if c.strip()), "")
    return bool(other_place(last)) and not detect_jurisdictions(last)[0] and \
        bool(re.search(r"多少|几|什么|啥|吗|哪|怎么|如何|是否|有没有", last)) and \
        not _SET_ASIDE.search(last) and "不关心" not in last


def other_place(text: str) -> str | None:
    m = _re("other_places").search(text)
    return m.group() if m else None


def route(text: str, *, has_profile: bool = False, last_intent: str | None = None,
          states_facts: bool = False, pending: bool = False, awaiting_place: bool = False,
          checking: bool = False) -> Route:
    """Classify one turn. `states_facts`: the utterance carries profile facts; `awaiting_place`:
    our figures were given and we asked which place's rules to apply; `checking`: a check of
    our figures is under way (rule questions may have come in between)."""
    s = text.strip()
    jur, every = detect_jurisdictions(s)
    r = lambda intent, why: Route(intent, tuple(jur), every, why)  # noqa: E731
    if not s:
        return r("out_of_scope", "nothing asked")  # 🤔🤔🤔: nothing left once symbols go
    if has("injection", s):
        return r("out_of_scope", "prompt injection")
    if has("reset", s) and (len(s) <= 12 or (len(s) <= 20 and not re.search(r"\d", s))):
        return r("reset", "reset words")
    if has("greeting", s) and len(s) <= 12 and not states_facts and not jur:
        return r("greeting", "greeting")
    if (has("overview", s) or (has("coverage", s) and not jur)) and not states_facts:
        return r("overview", "help words")
    # what is asked, without asides the user sets aside (我不要你推荐哪家银行 / 别给我编个别省的数 /
    # 你直接告诉我网址也行 / 要是你不知道，就说说文件…): those are no request to decline
    asked = _ASIDES.sub("，", s)
    fallback = _FALLBACK.search(asked)
    if fallback and has("domain", asked[fallback.end():]):
        asked = asked[fallback.end():]
    if has("city_rules", s):
        return r("out_of_scope", "a city's own rules")
    ours = states_facts and has_profile  # a fact of ours said during a check, not a topic
    place = other_place(s)
    if place and not ours and \
            (not jur or (every and not _named_place(s)) or _asked_last(s)
             or not detect_jurisdictions(_AS_MODEL.sub(" ", s))[0]):
        # 东北三省哪个省…: not ours (去西安参加了交流活动 states a fact of ours)
        return r("out_of_scope", f"other place {place}")
    if (has("other_policies", asked) and not (jur and has("refers_to", s))
            and not ours and not (states_facts and jur)) or has("general_topics", s):
        # (山东，集群里有家企业…因为虚开增值税发票被处罚了: a fact of ours for a place)
        # (…有家企业因为虚开增值税发票被处罚了, said during a check, is a fact of ours)
        return r("out_of_scope", "other policy")
    if not jur and not has("cluster_word", s) and has("other_subjects", s):
        return r("out_of_scope", "other policy")
    if has("not_in_texts", asked):
        return r("out_of_scope", "facts the texts do not hold")
    if has("speculation", asked):
        return r("out_of_scope", "what the texts may become")
    if (has("unsupported_advice", asked) and not ours) or \
            (has("money_amount", s) and not jur):  # (…被法院列为失信被执行人: a fact of ours)
        return r("out_of_scope", "advice the texts cannot support")
    if has("guarantee", s):
        return r("lookup", "guarantee")
    followup = has("followup", s)
    if has("consequence", s) and not has_profile and not (states_facts and re.search(r"\d", s)) \
            and \
            (not has("eligibility", s) or has("revoked", s)):
        return r("lookup", "what the rules do when something happens")
    if awaiting_place and jur and not every and not has("rule_question", s):
        # …figures… / 请问按哪个地方？ / 我们是青海省的，能不能报: the place asked for
        return r("eligibility", "the place asked for")
    if has_profile and (last_intent == "eligibility" or checking) and \
            (has("verdict_followup", s) or has("leading_too", s) or has("leading_not", s)
             or has("supposed_level", s)) \
            and not has("rule_question", s) and not has("process_question", s):
        return r("eligibility", "how our figures fare")
    if has("eligibility", s) and (has("rule_claim", s) or has("rule_question", s)) \
            and not has("first_person", s) and not states_facts \
            and not (followup and last_intent == "eligibility"):
        # 普及率10%就达标了，没错吧？/ 研发经费得每年涨多少才算达标: the rule, not a cluster
        return r("lookup", "a claim about the rules")
    if has("eligibility", s) and has("process_question", s) and not states_facts \
            and not (followup and last_intent == "eligibility"):
        # 我们在西宁，想申报青海的集群，谁是申报主体？: the procedure, not a verdict
        return r("lookup", "a question about the procedure")
    if has("form_question", s) and not has("verdict_followup", s):
        # 我们不属于高耗能行业，贵州申报表里能效那项勾哪个: the form, even with a fact of ours
        return r("lookup", "a question about the application form")
    if has("asks_how", s) and not states_facts and not pending:
        # 我们在帮贵州一个集群填申报表，从业人员怎么算: how the form or rule works
        return r("lookup", "how a form is filled or a figure counted")
    if has("eligibility", s) and not (states_facts or has_profile or pending or followup) \
            and not has("first_person", s) and not has("intends", s) and has("a_case", s):
        # 四川 集群企业偷税漏税 还能申报吗: no cluster of ours to check, a question on the rules
        return r("lookup", "eligibility words about no cluster of ours")
    if has("eligibility", s) or states_facts or (followup and last_intent == "eligibility"):
        return r("eligibility", "eligibility words or facts")
    if pending and has_profile and re.search(r"\d|[一二三四五六七八九十]", s):
        return r("eligibility", "answer to a question")
    if has("status", s) and not re.search(r"第[一二三四五六七八九十百\d]+条", s) \
            and not _names_draft_only(s):
        return r("status", "status words")
    if has("comparison", s) or every or len(jur) > 1:
        return r("comparison", "comparison words or several places")
    if has("explain", s):
        return r("explain", "definition words")
    if has("domain", s) or _names_a_document(s, jur):
        return r("lookup", "domain words")
    if followup and last_intent:
        return r(last_intent, "follow-up")
    return r("out_of_scope", "no domain words")
