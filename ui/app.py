"""The web app: one gr.Blocks with the chat, eligibility, comparison and corpus tabs."""

from __future__ import annotations

import os
from pathlib import Path

# Set before gradio is imported: no telemetry, no version check over the network.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from . import api, chat_tab, check_tab, compare_tab, corpus_tab

CSS = (Path(__file__).with_name("style.css")).read_text(encoding="utf-8")
# System fonts only, so the page loads nothing from outside (the network is closed).
THEME = gr.themes.Default(
    font=["PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei",
          "system-ui", "sans-serif"],
    font_mono=["ui-monospace", "monospace"],
)
TITLE = "中小企业特色产业集群政策助手"
SUBTITLE = "四川、贵州、山东、张掖、青海五份文件 · 离线运行 · 每句话都注明出处"


def build_app() -> gr.Blocks:
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"## {TITLE}\n{SUBTITLE}", elem_id="app-header")
        with gr.Tabs():
            with gr.Tab("问答", id="chat", elem_id="tab-chat"):
                chat_tab.build()
            with gr.Tab("资格自测", id="check", elem_id="tab-check"):
                check_tab.build()
            with gr.Tab("各地对比", id="compare", elem_id="tab-compare"):
                compare_tab.build()
            with gr.Tab("文件", id="corpus", elem_id="tab-corpus"):
                corpus_tab.build()
        api.register()
    return demo


def launch(host: str = "127.0.0.1", port: int = 7860) -> None:
    demo = build_app()
    demo.queue(default_concurrency_limit=2)
    demo.launch(server_name=host, server_port=port, show_error=True, theme=THEME, css=CSS,
                ssr_mode=False, footer_links=["api"], quiet=False)
