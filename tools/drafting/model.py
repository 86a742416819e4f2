"""Values the drafter produces: criteria (with their alternatives), skipped numbers, relaxation."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tools.rules import Relaxation  # the same value the shipped rules carry


@dataclass(frozen=True)
class Criterion:
    metric: str
    citation: str
    phrase: str
    operator: str | None = None
    threshold: Decimal | str | None = None  # a level key (larger) for incident levels
    unit: str | None = None
    years: int | None = None
    qualifier: str | None = None
    categories: tuple[str, ...] = ()
    alternatives: tuple[Criterion, ...] = ()
    note: str | None = None
    expect: bool | None = None  # yes/no conditions
    negated: bool = False  # the phrase names what must not happen
    clause: int = field(default=0, compare=False)
    span: tuple[int, int] = field(default=(0, 0), compare=False)
    order: tuple[int, int] = field(default=(0, 0), compare=False)  # (block, offset): reading order

    @property
    def is_count(self) -> bool:
        return bool(self.alternatives) or self.unit == "家"

    def flat(self) -> list[Criterion]:
        """This criterion, or its alternatives (each carrying the parent's citation)."""
        return list(self.alternatives) if self.alternatives else [self]


@dataclass(frozen=True)
class Skipped:
    citation: str
    phrase: str
    reason: str


@dataclass(frozen=True)
class Drafted:
    criteria: tuple[Criterion, ...]
    skipped: tuple[Skipped, ...]
    relaxation: Relaxation | None
