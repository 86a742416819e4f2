"""The tools as `langchain_core` tools with typed argument schemas, for the agent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool, ToolException
from pydantic import BaseModel, Field

from .compare import TOPICS, UnknownTopic, compare_metric, compare_topic
from .evaluate import UnknownJurisdiction, check, resolve_jurisdiction
from .profile import Profile, ProfileError, one_line, parse_profile
from .rules import metrics
from .screen import check_all


class CheckArgs(BaseModel):
    profile: Profile = Field(description="集群画像：单位固定为 亿元、百分数（55 即 55%）、"
                                         "平方公里；未知的数据不要填，不要填 0")
    jurisdiction: str = Field("all", description="sichuan/guizhou/shandong/zhangye/qinghai "
                                                 "或中文简称（青海），all 表示五地全部")
    as_of: str | None = Field(None, description="判断文件是否有效所用的日期 YYYY-MM-DD，默认今天")


class MetricArgs(BaseModel):
    metric: str = Field(description="指标键，如 " + "、".join(list(metrics())[:8]) + " …")


class TopicArgs(BaseModel):
    topic: str = Field(description="主题键：" + "、".join(f"{k}（{v}）" for k, v in TOPICS.items()))


def check_eligibility(profile: Profile | dict[str, Any], jurisdiction: str = "all",
                      as_of: str | None = None) -> list[dict[str, Any]]:
    """逐项判断集群是否符合认定标准（满足/不满足/未知），附差距、缺少的数据与原文引用。"""
    try:
        p = parse_profile(profile if isinstance(profile, Profile) else dict(profile))
        day = date.fromisoformat(as_of) if as_of else date.today()
        if jurisdiction.strip().lower() in ("all", "全部"):
            return [r.to_json() for r in check_all(p, day)]
        return [check(p, resolve_jurisdiction(jurisdiction), day).to_json()]
    except (ProfileError, UnknownJurisdiction, ValueError) as exc:
        raise ToolException(str(exc)) from None


def compare_thresholds(metric: str) -> dict[str, Any]:
    """五地同一指标的门槛对照：运算符、门槛、单位、限定词（一般/原则上）与原文引用。"""
    try:
        return compare_metric(metric)
    except UnknownTopic as exc:
        raise ToolException(str(exc)) from None


def compare_provisions(topic: str) -> dict[str, Any]:
    """五地非数值规定对照（有效期、撤销情形、申报主体、报送时间、变更备案、公示、申诉…），
    并指出某地有而他地没有的规定。"""
    try:
        return compare_topic(topic)
    except UnknownTopic as exc:
        raise ToolException(str(exc)) from None


def langchain_tools() -> list[BaseTool]:
    """check_eligibility, compare_thresholds, compare_provisions as structured tools; bad input
    comes back to the model as the one-line error message instead of raising."""
    specs: list[tuple[Callable[..., Any], type[BaseModel]]] = [
        (check_eligibility, CheckArgs), (compare_thresholds, MetricArgs),
        (compare_provisions, TopicArgs)]
    return [StructuredTool.from_function(func=f, name=f.__name__, description=f.__doc__ or "",
                                         args_schema=schema, handle_tool_error=True,
                                         handle_validation_error=one_line)
            for f, schema in specs]
