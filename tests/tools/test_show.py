"""How numbers are written in answers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tools.result import show


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("2.50"), "2.5"), (Decimal("1E+1"), "10"), (Decimal("0.000001"), "0.000001"),
    # found backwards from a growth rate (24 ÷ 1.2 ÷ 1.1): to 4 places, and said to be rounded
    (Decimal(24) / Decimal("1.2") / Decimal("1.1"), "约18.1818"),
    (Decimal(20) - Decimal(24) / Decimal("1.2") / Decimal("1.1"), "约1.8182"),
    # beyond the default 28 digits nothing is rounded away unsaid
    (Decimal("1234567890123456789012345678901"), "1234567890123456789012345678901"),
    (Decimal("12345678901234567890123.12345"), "12345678901234567890123.12345"),
    (Decimal("1234567890123456789012345678.1234567"), "约1234567890123456789012345678.1235"),
])
def test_show(value: Decimal, text: str) -> None:
    assert show(value) == text
