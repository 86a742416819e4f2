"""The conversational assistant: routing, dialogue state, cited answers (deterministic by default;
an optional LLM writes the prose under a guard — see `assistant.llm`)."""

from .answer import Answer, Citation
from .dialogue import Conversation, ask
from .llm import LLMConversation, LLMError, chat_model_from_env, new_conversation

__all__ = ["Answer", "Citation", "Conversation", "LLMConversation", "LLMError", "ask",
           "chat_model_from_env", "new_conversation"]
