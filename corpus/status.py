"""Document status as of a date: draft, not yet in force, in force, expired or unknown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .model import DocumentMeta

STATUS_LABELS = {
    "draft": "征求意见稿",
    "not_yet_in_force": "尚未施行",
    "in_force": "有效",
    "expired": "已过有效期",
    "unknown": "未知",
}


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


@dataclass(frozen=True)
class Status:
    doc: str
    status: str
    as_of: date
    effective_date: date | None
    expiry_date: date | None
    reason: str
    citations: tuple[str, ...]

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    def to_json(self) -> dict[str, object]:
        return {
            "status": self.status,
            "status_label": self.label,
            "as_of": self.as_of.isoformat(),
            "effective_date": self.effective_date.isoformat() if self.effective_date else None,
            "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None,
            "reason": self.reason,
            "citations": list(self.citations),
        }


def effective_date(meta: DocumentMeta) -> date | None:
    if meta.effective.value:
        return meta.effective.value
    return meta.issue.value if meta.effective_on_issue else None


def expiry_date(meta: DocumentMeta) -> date | None:
    """Last day in force: effective date + stated validity − 1 day (有效期2年 from 2023-06-27
    ends on 2025-06-26)."""
    start = effective_date(meta)
    if start is None or meta.validity_years is None:
        return None
    return add_years(start, meta.validity_years) - timedelta(days=1)


def document_status(meta: DocumentMeta, as_of: date) -> Status:
    start, end = effective_date(meta), expiry_date(meta)
    cites = tuple(dict.fromkeys(c for c in (meta.issue.source, meta.effective.source,
                                            meta.validity_source) if c))
    if meta.draft:
        return Status(meta.id, "draft", as_of, start, end,
                      f"《{meta.title}》是征求意见稿，尚未正式施行。", cites)
    if start is None:
        why = "文中未写明印发日期" if meta.effective_on_issue else "文中未写明施行日期"
        return Status(meta.id, "unknown", as_of, None, None,
                      f"{why}，无法判断截至{as_of.isoformat()}是否有效。", cites)
    if as_of < start:
        return Status(meta.id, "not_yet_in_force", as_of, start, end,
                      f"自{start.isoformat()}起施行，截至{as_of.isoformat()}尚未施行。", cites)
    if end is not None and as_of > end:
        return Status(meta.id, "expired", as_of, start, end,
                      f"自{start.isoformat()}起施行，有效期{meta.validity_years}年，"
                      f"已于{end.isoformat()}届满。", cites)
    tail = f"有效期至{end.isoformat()}" if end else "文中未规定有效期"
    return Status(meta.id, "in_force", as_of, start, end,
                  f"自{start.isoformat()}起施行，{tail}。", cites)
