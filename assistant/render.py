"""Small text helpers shared by the composers: labels, dates, document warnings."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from corpus import Status, document_status, get_corpus


def short(doc: str) -> str:
    return get_corpus().doc(doc).meta.short_name


def title(doc: str) -> str:
    return get_corpus().doc(doc).meta.title


def cite_label(cid: str) -> str:
    """青海 第十四条, 四川 第十一条（一）, 张掖 附件四."""
    parts = cid.split(":")
    doc = parts[0]
    label = "".join(parts[1:])
    try:
        return f"{short(doc)} {label}"
    except KeyError:
        return cid


def date_cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def status_sentence(st: Status) -> str:
    """One sentence on a document's status, dates in Chinese form."""
    if st.status == "draft":
        return "是征求意见稿，尚未正式施行"
    if st.status == "unknown":
        return "文中未写明印发（施行）日期，无法判断目前是否有效"
    start = date_cn(st.effective_date) if st.effective_date else "（未写明）"
    if st.status == "not_yet_in_force":
        return f"自{start}起施行，截至{date_cn(st.as_of)}尚未施行"
    if st.status == "expired" and st.expiry_date:
        return (f"自{start}起施行，有效期届满日为{date_cn(st.expiry_date)}，"
                f"截至{date_cn(st.as_of)}已过有效期")
    tail = f"有效期至{date_cn(st.expiry_date)}" if st.expiry_date else "文中未规定有效期"
    return f"自{start}起施行，{tail}，截至{date_cn(st.as_of)}有效"


def status_of(doc: str, as_of: date) -> Status:
    return document_status(get_corpus().doc(doc).meta, as_of)


def document_warnings(docs: Iterable[str], as_of: date) -> list[str]:
    """A warning for every involved document that is a draft, expired, not yet in force or of
    unknown status as of `as_of` — shown with every answer that touches it."""
    out = []
    for doc in dict.fromkeys(docs):
        st = status_of(doc, as_of)
        if st.status != "in_force":
            out.append(f"注意：《{title(doc)}》{status_sentence(st)}。")
    return out
