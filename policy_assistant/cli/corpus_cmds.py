"""`policy-assistant corpus …`: list documents, show units by citation id."""

from __future__ import annotations

from pathlib import Path

import click

from corpus import document_status, get_corpus

from .common import UserError, as_of_option, emit_json, json_option, parse_date


@click.group()
def corpus() -> None:
    """浏览五份文件：列表、按引用编号查看条文。"""


def document_row(doc_id: str, as_of_text: str | None) -> dict[str, object]:
    doc = get_corpus().doc(doc_id)
    m = doc.meta
    status = document_status(m, parse_date(as_of_text))
    return {
        "id": m.id, "title": m.title, "issuer": m.issuer, "level": m.level,
        "province": m.province, "parent": m.parent, "kind": m.kind, "draft": m.draft,
        **status.to_json(),
        "issue_date": m.issue.value.isoformat() if m.issue.value else None,
        "validity_years": m.validity_years,
        "articles": len(doc.articles),
        "attachment_sections": len([u for u in doc.attachment_sections if u.article != "附件"]),
        "notes": list(m.notes),
        "sha256": m.sha256,
    }


@corpus.command("list")
@as_of_option
@json_option
def list_cmd(as_of: str | None, as_json: bool) -> None:
    """列出文件及其截至某日的状态（征求意见稿 / 有效 / 已过有效期 / 未知）。"""
    for doc_id in get_corpus().ids:
        row = document_row(doc_id, as_of)
        if as_json:
            emit_json(row)
            continue
        click.echo(f"{row['id']:<9} {row['title']}")
        click.echo(f"          {row['issuer']}｜{'省级' if row['level'] == 'province' else '市级'}"
                   f"｜{row['articles']}条｜状态（截至{row['as_of']}）：{row['status_label']}")
        click.echo(f"          {row['reason']}  依据：{'、'.join(row['citations'])}")  # type: ignore[arg-type]


@corpus.command("show")
@click.argument("ids", nargs=-1, required=True)
@json_option
def show_cmd(ids: tuple[str, ...], as_json: bool) -> None:
    """按引用编号显示条文原文，如 qinghai:第十四条、sichuan:第十一条:（一）、zhangye:附件四。"""
    c = get_corpus()
    units = [c.unit(i) for i in ids]  # fails on the first unknown id, before printing
    for unit in units:
        if as_json:
            emit_json(unit.to_json())
        else:
            doc = c.doc(unit.doc)
            head = f"【{unit.id}】{doc.meta.title}"
            if unit.chapter:
                head += f" · {unit.chapter}"
            click.echo(head)
            click.echo(f"{unit.label} {unit.text}" if unit.kind != "attachment"
                       else f"{unit.article}：{unit.text}")


@corpus.command("add")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "doc_id", required=True, help="新文件的编号，如 hubei")
@click.option("--title", default=None, help="标题（默认取自正文）")
@click.option("--level", type=click.Choice(["province", "city"]), default=None)
@json_option
def add_cmd(file: Path, doc_id: str, title: str | None, level: str | None, as_json: bool) -> None:
    """添加一份同类规章（UTF-8 或 GBK 文本），解析条文并起草规则待审核。"""
    from corpus.store import AddError, add_document

    try:
        meta = add_document(file, doc_id, title=title, level=level)
    except AddError as exc:
        raise UserError(str(exc)) from None
    doc = get_corpus().doc(doc_id)
    drafted = _draft_rules(doc_id)
    row = {"id": doc_id, "title": meta["title"], "articles": len(doc.articles),
           "attachment_sections": len(doc.attachment_sections), "rules_drafted": drafted,
           "status": document_row(doc_id, None)["status"]}
    if as_json:
        emit_json(row)
    else:
        click.echo(f"已添加 {doc_id}：{meta['title']}，{row['articles']}条。")
        if drafted is not None:
            click.echo(f"已起草 {drafted} 条规则（草稿，审核前不用于判定）："
                       f"policy-assistant rules review {doc_id}")


def _draft_rules(doc_id: str) -> int | None:
    """Draft the new document's rules when the rule drafter is installed (tools.drafting)."""
    try:
        from tools.drafting import draft_and_store  # type: ignore[import-not-found]
    except ImportError:
        return None
    return int(draft_and_store(doc_id))
