"""policy-assistant: a cited assistant for five regulations on SME characteristic clusters."""

__version__ = "0.1.0"
