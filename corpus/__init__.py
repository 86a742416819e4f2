"""The five regulations as citable units: ids, verbatim quotes, document dates and status."""

from .model import Document, DocumentMeta, Unit, normalize_ws
from .numerals import cn_to_int, int_to_cn
from .parser import ParseError, parse
from .paths import data_home
from .registry import (
    Corpus,
    CorpusError,
    UnknownCitation,
    canonical_id,
    get_corpus,
    load_corpus,
    reload_corpus,
)
from .status import STATUS_LABELS, Status, document_status


def quote(cid: str) -> str:
    """Verbatim text of the unit `cid` (e.g. "qinghai:第十四条")."""
    return get_corpus().quote(cid)


def verify_quote(cid: str, text: str) -> bool:
    """True when `text` appears verbatim in unit `cid` (whitespace normalised only)."""
    return get_corpus().verify_quote(cid, text)


__all__ = [
    "STATUS_LABELS",
    "Corpus",
    "CorpusError",
    "Document",
    "DocumentMeta",
    "ParseError",
    "Status",
    "Unit",
    "UnknownCitation",
    "canonical_id",
    "cn_to_int",
    "data_home",
    "document_status",
    "get_corpus",
    "int_to_cn",
    "load_corpus",
    "normalize_ws",
    "parse",
    "quote",
    "reload_corpus",
    "verify_quote",
]
