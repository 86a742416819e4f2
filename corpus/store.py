"""User-added documents: `corpus add FILE --id ID` stores them under the data directory."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import yaml

from .extract_meta import draft_metadata
from .parser import ParseError, parse
from .paths import user_corpus_dir
from .registry import _shipped, reload_corpus

_ID = re.compile(r"^[a-z][a-z0-9_-]{1,31}$")
# A text of this genre talks about clusters of SMEs; anything else is refused.
_GENRE_WORDS = ("集群", "中小企业")


class AddError(ValueError):
    """The file cannot be added (bad id, encoding, no structure, unrelated text)."""


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK, as Excel and Word save)."""
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise AddError("无法识别文件编码，请保存为 UTF-8 或 GBK (cannot decode as UTF-8 or GBK)")


def add_document(path: Path, doc_id: str, title: str | None = None,
                 level: str | None = None) -> dict[str, object]:
    """Parse, check and store a regulation; returns its drafted metadata."""
    if not _ID.match(doc_id):
        raise AddError(f"编号须为小写字母开头的2–32位字母数字 (invalid id): {doc_id!r}")
    if doc_id in _shipped():
        raise AddError(f"编号已被内置文件使用 (id is a shipped document): {doc_id}")
    if level not in (None, "province", "city"):
        raise AddError(f"level 只能是 province 或 city (invalid level): {level!r}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AddError(f"无法读取文件 (cannot read) {path}: {exc.strerror}") from None
    text = decode(data)
    if "\x00" in text:
        raise AddError("文件含二进制内容，不是文本 (binary content, not a text file)")
    try:
        parsed = parse(text, doc_id)
    except ParseError as exc:
        raise AddError(f"不是此类规章：{exc}") from None
    articles = [u for u in parsed.units if u.kind == "article"]
    if len(articles) < 3 or not all(w in text for w in _GENRE_WORDS):
        raise AddError("内容与中小企业特色产业集群无关或条文过少 (not a regulation of this genre: "
                       "needs 第X条 articles about 中小企业 集群)")
    meta = draft_metadata(parsed, doc_id, title=title, level=level)
    target = user_corpus_dir() / doc_id
    tmp = target.with_name(doc_id + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    body = text.encode("utf-8")
    (tmp / "text.txt").write_bytes(body)
    meta.update({"file": "text.txt", "sha256": hashlib.sha256(body).hexdigest()})
    with open(tmp / "meta.yaml", "w", encoding="utf-8") as fh:
        yaml.safe_dump(meta, fh, allow_unicode=True, sort_keys=False)
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)  # the document appears whole or not at all
    reload_corpus()
    return meta


def remove_document(doc_id: str) -> bool:
    target = user_corpus_dir() / doc_id
    if not target.is_dir():
        return False
    shutil.rmtree(target)
    reload_corpus()
    return True
