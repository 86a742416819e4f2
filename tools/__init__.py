"""Eligibility and comparison tools: rules as data, exact three-valued checks, comparisons."""

from typing import Any

from .compare import (
    METRICS,
    TOPICS,
    UnknownTopic,
    compare_all,
    compare_metric,
    compare_topic,
)
from .evaluate import UnknownJurisdiction, check, resolve_jurisdiction
from .loading import load_profiles
from .profile import Profile, ProfileError, parse_profile
from .result import CheckResult, CriterionResult
from .rules import DraftRules, Rule, RuleError, jurisdictions, load_rules
from .screen import check_all, screen, summary


def langchain_tools() -> list[Any]:
    """The tools as langchain_core structured tools (imported on demand: langchain is slow to
    import and the CLI does not need it)."""
    from .agent_tools import langchain_tools as build

    return list(build())


__all__ = [
    "METRICS",
    "TOPICS",
    "CheckResult",
    "CriterionResult",
    "DraftRules",
    "Profile",
    "ProfileError",
    "Rule",
    "RuleError",
    "UnknownJurisdiction",
    "UnknownTopic",
    "check",
    "check_all",
    "compare_all",
    "compare_metric",
    "compare_topic",
    "jurisdictions",
    "langchain_tools",
    "load_profiles",
    "load_rules",
    "parse_profile",
    "resolve_jurisdiction",
    "screen",
    "summary",
]
