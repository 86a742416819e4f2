"""`policy-assistant search …` and `policy-assistant index build|status`."""

from __future__ import annotations

import sys
import time

import click

from .common import UserError, emit_json, json_option, read_lines

_PREVIEW = 120


def _jurisdiction_arg(value: str | None) -> str | list[str] | None:
    if value is None:
        return None
    parts = [p.strip() for p in value.replace("，", ",").split(",") if p.strip()]
    if not parts:
        raise UserError("--jurisdiction 不能为空 (empty jurisdiction)")
    return parts[0] if len(parts) == 1 else parts


def _settings(dense: bool | None = None):  # type: ignore[no-untyped-def]
    from indexing import SettingsError, settings_from_env

    try:
        s = settings_from_env()
    except SettingsError as exc:
        raise UserError(str(exc)) from None
    return s if dense is None else s.with_(dense=dense)


@click.command()
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 500),
              help="返回的条文数")
@click.option("--jurisdiction", "-j", default=None, metavar="J",
              help="只在这些地区中检索：sichuan、qinghai…，逗号分隔，或 all"
              "（默认按问题中提到的地区）")
@click.option("--level", type=click.Choice(["article", "item"]), default="article",
              show_default=True, help="按条（article）或按项（item）返回")
@click.option("--channel", type=click.Choice(["bm25", "dense", "fused"]), default=None,
              help="检索通道（默认：bm25；开启向量通道时为 fused）")
@json_option
@click.argument("question", required=False)
def search(k: int, jurisdiction: str | None, level: str, channel: str | None, as_json: bool,
           question: str | None) -> None:
    """检索最相关的条文（每行一个问题；不给问题时从标准输入逐行读取）。"""
    from indexing import DenseUnavailable, SearchError, get_retriever
    from indexing.search import jurisdiction_filter

    if question is not None and not question.strip():
        raise UserError("问题为空 (empty question)")
    retriever = get_retriever(_settings())
    wanted = _jurisdiction_arg(jurisdiction)
    for query in read_lines(question):
        try:
            hits = retriever.search(query, k=k, jurisdiction=wanted, level=level,
                                    channel=channel)
        except (SearchError, DenseUnavailable) as exc:
            raise UserError(str(exc)) from None
        if as_json:
            emit_json({"query": query, "jurisdiction": jurisdiction_filter(query, wanted),
                       "results": [h.to_json() for h in hits]})
            continue
        click.echo(f"问题：{query}")
        if not hits:
            click.echo("  （没有找到相关条文）")
        for rank, h in enumerate(hits, 1):
            where = f"（{h.chapter}）" if h.chapter else (f"（{h.title}）" if h.title else "")
            extra = f"  命中 {h.matched}" if h.matched else ""
            click.echo(f"{rank:>3}. {h.id}{where}  得分 {h.score:.2f}{extra}")
            text = h.text if len(h.text) <= _PREVIEW else h.text[:_PREVIEW] + "…"
            click.echo(f"     {text}")


@click.group()
def index() -> None:
    """检索索引：建立、查看。"""


@index.command("build")
@click.option("--dense/--no-dense", default=None,
              help="同时建立向量索引（默认按 POLICY_ASSISTANT_DENSE 设置）")
@json_option
def build(dense: bool | None, as_json: bool) -> None:
    """建立（或重建）检索索引，显示进度条。"""
    from indexing.store import build_lexical_index, build_steps, dense_dir, prune

    settings = _settings(dense)
    started = time.perf_counter()
    steps = build_steps(settings)
    dense_steps = steps - 2 if settings.dense else 0
    keep = {dense_dir(settings)}  # a dense index stays even when this build skips it
    with click.progressbar(length=steps + dense_steps, label="建立检索索引",
                           file=sys.stderr) as bar:
        keep.add(build_lexical_index(settings, progress=bar.update, force=True))
        if settings.dense:
            from indexing.dense import DenseIndex
            from indexing.store import open_lexical

            entries = open_lexical(settings).entries
            DenseIndex.build(settings, entries, progress=bar.update)
    removed = prune(keep)
    seconds = time.perf_counter() - started
    report = {"entries": steps - 2, "dense": settings.dense, "seconds": round(seconds, 2),
              "paths": sorted(str(p) for p in keep if p.exists()), "removed": len(removed)}
    if as_json:
        emit_json(report)
    else:
        click.echo(f"已建立检索索引：{report['entries']} 个检索单元"
                   f"{'（含向量索引）' if settings.dense else ''}，用时 {seconds:.1f} 秒。")


@index.command("status")
@json_option
def status(as_json: bool) -> None:
    """显示索引位置与是否需要重建。"""
    from corpus import get_corpus
    from indexing.store import lexical_dir

    settings = _settings()
    path = lexical_dir(settings)
    built = (path / "manifest.json").is_file()
    row = {"path": str(path), "built": built, "fingerprint": get_corpus().fingerprint,
           "settings": settings.index_hash(), "dense": settings.dense,
           "dense_model": settings.dense_model or None}
    if as_json:
        emit_json(row)
    else:
        click.echo(f"索引目录：{path}")
        click.echo(f"状态：{'已建立' if built else '尚未建立（首次检索时自动建立）'}；"
                   f"向量通道：{'开启' if settings.dense else '关闭'}")
