"""Profiles from files: one object (.json/.yaml) or many (.json list, .jsonl, .csv)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from .profile import Profile, ProfileError, parse_profile

_SERIES_COLUMN = re.compile(r"^(output|leading_industry_output|rd|patents)_(\d{4})$")
SUFFIXES = (".json", ".yaml", ".yml", ".jsonl", ".csv")


class _ExactLoader(yaml.SafeLoader):
    """YAML with decimal fractions read exactly (69.99999999999999999 is not 70.0)."""


def _yaml_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return loader.construct_yaml_float(node)
    return value if value.is_finite() else loader.construct_yaml_float(node)


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _yaml_decimal)


def loads_exact(text: str) -> Any:
    """JSON with fractions as exact Decimal, never binary floats."""
    return json.loads(text, parse_float=Decimal)


def _objects(value: Any, path: Path) -> list[Any]:
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return value
    raise ProfileError(f"{path.name}: 应为对象或对象列表 (expected an object or a list of objects)")


def csv_row(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row as a profile dict: `output_2024` columns become `output_by_year` (likewise
    `leading_industry_output_`, `rd_`, `patents_`); a JSON cell
    is accepted for the by-year keys; empty cells are unknown."""
    out: dict[str, Any] = {}
    for column, cell in row.items():
        if column is None:
            raise ProfileError("CSV 行的列数多于表头 (a row has more cells than the header)")
        column = column.strip()
        cell = (cell or "").strip()
        m = _SERIES_COLUMN.match(column)
        if m:
            if cell:
                out.setdefault(m.group(1) + "_by_year", {})[m.group(2)] = cell
        elif column.endswith("_by_year") and cell:
            try:
                out[column] = loads_exact(cell)
            except json.JSONDecodeError:
                raise ProfileError(f"{column} 应为 JSON 对象 (expected a JSON object): "
                                   f"{cell!r:.40}") from None
        elif cell:
            out[column] = cell
    return out


def read_text(path: Path) -> str:
    """UTF-8 (with or without BOM), else GB18030: spreadsheets saved on Chinese Windows."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProfileError(f"无法读取画像文件 (cannot read profile file): {path} "
                           f"({exc.strerror})") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ProfileError(f"画像文件应为 UTF-8 或 GBK 编码 (neither UTF-8 nor GBK): {path}")


def iter_profile_dicts(path: Path) -> Iterator[tuple[str, Any]]:
    """(where, raw object) pairs, `where` naming the line or row for error messages."""
    suffix = path.suffix.lower()
    text = read_text(path)
    if suffix == ".csv":
        for i, row in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=2):
            where = f"第{i}行 (row {i}) "
            try:
                yield where, csv_row(row)
            except ProfileError as exc:
                raise ProfileError(f"{where}{exc}") from None
        return
    try:
        if suffix == ".jsonl":
            for i, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    yield f"第{i}行 (line {i}) ", loads_exact(line)
            return
        if suffix == ".json":
            objs = _objects(loads_exact(text), path)
        elif suffix in (".yaml", ".yml"):
            objs = _objects(yaml.load(text, Loader=_ExactLoader), path)
        else:
            raise ProfileError(f"不支持的画像文件类型 (unsupported profile file type): {suffix} "
                               f"(use {', '.join(SUFFIXES)})")
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0]
        raise ProfileError(f"{path.name}: 无法解析 (cannot parse): {first}") from None
    for i, obj in enumerate(objs, start=1):
        yield (f"第{i}个 (item {i}) " if len(objs) > 1 else ""), obj


def load_profiles(path: str | Path) -> list[Profile]:
    """Every profile in the file, validated; the first bad one raises ProfileError."""
    p = Path(path)
    profiles = []
    for i, (where, obj) in enumerate(iter_profile_dicts(p), start=1):
        profile = parse_profile(obj, where)
        if profile.name is None and p.suffix.lower() in (".csv", ".jsonl"):
            warnings = profile.warnings
            profile = profile.model_copy(update={"name": f"{p.stem}#{i}"})
            profile._warnings = warnings
        profiles.append(profile)
    if not profiles:
        raise ProfileError(f"{p.name}: 文件中没有画像 (no profiles in the file)")
    return profiles
