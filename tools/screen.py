"""Screening: one profile against every jurisdiction, closest first; many profiles at once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from .derive import relative_margin
from .evaluate import VERDICT_ORDER, check
from .profile import Profile, parse_profile
from .result import VERDICT_LABELS, CheckResult, text
from .rules import jurisdictions


def shortfall(result: CheckResult) -> Decimal:
    """Sum of relative shortfalls of the failed numeric criteria (|margin| / threshold)."""
    total = Decimal(0)
    for c in result.failed:
        t = c.rule.threshold if not c.alternatives else None
        if c.alternatives:
            total += min(relative_margin(a) for a in c.alternatives)
        elif isinstance(t, Decimal) and c.margin is not None and t != 0:
            total += abs(c.margin) / abs(t)
        else:
            total += 1  # a failed yes/no fact or incident counts as a whole threshold
    return total


def closeness(result: CheckResult) -> tuple[int, int, Decimal, int]:
    """Sort key: verdict, number of failed criteria, relative shortfall, unknowns."""
    return (VERDICT_ORDER[result.verdict], len(result.failed), shortfall(result),
            len(result.unknown))


def check_all(profile: Mapping[str, Any] | Profile, as_of: date | None = None,
              only: Iterable[str] | None = None) -> list[CheckResult]:
    """The profile against every jurisdiction (or `only` those), closest to eligible first."""
    p = parse_profile(profile)
    as_of = as_of or date.today()
    js = list(only) if only else jurisdictions(include_drafts=False)
    results = [check(p, j, as_of) for j in js]
    return sorted(results, key=closeness)


def screen(profiles: Iterable[Mapping[str, Any] | Profile], jurisdiction: str = "all",
           as_of: date | None = None) -> Iterator[CheckResult]:
    """Each profile against one jurisdiction or all (ranked per profile), lazily."""
    as_of = as_of or date.today()
    for profile in profiles:
        if jurisdiction == "all":
            yield from check_all(profile, as_of)
        else:
            yield check(profile, jurisdiction, as_of)


def summary(result: CheckResult) -> dict[str, Any]:
    """A compact row for batch screening: verdict, failed and unknown criteria, missing facts."""
    return {
        "profile": result.profile, "jurisdiction": result.jurisdiction,
        "verdict": result.verdict, "verdict_label": VERDICT_LABELS[result.verdict],
        "not_met": [c.metric for c in result.failed],
        "unknown": [c.metric for c in result.unknown],
        "missing": [m.key for m in result.missing],
        "gaps": [g for c in result.failed if (g := text(c.gap))],
        "shortfall": float(round(shortfall(result), 4)),
    }
