"""Query understanding for retrieval: which jurisdictions a question names, which units it cites."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from corpus import cn_to_int, get_corpus, int_to_cn

from .homophones import readings, sound_alike
from .settings import DATA_DIR
from .t2s import to_simplified
from .tokenizer import YAML_LOADER


@lru_cache(maxsize=1)
def _places_data() -> dict[str, Any]:
    with open(DATA_DIR / "places.yaml", encoding="utf-8") as fh:
        raw: dict[str, Any] = yaml.load(fh, Loader=YAML_LOADER)
    return raw


def _places() -> tuple[tuple[str, ...], frozenset[str]]:
    raw = _places_data()
    return tuple(raw["all_words"]), frozenset(str(raw["abbreviation_neighbours"]))


def places_within() -> dict[str, str]:
    """Cities, prefectures, counties and regions of a covered place → its document id
    (data/places.yaml `within`; only documents in the corpus)."""
    ids = set(get_corpus().ids)
    return {str(n): doc for doc, names in (_places_data().get("within") or {}).items()
            if doc in ids for n in names}


_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUM = "零〇一二三四五六七八九十百两0-9"
_REF = re.compile(
    rf"第\s*([{_NUM}]+)\s*条(?:\s*(?:第\s*)?[(（]?\s*([一二三四五六七八九十0-9]+)\s*[)）]?\s*项"
    rf"|\s*[(（]\s*([一二三四五六七八九十0-9]+)\s*[)）])?"
    rf"|附件\s*([一二三四五六七八九1-9])?"
)


@dataclass(frozen=True)
class Mention:
    doc: str
    start: int
    end: int


def _names() -> list[tuple[str, str, bool]]:
    """(name, doc id, is_abbreviation) for every document, longest names first."""
    c = get_corpus()
    out: list[tuple[str, str, bool]] = []
    for doc_id in c.ids:
        m = c.doc(doc_id).meta
        full = {m.short_name, *m.aliases} - {""}
        out.extend((n, doc_id, False) for n in full)
        out.extend((a, doc_id, True) for a in m.abbreviations if a and a not in full)
    return sorted(out, key=lambda t: -len(t[0]))


def _all_names() -> list[tuple[str, str, bool]]:
    """The documents' names and the places within them (成都 → sichuan), longest first."""
    within = [(n, doc, False) for n, doc in places_within().items()]
    return sorted([*_names(), *within], key=lambda t: -len(t[0]))


@lru_cache(maxsize=4)
def _latin_names(fingerprint: str) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """Place names typed in pinyin (Zhangye, Qinghai, qh): every toneless reading of each
    Chinese name without 省/市, and the initials of a two-character name's usual reading.
    Cached per corpus version (`fingerprint`), so added documents are named too."""
    table = readings()
    spell: dict[str, str] = {}
    for name, doc_id, is_abbr in _names():
        base = re.sub(r"[省市]$", "", name)
        if is_abbr or not base or not all(ch in table for ch in base):
            continue
        combos = [""]
        for ch in base:
            combos = [c + r for c in combos for r in table[ch]][:16]
        for c in combos:
            spell.setdefault(c, doc_id)
        if len(base) == 2:
            spell.setdefault(table[base[0]][0][0] + table[base[1]][0][0], doc_id)
    if not spell:
        return None
    alts = "|".join(sorted(map(re.escape, spell), key=len, reverse=True))
    return re.compile(rf"(?<![a-z])(?:{alts})(?![a-z])"), spell


def mentions(text: str) -> list[Mention]:
    """Every place name in `text`, in order; longer names win over the abbreviations inside them."""
    text = to_simplified(text)  # one character for one, so offsets stay valid
    masked = list(text)
    found: list[Mention] = []
    latin = _latin_names(get_corpus().fingerprint) if re.search(r"[A-Za-z]", text) else None
    if latin is not None:  # ASCII lower-casing keeps offsets too
        pattern, spelt = latin
        for m in pattern.finditer(text.lower()):
            masked[m.start():m.end()] = ["\0"] * (m.end() - m.start())
            found.append(Mention(spelt[m.group()], m.start(), m.end()))
    for other in _places_data().get("not_abbreviations") or ():  # 甘南 is not 甘(肃)
        for m in re.finditer(re.escape(str(other)), text):
            masked[m.start():m.end()] = ["\1"] * (m.end() - m.start())
    for name, doc_id, is_abbr in _all_names():
        for m in re.finditer(re.escape(name), text):
            s, e = m.span()
            if any(ch in "\0\1" for ch in masked[s:e]):
                continue
            if is_abbr and len(name) == 1 and not _abbr_ok(masked, s, e):
                continue
            masked[s:e] = ["\0"] * (e - s)
            found.append(Mention(doc_id, s, e))
    if not found:  # a homophone typo of a full name: 贵洲, 张叶, 清海
        found = _misspelt(masked)
    return sorted(found, key=lambda m: m.start)


@lru_cache(maxsize=256)
def _one_off(name: str) -> re.Pattern[str]:
    """Windows of len(name) that differ from `name` in at most one character (a prefilter)."""
    alts = [re.escape(name[:i]) + "." + re.escape(name[i + 1:]) for i in range(len(name))]
    return re.compile("(?=(?:" + "|".join(alts) + "))", re.DOTALL)


def _misspelt(masked: list[str]) -> list[Mention]:
    found: list[Mention] = []
    for name, doc_id, is_abbr in _names():
        n = len(name)
        if is_abbr or n < 2 or not _CJK.fullmatch(name[0]):
            continue
        # masking only removes matches, so windows found before the loop are a superset
        for s in [m.start() for m in _one_off(name).finditer("".join(masked))]:
            span = masked[s:s + n]
            diff = [i for i in range(n) if span[i] != name[i]]
            if len(diff) == 1 and _CJK.match(span[diff[0]]) and \
                    sound_alike(span[diff[0]], name[diff[0]]):
                masked[s:s + n] = ["\0"] * n
                found.append(Mention(doc_id, s, s + n))
    return found


def _abbr_ok(masked: list[str], s: int, e: int) -> bool:
    def fine(i: int) -> bool:
        if i < 0 or i >= len(masked):
            return True
        ch = masked[i]
        return ch == "\0" or ch in _places()[1] or not _CJK.match(ch)

    return fine(s - 1) and fine(e)


def names_all(text: str) -> bool:
    """An "every document" word (五省, 各地 …) that is not the areas of a place just named
    (青海各地, 山东各地市: within that one document)."""
    words = _places()[0]
    if not any(w in text for w in words):
        return False
    return not_after_place(text, (m.start() for w in words
                                  for m in re.finditer(re.escape(w), text)))


def not_after_place(text: str, starts: Iterable[int]) -> bool:
    """Whether any of `starts` (where an "every document" word begins) is not right after a
    place name: 各地 in 青海各地 is within 青海."""
    ends = {m.end for m in mentions(text)}
    return any(s not in ends for s in starts)


# "every document" words that are really a question about places (哪些地区), not a scope, when
# a place is named
_ASKS_WHICH_PLACES = re.compile(r"哪些地方|哪些地区|哪些省|哪几个地方|哪几个省|几个地方")


def detect_jurisdictions(text: str) -> list[str]:
    """Document ids the text names (aliases, short names, abbreviations), in order of mention.

    五省/各地/全部… name every document (shipped and user-added).
    """
    simple = to_simplified(text)
    if names_all(simple) and not (_ASKS_WHICH_PLACES.search(simple) and mentions(text)):
        return list(get_corpus().ids)  # 张掖集群招商主要盯哪些地区: 张掖 is the place asked about
    out: list[str] = []
    for m in mentions(text):
        if m.doc not in out:
            out.append(m.doc)
    return out


def _num(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    try:
        return cn_to_int(text)
    except ValueError:
        return None


def _unit_name(m: re.Match[str]) -> tuple[str, str | None] | None:
    """("第十四条", "（一）") or ("附件一", None) for one reference match."""
    if m.group(0).startswith("附件"):
        n = m.group(4)
        if not n:
            return "附件", None
        num = _num(n)
        return (f"附件{int_to_cn(num)}", None) if num else None
    num = _num(m.group(1))
    if not num:
        return None
    item_text = m.group(2) or m.group(3)
    item_num = _num(item_text) if item_text else None
    return f"第{int_to_cn(num)}条", (f"（{int_to_cn(item_num)}）" if item_num else None)


_FORM_PART = re.compile(r"第([一二三四五六七八九])(?:部分|页|栏)")


def resolve_references(text: str, default_doc: str | None = None) -> list[str]:
    """Citation ids for explicit references: "青海第十四条" → ["qinghai:第十四条"].

    A reference belongs to the place names just before it (or, failing that, anywhere in the
    text, then `default_doc`, then every document that has such a unit). Items written as
    第十一条第（一）项 or 第十一条（一） resolve to the item when it exists.
    """
    c = get_corpus()
    text = to_simplified(text)
    if "申报表" in text:  # 申报表第一部分 is the form's section 一 (附件一)
        text = _FORM_PART.sub(lambda m: "附件" + m.group(1), text)
    places = mentions(text)
    everywhere = [m.doc for m in places]
    out: list[str] = []
    for m in _REF.finditer(text):
        name = _unit_name(m)
        if name is None:
            continue
        before = [p for p in places if p.end <= m.start()]
        docs: list[str] = []
        if before:
            # the run of place names closest before the reference ("青海和山东的第十四条")
            last_ref_end = max((r.end() for r in _REF.finditer(text, 0, m.start())), default=-1)
            docs = [p.doc for p in before if p.start > last_ref_end] or [before[-1].doc]
        if not docs:
            docs = everywhere or ([default_doc] if default_doc else list(c.ids))
        article, item = name
        for doc_id in dict.fromkeys(docs):
            cid = f"{doc_id}:{article}"
            full = f"{cid}:{item}" if item else cid
            for candidate in (full, cid):
                if c.has(candidate) and candidate not in out:
                    out.append(candidate)
                    break
    return out


def strip_references(text: str) -> str:
    """The text without its explicit references (第十二条, 附件一), which carry no topic words."""
    return _REF.sub(" ", to_simplified(text))
