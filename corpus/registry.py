"""Loads the shipped documents (and any the user added) with their metadata."""

from __future__ import annotations

import difflib
import hashlib
import os
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .model import DateFact, Document, DocumentMeta, Unit, normalize_ws
from .numerals import cn_to_int
from .parser import parse
from .paths import PACKAGE_DIR, TEXTS_DIR, user_corpus_dir

PARSER_VERSION = "1"


class CorpusError(RuntimeError):
    """The corpus cannot be loaded (a file is missing or was changed)."""


class UnknownCitation(KeyError):
    """No unit has this id; carries the nearest valid ids."""

    def __init__(self, cid: str, nearest: list[str]):
        super().__init__(cid)
        self.cid = cid
        self.nearest = nearest

    def __str__(self) -> str:
        near = ", ".join(self.nearest) if self.nearest else "(none)"
        return f"no such article: {self.cid} (nearest: {near})"


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def meta_from_dict(doc_id: str, d: dict[str, Any], user_added: bool = False) -> DocumentMeta:
    return DocumentMeta(
        id=doc_id, file=d["file"], sha256=d["sha256"], title=d["title"],
        short_name=d.get("short_name") or doc_id, issuer=d.get("issuer") or "",
        issuer_source=d.get("issuer_source"), level=d.get("level", "province"),
        province=d.get("province") or "", parent=d.get("parent"), kind=d.get("kind") or "",
        draft=bool(d.get("draft")), draft_quote=d.get("draft_quote"),
        issue=DateFact(_date(d.get("issue_date")), d.get("issue_source"), d.get("issue_quote")),
        effective=DateFact(_date(d.get("effective_date")), d.get("effective_source"),
                           d.get("effective_quote")),
        effective_on_issue=bool(d.get("effective_on_issue")),
        validity_years=d.get("validity_years"), validity_source=d.get("validity_source"),
        validity_quote=d.get("validity_quote"), aliases=tuple(d.get("aliases") or ()),
        abbreviations=tuple(d.get("abbreviations") or ()), notes=tuple(d.get("notes") or ()),
        user_added=user_added,
    )


def load_document(meta: DocumentMeta, path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"语料文件缺失 (corpus file missing): {meta.id}: {path} "
                          f"({exc.strerror})") from exc
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta.sha256:
        raise CorpusError(f"语料文件已被改动，拒绝引用 (corpus file {meta.id} was changed; "
                          f"refusing to quote from it): {path} (sha256 {digest[:12]}… ≠ "
                          f"{meta.sha256[:12]}…)")
    raw = data.decode("utf-8")
    parsed = parse(raw, meta.id)
    doc = Document(meta=meta, raw=raw, units=parsed.units, chapters=parsed.chapters,
                   attachment_announced=parsed.attachment_announced)
    for unit in doc.all_units():
        doc.by_id[unit.id] = unit
    return doc


@dataclass
class Corpus:
    documents: dict[str, Document]
    _norm: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def ids(self) -> list[str]:
        return list(self.documents)

    def doc(self, doc_id: str) -> Document:
        if doc_id not in self.documents:
            raise UnknownCitation(doc_id, difflib.get_close_matches(doc_id, self.ids, 3, 0.3))
        return self.documents[doc_id]

    def units(self) -> list[Unit]:
        return [u for d in self.documents.values() for u in d.all_units()]

    def unit(self, cid: str) -> Unit:
        cid = canonical_id(cid)
        doc_id = cid.split(":", 1)[0]
        doc = self.documents.get(doc_id)
        if doc is not None and cid in doc.by_id:
            return doc.by_id[cid]
        raise UnknownCitation(cid, self.nearest_ids(cid))

    def has(self, cid: str) -> bool:
        try:
            self.unit(cid)
        except UnknownCitation:
            return False
        return True

    def nearest_ids(self, cid: str, n: int = 3) -> list[str]:
        """Valid ids closest to `cid`: by article number when it names one, else by spelling."""
        parts = cid.split(":")
        doc = self.documents.get(parts[0])
        names_article = len(parts) > 1 and parts[1].startswith("第") and parts[1].endswith("条")
        if doc is not None and names_article:
            try:
                want = cn_to_int(parts[1][1:-1])
            except ValueError:
                want = None
            if want is not None:
                arts = sorted(doc.articles, key=lambda u: abs((article_number(u) or 0) - want))
                return [u.id for u in arts[:n]]
        pool = [u.id for u in self.units()]
        same_doc = [i for i in pool if i.startswith(parts[0] + ":")]
        return difflib.get_close_matches(cid, same_doc or pool, n, 0.0)[:n]

    def normalized_source(self, doc_id: str) -> str:
        if doc_id not in self._norm:
            self._norm[doc_id] = normalize_ws(self.doc(doc_id).raw)
        return self._norm[doc_id]

    def quote(self, cid: str) -> str:
        """The verbatim (whitespace-normalised) text of a unit."""
        return self.unit(cid).text

    def verify_quote(self, cid: str, text: str) -> bool:
        """True when `text` is verbatim inside unit `cid` (whitespace normalised only)."""
        try:
            unit = self.unit(cid)
        except UnknownCitation:
            return False
        needle = normalize_ws(text)
        label_text = f"{unit.item or unit.article} {unit.text}"
        return bool(needle) and (needle in unit.text or needle in label_text)

    @property
    def fingerprint(self) -> str:
        h = hashlib.sha256(PARSER_VERSION.encode())
        for doc in self.documents.values():
            h.update(doc.meta.id.encode() + doc.meta.sha256.encode())
        return h.hexdigest()[:16]


_ARTICLE_NUM = "零〇一二三四五六七八九十百两"


def canonical_id(cid: str) -> str:
    """Accept small variants of an id: half-width parentheses, ：, spaces."""
    cid = cid.strip().replace("：", ":").replace(" ", "")
    parts = cid.split(":")
    if len(parts) == 3:
        item = parts[2].strip("（）()")
        if item and all(ch in _ARTICLE_NUM for ch in item):
            parts[2] = f"（{item}）"
    if len(parts) >= 2 and parts[1].isdigit():
        from .numerals import int_to_cn
        parts[1] = f"第{int_to_cn(int(parts[1]))}条"
    return ":".join(parts)


def article_number(unit: Unit) -> int | None:
    if unit.kind == "article":
        return cn_to_int(unit.article[1:-1])
    return None


def _shipped() -> dict[str, dict[str, Any]]:
    with open(PACKAGE_DIR / "documents.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def user_documents() -> list[tuple[DocumentMeta, Path]]:
    """Documents added with `corpus add`, each in `<data>/corpus/<id>/meta.yaml`."""
    root = user_corpus_dir()
    found = []
    if root.is_dir():
        for meta_file in sorted(root.glob("*/meta.yaml")):
            try:
                with open(meta_file, encoding="utf-8") as fh:
                    d = yaml.safe_load(fh)
                found.append((meta_from_dict(meta_file.parent.name, d, user_added=True),
                              meta_file.parent / d["file"]))
            except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError,
                    ValueError, AttributeError) as exc:
                first = (str(exc).strip().splitlines() or [""])[0]
                raise CorpusError(f"文件元数据无法读取 (document metadata unreadable): "
                                  f"{meta_file}: {type(exc).__name__}: {first}") from None
    return found


def load_corpus(include_user: bool = True) -> Corpus:
    docs: dict[str, Document] = {}
    for doc_id, d in _shipped().items():
        meta = meta_from_dict(doc_id, d)
        docs[doc_id] = load_document(meta, TEXTS_DIR / meta.file)
    if include_user:
        for meta, path in user_documents():
            if meta.id not in docs:
                docs[meta.id] = load_document(meta, path)
    return Corpus(docs)


@lru_cache(maxsize=4)
def _cached(home: str | None, xdg: str | None) -> Corpus:
    return load_corpus()


def get_corpus() -> Corpus:
    """The process-wide corpus (shipped + user documents), loaded once per data directory
    (the key is the environment that decides the directory, cheap to read on hot paths)."""
    return _cached(os.environ.get("POLICY_ASSISTANT_HOME"), os.environ.get("XDG_DATA_HOME"))


def reload_corpus() -> Corpus:
    _cached.cache_clear()
    return get_corpus()
