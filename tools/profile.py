"""A cluster's facts as given by the user, validated with pydantic.

Units are fixed: 亿元, percent as a number, 平方公里."""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from .rules import levels


class ProfileError(ValueError):
    """Bad profile input; the message is one line, Chinese then English."""


_TRUE = {"true", "yes", "y", "1", "是", "有", "对"}
_FALSE = {"false", "no", "n", "0", "否", "无", "没有"}


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _decimal(v: Any) -> Decimal | None:
    if _blank(v):
        return None
    if isinstance(v, bool):
        raise ValueError(f"应为数字 (not a number): {v!r}")
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"应为有限数字 (not a finite number): {v!r}")
        v = repr(v)  # shortest repr: 55.1 → Decimal("55.1"), not its binary expansion
    try:
        d = Decimal(str(v).strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"应为数字 (not a number): {v!r}") from None
    if not d.is_finite():
        raise ValueError(f"应为有限数字 (not a finite number): {v!r}")
    return d


def _nonneg(v: Any) -> Decimal | None:
    d = _decimal(v)
    if d is not None and d < 0:
        raise ValueError(f"不能为负数 (must not be negative): {v!r}")
    return d


def _percent(v: Any) -> Decimal | None:
    d = _nonneg(v)
    if d is not None and d > 100:
        raise ValueError(f"比例不能超过100 (a percentage over 100): {v!r}")
    return d


def _growth(v: Any) -> Decimal | None:
    d = _decimal(v)
    if d is not None and d <= -100:
        raise ValueError(f"增速应大于-100 (growth must be above -100%): {v!r}")
    return d


def _count(v: Any) -> int | None:
    d = _nonneg(v)
    if d is None:
        return None
    if d != d.to_integral_value():
        raise ValueError(f"应为整数 (not a whole number): {v!r}")
    return int(d)


def _flag(v: Any) -> bool | None:
    if _blank(v):
        return None
    if isinstance(v, bool):
        return v
    s = str(v).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ValueError(f"应为 是/否 (not yes/no): {v!r}")


def _level(v: Any) -> str | None:
    if _blank(v):
        return None
    s = str(v).strip()
    for key, word in levels().items():
        if s in (key, word):
            return key
    names = "、".join(f"{w}({k})" for k, w in levels().items())
    raise ValueError(f"事故等级应为 {names} 之一 (unknown severity): {v!r}")


def _series(v: Any) -> dict[int, Decimal] | None:
    if _blank(v):
        return None
    if not isinstance(v, Mapping):
        raise ValueError(f"应为 {{年份: 产值}} 对象 (expected a year → value mapping): {v!r}")
    out: dict[int, Decimal] = {}
    for year, value in v.items():
        y = str(year).strip().removesuffix("年")
        if not (y.isdigit() and len(y) == 4):
            raise ValueError(f"年份应为四位数字 (year must be like 2024): {year!r}")
        d = _nonneg(value)
        if d is not None:
            out[int(y)] = d
    return dict(sorted(out.items())) or None


Num = Annotated[Decimal | None, BeforeValidator(_nonneg)]
Pct = Annotated[Decimal | None, BeforeValidator(_percent)]
Growth = Annotated[Decimal | None, BeforeValidator(_growth)]
Count = Annotated[int | None, BeforeValidator(_count)]
Flag = Annotated[bool | None, BeforeValidator(_flag)]
Level = Annotated[str | None, BeforeValidator(_level)]
Series = Annotated[dict[int, Decimal] | None, BeforeValidator(_series)]

CATEGORIES = ("single_champion", "little_giant", "specialized_sme", "innovative_sme", "high_tech")


class Profile(BaseModel):
    """One cluster. Every field is optional: what is absent is unknown, never zero."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str | None = None
    area_km2: Num = None
    enterprise_count: Count = None
    output_by_year: Series = None
    annual_output: Num = None  # the lowest of the last three years' output, when no series
    sme_output: Num = None  # 亿元, the latest year of output_by_year
    leading_industry_output: Num = None
    leading_industry_output_by_year: Series = None
    sme_output_share: Pct = None
    leading_industry_share: Pct = None
    output_growth: Growth = None
    leading_industry_growth: Growth = None
    single_champion: Count = None
    little_giant: Count = None
    specialized_sme: Count = None
    innovative_sme: Count = None
    high_tech: Count = None
    quality_enterprises: Count = None  # distinct enterprises over the five categories
    leading_industry_champions: Count = None
    rd_growth: Growth = None
    rd_by_year: Series = None  # 研发经费 by year, any one unit: only the ratio counts
    patent_growth: Growth = None
    patents_by_year: Series = None  # 有效发明专利数 (件) by year
    patents_per_10k: Num = None
    patents: Count = None
    employees: Count = None
    iip_penetration: Pct = None
    pillar_industry: Flag = None
    supply_chain_sharing: Flag = None
    high_energy_use: Flag = None
    energy_efficiency_above_benchmark: Flag = None
    high_water_use: Flag = None
    water_efficiency_above_benchmark: Flag = None
    open_cooperation: Flag = None
    operating_body: Flag = None
    three_year_plan: Flag = None
    incident_level: Level = None
    cyber_incident_level: Level = None
    misconduct: Flag = None
    prohibited_industry: Flag = None
    ethnic_or_revolutionary_area: Flag = None

    _warnings: tuple[str, ...] = PrivateAttr(default=())

    @property
    def warnings(self) -> tuple[str, ...]:
        return self._warnings

    @property
    def label(self) -> str:
        return self.name or "未命名集群"

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        cats = [getattr(self, c) for c in CATEGORIES]
        lic = self.leading_industry_champions
        if lic is not None and None not in (self.single_champion, self.little_giant) and \
                lic > (self.single_champion or 0) + (self.little_giant or 0):
            raise ValueError("leading_industry_champions 多于单项冠军与小巨人之和 "
                             "(more leading-industry champions than champions + little giants)")
        if self.quality_enterprises is not None and None not in cats and \
                self.quality_enterprises > sum(c or 0 for c in cats):
            raise ValueError("quality_enterprises（去重家数）多于各类合计 "
                             "(distinct count exceeds the sum of the categories)")
        latest = self.latest_output()
        for key in ("sme_output", "leading_industry_output"):
            part = getattr(self, key)
            if part is not None and latest is not None and part > latest[1]:
                raise ValueError(f"{key} 大于{latest[0]}年集群总产值 (exceeds the cluster's "
                                 f"total output of {latest[0]})")
        if self.employees == 0 and self.latest_patents() is not None:
            raise ValueError("employees 为0，无法计算每万人专利 (employees must be positive)")
        return self

    def latest_patents(self) -> int | None:
        """有效发明专利数: as given, else the latest year of `patents_by_year` when whole."""
        if self.patents is not None:
            return self.patents
        if not self.patents_by_year:
            return None
        last = self.patents_by_year[max(self.patents_by_year)]
        return int(last) if last == last.to_integral_value() else None

    def latest_output(self) -> tuple[int, Decimal] | None:
        if not self.output_by_year:
            return None
        year = max(self.output_by_year)
        return year, self.output_by_year[year]


FIELDS = tuple(Profile.model_fields)


def _suggest(key: str) -> str:
    near = difflib.get_close_matches(key, FIELDS, 1, 0.5)
    return f"，是否指 {near[0]}？(did you mean {near[0]}?)" if near else ""


def one_line(exc: ValidationError, where: str = "") -> str:
    """A pydantic error as one line, Chinese then English, with the nearest key for typos."""
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"])
        ctx = err.get("ctx") or {}
        msg = str(ctx.get("error") or err["msg"]).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = f"未知字段{_suggest(str(err['loc'][-1]))} (unknown key)"
        parts.append(f"{loc}: {msg}" if loc else msg)
    return f"{where}画像数据有误 (invalid profile): " + "；".join(parts)


def parse_profile(data: Mapping[str, Any] | Profile, where: str = "") -> Profile:
    """Validate one profile. Unknown keys are warnings (with the nearest key); bad values raise
    ProfileError with a one-line Chinese + English message."""
    if isinstance(data, Profile):
        return data
    if not isinstance(data, Mapping):
        raise ProfileError(f"{where}画像应为对象 (a profile must be an object): {data!r:.60}")
    known = {k: v for k, v in data.items() if k in FIELDS}
    warnings = [f"未知字段 {k!r} 已忽略{_suggest(str(k))} (unknown key ignored)"
                for k in data if k not in FIELDS]
    if known.get("name") is not None:
        known["name"] = str(known["name"])
    try:
        profile = Profile.model_validate(known)
    except ValidationError as exc:
        raise ProfileError(one_line(exc, where)) from None
    profile._warnings = tuple(warnings)
    return profile


def _describe_fields() -> None:
    """Field descriptions from `data/profile_keys.yaml` (shown in the agent tool's schema)."""
    from .rules import _data

    for key, label in _data("profile_keys.yaml").items():
        if key in Profile.model_fields:
            Profile.model_fields[key].description = label
    Profile.model_rebuild(force=True)


_describe_fields()
