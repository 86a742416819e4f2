"""The eval items: loading, validation and the citation/fact check.

Format (see AGENTS.md and evals/README.md): one JSON object per line in `evals/data/qa.jsonl`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from .normalize import normalize

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_PATH = DATA_DIR / "qa.jsonl"
CATEGORIES = ("lookup", "threshold", "eligibility", "comparison", "status", "out_of_scope",
              "adversarial")
SPLITS = ("dev", "heldout")


class DatasetError(ValueError):
    """A dataset file or item is malformed (message names the line and the problem)."""


class _ItemModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    split: Literal["dev", "heldout"]
    category: Literal["lookup", "threshold", "eligibility", "comparison", "status",
                      "out_of_scope", "adversarial"]
    jurisdiction: str | None = None
    question: str | None = None
    turns: list[str] | None = None
    expected_ids: list[str] = []
    supporting_ids: list[str] = []
    facts: list[str] = []
    expected: dict[str, Any] = {}
    as_of: date | None = None

    @model_validator(mode="after")
    def _one_input(self) -> _ItemModel:
        if (self.question is None) == (self.turns is None):
            raise ValueError("exactly one of 'question' and 'turns' is required")
        if self.turns is not None and not self.turns:
            raise ValueError("'turns' is empty")
        return self


@dataclass(frozen=True)
class Item:
    id: str
    split: str
    category: str
    jurisdiction: str | None
    question: str | None
    turns: tuple[str, ...] | None
    expected_ids: tuple[str, ...]
    facts: tuple[str, ...]
    expected: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    as_of: date | None = None
    # Also right to cite (count for citation precision), but not required for recall.
    supporting_ids: tuple[str, ...] = ()

    @property
    def inputs(self) -> tuple[str, ...]:
        """What the user types, in order: the question, or every turn."""
        return (self.question,) if self.question is not None else tuple(self.turns or ())

    @property
    def retrieval_usable(self) -> bool:
        return self.question is not None and bool(self.expected_ids)

    @property
    def refuse(self) -> bool | None:
        value = self.expected.get("refuse")
        return None if value is None else bool(value)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "split": self.split, "category": self.category,
                               "jurisdiction": self.jurisdiction}
        if self.question is not None:
            out["question"] = self.question
        else:
            out["turns"] = list(self.turns or ())
        out["expected_ids"] = list(self.expected_ids)
        if self.supporting_ids:
            out["supporting_ids"] = list(self.supporting_ids)
        out.update(facts=list(self.facts), expected=self.expected)
        if self.as_of:
            out["as_of"] = self.as_of.isoformat()
        return out


def parse_item(obj: dict[str, Any]) -> Item:
    m = _ItemModel.model_validate(obj)
    return Item(id=m.id, split=m.split, category=m.category, jurisdiction=m.jurisdiction,
                question=m.question, turns=tuple(m.turns) if m.turns is not None else None,
                expected_ids=tuple(m.expected_ids), facts=tuple(m.facts), expected=m.expected,
                as_of=m.as_of, supporting_ids=tuple(m.supporting_ids))


def load_items(path: str | Path | None = None, split: str = "all") -> list[Item]:
    """Items of `split` ("dev", "heldout" or "all") from a JSONL file (default: the shipped set)."""
    if split not in (*SPLITS, "all"):
        raise DatasetError(f"unknown split {split!r}; use dev, heldout or all")
    p = Path(path) if path is not None else DEFAULT_PATH
    items: list[Item] = []
    seen: set[str] = set()
    with p.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                item = parse_item(json.loads(line))
            except (json.JSONDecodeError, ValidationError) as exc:
                first = str(exc).splitlines()[0:3]
                raise DatasetError(f"{p.name}:{lineno}: {' '.join(first)}") from None
            if item.id in seen:
                raise DatasetError(f"{p.name}:{lineno}: duplicate id {item.id}")
            seen.add(item.id)
            if split in ("all", item.split):
                items.append(item)
    return items


def derived_facts(item: Item) -> set[str]:
    """Facts an answer may state that come from the rules rather than a quote: status labels and
    the dates `corpus.document_status` computes for the item's documents as of its date."""
    from corpus import STATUS_LABELS, document_status, get_corpus

    c = get_corpus()
    out = {normalize(label) for label in STATUS_LABELS.values()}
    docs = {cid.split(":", 1)[0] for cid in item.expected_ids}
    for doc in docs:
        if doc not in c.ids:
            continue
        st = document_status(c.doc(doc).meta, item.as_of or date.today())
        for d in (st.effective_date, st.expiry_date):
            if d is not None:
                out.add(normalize(d.isoformat()))
    return out


def check_item(item: Item) -> list[str]:
    """Problems with one item: unknown or non-article citation ids, facts not found in the cited
    text (nor derivable), category-specific fields missing. Empty when the item is sound."""
    from corpus import get_corpus

    c = get_corpus()
    problems: list[str] = []
    for cid in (*item.expected_ids, *item.supporting_ids):
        if not c.has(cid):
            problems.append(f"unknown citation id {cid}")
        elif cid.count(":") != 1:
            problems.append(f"citation id {cid} is not article level (doc:article)")
    if item.jurisdiction is not None and item.jurisdiction not in c.ids:
        problems.append(f"unknown jurisdiction {item.jurisdiction}")
    cited = normalize(" ".join(c.quote(cid) for cid in item.expected_ids if c.has(cid)))
    derived = derived_facts(item) if item.category == "status" else set()
    for fact in item.facts:
        nf = normalize(fact)
        if nf not in cited and nf not in derived:
            problems.append(f"fact {fact!r} is not in the cited text")
    problems.extend(_category_problems(item, c.ids))
    return problems


def _category_problems(item: Item, doc_ids: Sequence[str]) -> list[str]:
    e = item.expected
    if item.category == "out_of_scope" and (item.expected_ids or e.get("refuse") is not True):
        return ["out_of_scope items have no expected_ids and expected.refuse = true"]
    if item.category == "eligibility":
        out = []
        if e.get("verdict") not in ("eligible", "not_eligible", "undetermined"):
            out.append("eligibility items need expected.verdict")
        if e.get("jurisdiction") not in doc_ids:
            out.append("eligibility items need expected.jurisdiction (a doc id)")
        bad = [s for s in dict(e.get("criteria") or {}).values()
               if s not in ("met", "not_met", "unknown")]
        if bad:
            out.append(f"criterion statuses must be met/not_met/unknown, got {bad}")
        return out
    if item.category == "threshold":
        return _threshold_problems(item)
    if item.category == "status":
        status = e.get("status")
        if not isinstance(status, dict) or not status or not set(status) <= set(doc_ids):
            return ["status items need expected.status {doc: status}"]
        if item.as_of is None:
            return ["status items need as_of"]
    return []


# Operator wording (house rules): the phrase that states a threshold decides its operator.
OPERATOR_WORDS = {">=": r"以上|不低于|不少于", ">": r"(?<!不)(?:高于|超过)", "<=": r"不超过|以内"}


def _threshold_problems(item: Item) -> list[str]:
    e = item.expected
    op, value = e.get("operator"), str(e.get("threshold", ""))
    if op not in OPERATOR_WORDS or not value:
        return ["threshold items need expected.operator (>=, >, <=) and expected.threshold"]
    stated = [f for f in item.facts if normalize(value) in normalize(f)
              and re.search(OPERATOR_WORDS[op], f)]
    if not stated:
        return [f"no fact states threshold {value} with a {op} word ({OPERATOR_WORDS[op]})"]
    return []


def check_items(items: Iterable[Item]) -> dict[str, list[str]]:
    """{item id: problems} for every item with a problem."""
    return {it.id: probs for it in items if (probs := check_item(it))}
