"""Done-when: drafting from each shipped text alone reproduces its reviewed numeric rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tools.drafting.evaluate import leave_one_out, numeric_keys, table, total
from tools.drafting.shipped import shipped_rules

SHIPPED = ["sichuan", "guizhou", "shandong", "zhangye", "qinghai"]


def test_leave_one_out_precision_and_recall() -> None:
    scores = leave_one_out()
    print("\n" + table(scores))  # the per-jurisdiction table (pytest -s shows it)
    assert [s.jurisdiction for s in scores] == SHIPPED
    overall = total(scores)
    assert overall.shipped >= 50  # the comparison is against real rules, not an empty set
    assert overall.precision >= 0.95 and overall.recall >= 0.95, table(scores)


@pytest.mark.parametrize("doc", SHIPPED)
def test_each_jurisdiction_has_numeric_rules_to_compare(doc: str) -> None:
    rules = shipped_rules(doc)
    assert rules is not None and rules["jurisdiction"] == doc
    assert len(numeric_keys(rules)) >= 8


def test_numeric_keys_skip_levels_and_facts_and_flatten_alternatives() -> None:
    rules = {"criteria": [
        {"metric": "incident_level", "operator": "<", "threshold": "larger", "citation": "x:1"},
        {"metric": "pillar_industry", "expect": True, "citation": "x:1"},
        {"metric": "area_km2", "operator": "<=", "threshold": 100, "citation": "x:1"},
        {"metric": "quality_enterprises", "citation": "x:2", "alternatives": [
            {"metric": "little_giant", "operator": ">=", "threshold": 1},
            {"metric": "quality_enterprises", "operator": ">=", "threshold": "2.5"}]},
    ]}
    assert numeric_keys(rules) == {
        ("area_km2", "<=", Decimal(100), "x:1"),
        ("little_giant", ">=", Decimal(1), "x:2"),
        ("quality_enterprises", ">=", Decimal("2.5"), "x:2"),
    }


def test_leave_one_out_conditions_precision_and_recall() -> None:
    """The yes/no conditions and incident levels are drafted from the standard the same way."""
    scores = leave_one_out(conditions=True)
    print("\n" + table(scores))
    overall = total(scores)
    assert overall.shipped >= 45
    assert overall.precision >= 0.95 and overall.recall >= 0.95, table(scores)
