"""The conversational assistant: routing, dialogue state, cited answers (deterministic by default,
an optional LLM writes the prose under a guard)."""

from .answer import Answer, Citation
from .dialogue import Conversation, ask

__all__ = ["Answer", "Citation", "Conversation", "ask"]
