"""Rule drafting for added regulations: numeric criteria and date facts, kept as drafts until
a person reviews them (`policy-assistant rules review ID --accept`)."""

from .document import draft_document
from .draft import Criterion, Drafted, Skipped, draft_units
from .store import (
    ReviewError,
    accept,
    draft_and_store,
    draft_refusal,
    is_reviewed,
    load_user_rules,
    problems,
    rules_dir,
    rules_path,
    user_jurisdictions,
)

__all__ = [
    "Criterion",
    "Drafted",
    "ReviewError",
    "Skipped",
    "accept",
    "draft_and_store",
    "draft_document",
    "draft_refusal",
    "draft_units",
    "is_reviewed",
    "load_user_rules",
    "problems",
    "rules_dir",
    "rules_path",
    "user_jurisdictions",
]
