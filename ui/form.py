"""The eligibility form as data: its fields, and form values ↔ profile mappings.

No gradio here, so the conversions are unit-tested directly. Validation is `tools.parse_profile`'s:
the form only sends what the user typed, one field at a time for inline messages.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tools import ProfileError, parse_profile

SERIES_YEARS = 3  # 近三年
FLAG_CHOICES = ("未填", "是", "否")
LEVEL_CHOICES = ("未填", "无", "一般", "较大", "重大", "特别重大")  # parse_profile maps the words
UNSET = "未填"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str  # text | number | count | percent | growth | series | flag | level
    group: str
    unit: str | None = None

    @property
    def slots(self) -> int:
        """How many input widgets the field takes (a series takes one per year)."""
        return SERIES_YEARS if self.kind == "series" else 1

    @property
    def title(self) -> str:
        return f"{self.label}（{self.unit}）" if self.unit else self.label


@cache
def fields() -> tuple[Field, ...]:
    spec = yaml.safe_load(Path(__file__).with_name("profile_form.yaml").read_text("utf-8"))
    return tuple(Field(key=f["key"], label=f["label"], kind=f["kind"], group=g["group"],
                       unit=f.get("unit")) for g in spec for f in g["fields"])


def series_years(latest: int) -> list[int]:
    return list(range(latest - SERIES_YEARS + 1, latest + 1))


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def to_mapping(latest_year: Any, values: Sequence[Any]) -> dict[str, Any]:
    """Form values (in `fields()` slot order) → the profile mapping, blanks left out."""
    out: dict[str, Any] = {}
    it = iter(values)
    years = series_years(int(latest_year)) if latest_year not in (None, "") else None
    for f in fields():
        raw = [next(it) for _ in range(f.slots)]
        if f.kind == "series":
            if years is None:
                if any(_text(v) for v in raw):
                    raise ProfileError("请填写最近一个完整年度 (enter the latest year)")
                continue
            points = {str(y): _text(v) for y, v in zip(years, raw, strict=True) if _text(v)}
            if points:
                out[f.key] = points
        elif f.kind in ("flag", "level"):
            if raw[0] not in (None, "", UNSET):
                out[f.key] = {"是": True, "否": False}.get(raw[0], raw[0])
        elif _text(raw[0]):
            out[f.key] = _text(raw[0])
    return out


def field_errors(mapping: Mapping[str, Any]) -> dict[str, str]:
    """Per-field messages from `parse_profile`, each field checked on its own."""
    errors: dict[str, str] = {}
    for key, value in mapping.items():
        try:
            parse_profile({key: value})
        except ProfileError as exc:
            errors[key] = str(exc).split(": ", 1)[-1].removeprefix(f"{key}: ")
    return errors


def _json_number(d: Decimal) -> int | float | str:
    # A float only when it carries the value exactly (parse_profile reads floats by their
    # shortest repr); otherwise the exact decimal as a string, which parse_profile also reads.
    if d == d.to_integral_value():
        return int(d)
    return float(str(d)) if Decimal(repr(float(str(d)))) == d else format(d, "f")


def profile_json(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """The validated profile as plain JSON (numbers as numbers), for download."""
    profile = parse_profile(mapping)
    out: dict[str, Any] = {}
    for key, value in profile.model_dump(exclude_none=True).items():
        if isinstance(value, Decimal):
            out[key] = _json_number(value)
        elif isinstance(value, dict):
            out[key] = {str(y): _json_number(v) for y, v in value.items()}
        else:
            out[key] = value
    return out


def from_json_text(text: str) -> tuple[int | None, list[Any]]:
    """An uploaded profile JSON → (latest year, form values in slot order)."""
    try:
        data = json.loads(text, parse_float=Decimal)  # exact: 69.99999999999999999 stays so
    except json.JSONDecodeError as exc:
        raise ProfileError(f"画像文件不是有效的 JSON (not valid JSON): {exc.msg}") from None
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    profile = parse_profile(data)  # raises ProfileError on bad values
    dumped = profile.model_dump(exclude_none=True)
    series = [dumped.get(f.key) for f in fields() if f.kind == "series"]
    latest = max((max(s) for s in series if s), default=None)
    values: list[Any] = []
    for f in fields():
        v = dumped.get(f.key)
        if f.kind == "series":
            years = series_years(latest) if latest else []
            values.extend(_plain(v.get(y)) if v and v.get(y) is not None else ""
                          for y in years or [0] * SERIES_YEARS)
        elif f.kind == "flag":
            values.append(UNSET if v is None else ("是" if v else "否"))
        elif f.kind == "level":
            values.append(UNSET if v is None else _level_word(v))
        else:
            values.append("" if v is None else _plain(v))
    return latest, values


def _plain(v: Any) -> str:
    return format(v, "f") if isinstance(v, Decimal) else str(v)


def _level_word(key: str) -> str:
    """The Chinese word for a level key, read back through parse_profile itself."""
    for word in LEVEL_CHOICES[1:]:
        if parse_profile({"incident_level": word}).incident_level == key:
            return word
    return UNSET
