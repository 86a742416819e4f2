"""Chat tab: the assistant, one Conversation per browser session (held in gr.State)."""

from __future__ import annotations

from typing import Any

import gradio as gr

from .errors import friendly
from .render import citation_chips
from .results import results_html, warning_items

EXAMPLES = [
    "青海的集群认定有效期是几年？",
    "四川对集群占地面积有什么要求？",
    "各地对中小企业产值占比的要求有什么不同？",
    "我们集群近三年产值分别是18亿、21亿、23亿元，在青海能申报吗？",
    "张掖的文件现在还有效吗？",
]


def end_tables(text: str) -> str:
    """A blank line after each Markdown table, so the next sentence is not read as a table row."""
    lines = text.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.lstrip().startswith("|") and nxt.strip() and not nxt.lstrip().startswith("|"):
            out.append("")
    return "\n".join(out)


def answer_markdown(a: dict[str, Any]) -> str:
    """The answer text, then its warnings, the eligibility tables (folded) and citation chips."""
    text = str(a.get("answer") or "")
    parts = [end_tables(text)]
    # The composed answer usually states its warnings already; add only those it does not.
    warnings = warning_items(w for w in a.get("warnings") or []
                             if not (isinstance(w, str) and w in text))
    if warnings:
        parts.append(warnings)
    if a.get("results"):
        parts.append(f"<details class=\"chat-results\"><summary>逐条核对结果</summary>"
                     f"{results_html(a['results'])}</details>")
    chips = citation_chips(a.get("citations") or [])
    if chips:
        parts.append(f'<div class="muted">点击引用查看原文：</div>{chips}')
    return "\n\n".join(parts)


def _conversation(conv: Any) -> Any:
    from assistant import Conversation

    return conv if conv is not None else Conversation()


@friendly
def on_send(text: str, history: list[dict[str, Any]], conv: Any,
            progress: gr.Progress = gr.Progress(track_tqdm=True)  # noqa: B008 (gradio's idiom)
            ) -> tuple[Any, ...]:
    text = (text or "").strip()
    if not text:
        raise gr.Error("请输入问题 (type a question)", print_exception=False)
    progress(0, desc="正在检索条文…（首次提问需建立检索索引，请稍候）")
    conv = _conversation(conv)
    answer = conv.send(text).to_json()
    history = [*(history or []), {"role": "user", "content": text},
               {"role": "assistant", "content": answer_markdown(answer)}]
    return "", history, conv


def on_new() -> tuple[list[Any], None, str]:
    return [], None, ""


def build() -> None:
    conv = gr.State(None)  # per browser session; a new Conversation on the first question
    chatbot = gr.Chatbot(elem_id="chatbot", height=560, label="对话", buttons=["copy"],
                         feedback_options=None, sanitize_html=True,
                         placeholder="问一问五份文件里的规定，例如认定条件、有效期、各地差异；"
                                     "也可以告诉我您集群的数据，我来逐条核对。")
    with gr.Row():
        msg = gr.Textbox(placeholder="输入问题，回车发送", show_label=False, scale=6,
                         elem_id="chat-input", max_lines=4)
        send = gr.Button("发送", variant="primary", scale=1, elem_id="chat-send")
        new = gr.Button("新对话", scale=1, elem_id="chat-new")
    gr.Examples(EXAMPLES, inputs=msg, label="示例问题（点击填入）", elem_id="chat-examples")
    for trigger in (send.click, msg.submit):
        trigger(on_send, [msg, chatbot, conv], [msg, chatbot, conv], api_visibility="private")
    new.click(on_new, None, [chatbot, conv, msg], api_visibility="private")
