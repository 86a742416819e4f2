"""One general parser for regulations of this genre.

Text -> (notice) -> chapters (第X章) -> articles (第X条) -> items (（一）/(一)), then an
attachment (附件) with a preamble and numbered sections (一、…). Structure markers count only
where they start a line or follow whitespace and only in sequence (第一条, 第二条, …), so
references such as "本办法第二章第六条" and nested outlines inside a section are never taken
for structure. Junk (Word bookmarks, a web page footer) is blanked in place so offsets, and
with them the verbatim guarantee, are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Unit, normalize_ws
from .numerals import NUMERAL_CHARS, cn_to_int

_N = f"[{NUMERAL_CHARS}]+"
_ARTICLE = re.compile(rf"(?:(?<=\s)|^)第({_N})条")
_CHAPTER = re.compile(rf"(?:(?<=\s)|^)第({_N})章")
_ITEM = re.compile(rf"(?:(?<=\s)|^)[（(]({_N})[）)]")
_SECTION = re.compile(rf"(?:(?<=\s)|^)({_N})、")
_ANNOUNCE = re.compile(r"(?:(?<=\s)|^)附件[：:]")
_ATTACH_HEADING = re.compile(r"(?:(?<=\s)|^)附件(?=\s)")
_ITEM_END = re.compile(r"[。；;](?=\s)")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_FOOTER_MARKERS = ("相关阅读", "版权声明", "最新内容", "热点内容", "上一篇", "下一篇", "打印本页")
_NOTICE_END = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


class ParseError(ValueError):
    """The text has no structure of this genre."""


@dataclass(frozen=True)
class Parsed:
    title: str
    units: tuple[Unit, ...]
    chapters: tuple[str, ...]
    attachment_announced: str | None


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def clean(raw: str) -> str:
    """Blank bookmark residue and anything from a web footer on; offsets stay the same."""
    text = _BOOKMARK.sub(lambda m: " " * len(m.group()), raw)
    cut = min((i for i in (text.find(m) for m in _FOOTER_MARKERS) if i >= 0), default=-1)
    if cut >= 0:
        text = text[:cut] + " " * (len(text) - cut)
        tail = text.rstrip()
        stripped = tail.rstrip("|｜ \t")
        text = stripped + " " * (len(text) - len(stripped))
    return text


def _sequential(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[re.Match[str]]:
    """Matches of `pattern` in text[start:end] whose numeral runs 1, 2, 3, … in order."""
    found: list[re.Match[str]] = []
    expected = 1
    for m in pattern.finditer(text, start, end):
        try:
            n = cn_to_int(m.group(1))
        except ValueError:
            continue
        if n == expected:
            found.append(m)
            expected += 1
    return found


def _items(doc: str, article: str, chapter: str | None, text: str, start: int, end: int,
           order: int) -> tuple[Unit, ...]:
    marks = _sequential(_ITEM, text, start, end)
    items = []
    for i, m in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else end
        term = _ITEM_END.search(text, m.end(), stop)
        if term:
            stop = term.end()
        label = f"（{m.group(1)}）"
        items.append(Unit(id=f"{doc}:{article}:{label}", doc=doc, article=article, item=label,
                          kind="item", chapter=chapter, title=None,
                          text=normalize_ws(text[m.end():stop]), order=order * 100 + i + 1))
    return tuple(items)


def parse(raw: str, doc: str) -> Parsed:
    """Parse one regulation's text into citable units with ids `doc:article[:item]`."""
    text = clean(raw)
    articles = _sequential(_ARTICLE, text, 0, len(text))
    if not articles:
        raise ParseError("no 第X条 structure found (未找到“第X条”结构)")
    last_start = articles[-1].end()
    announce = _ANNOUNCE.search(text, last_start)
    heading = _ATTACH_HEADING.search(text, announce.end() if announce else last_start)
    body_end = (announce.start() if announce else heading.start() if heading else len(text))
    chapters = _sequential(_CHAPTER, text, 0, body_end)

    units: list[Unit] = []
    preamble_end = min([articles[0].start()] + [c.start() for c in chapters])
    title = normalize_ws(text[:preamble_end])
    notice_match = _NOTICE_END.search(text, 0, preamble_end) if "通知" in title else None
    if notice_match:
        units.append(Unit(id=f"{doc}:通知", doc=doc, article="通知", item=None, kind="notice",
                          chapter=None, title=None, text=normalize_ws(text[:notice_match.end()]),
                          order=0))
        title = normalize_ws(text[notice_match.end():preamble_end])
    title = title.replace(" ", "")

    chapter_names: list[str] = []
    bounds = [a.start() for a in articles[1:]] + [body_end]
    for i, m in enumerate(articles):
        # The article ends at the next article or at a chapter heading in between.
        stop = min([bounds[i]] + [c.start() for c in chapters if m.start() < c.start() < bounds[i]])
        chapter = next((c for c in reversed(chapters) if c.start() < m.start()), None)
        chapter_label = None
        if chapter is not None:
            name_end = min(a.start() for a in articles if a.start() > chapter.start())
            chapter_label = f"第{chapter.group(1)}章 " + normalize_ws(
                text[chapter.end():name_end]).replace(" ", "")
            if chapter_label not in chapter_names:
                chapter_names.append(chapter_label)
        label = f"第{m.group(1)}条"
        order = len(units) + 1
        units.append(Unit(id=f"{doc}:{label}", doc=doc, article=label, item=None, kind="article",
                          chapter=chapter_label, title=None,
                          text=normalize_ws(text[m.end():stop]), order=order,
                          items=_items(doc, label, chapter_label, text, m.end(), stop, order)))

    announced = None
    if announce or heading:
        if announce:
            line_end = text.find("\n", announce.end())
            if line_end >= 0 and heading:
                announced = normalize_ws(text[announce.end():line_end])
        att_start = heading.end() if heading else announce.end() if announce else len(text)
        sections = _sequential(_SECTION, text, att_start, len(text))
        pre_end = sections[0].start() if sections else len(text)
        units.append(Unit(id=f"{doc}:附件", doc=doc, article="附件", item=None, kind="attachment",
                          chapter=None, title=None, text=normalize_ws(text[att_start:pre_end]),
                          order=len(units) + 1))
        for i, s in enumerate(sections):
            stop = sections[i + 1].start() if i + 1 < len(sections) else len(text)
            body = normalize_ws(text[s.end():stop])
            label = f"附件{s.group(1)}"
            units.append(Unit(id=f"{doc}:{label}", doc=doc, article=label, item=None,
                              kind="attachment", chapter=None, title=body.split(" ", 1)[0],
                              text=body, order=len(units) + 1))
    return Parsed(title=title, units=tuple(units), chapters=tuple(chapter_names),
                  attachment_announced=announced)
