"""The web app (gradio): chat, eligibility form, comparison and corpus browser.

Calls only the public functions of `assistant`, `tools` and `corpus`.
"""

from .app import build_app, launch

__all__ = ["build_app", "launch"]
