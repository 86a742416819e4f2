"""`policy-assistant serve`: the web app."""

from __future__ import annotations

import click

from .common import UserError


@click.command()
@click.option("--port", "-p", default=7860, show_default=True, type=click.IntRange(1, 65535),
              help="端口")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址（0.0.0.0 供局域网访问）")
def serve(port: int, host: str) -> None:
    """启动网页版（聊天、资格自测、对比、文件浏览），默认 http://127.0.0.1:7860 。"""
    try:
        from ui import launch
    except ImportError as exc:
        raise UserError("网页版需要 gradio：pip install -e \".[web]\" "
                        f"(web extra not installed: {exc.name})") from None
    try:
        launch(host=host, port=port)
    except OSError as exc:
        raise UserError(f"无法在 {host}:{port} 启动服务 (cannot start server): {exc}") from None
