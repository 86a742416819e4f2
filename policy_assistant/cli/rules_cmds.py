"""`policy-assistant rules review ID [--accept]`: drafted rules beside their quotes."""

from __future__ import annotations

from typing import Any

import click

from corpus import get_corpus

from .common import UserError, emit_json, json_option

_OPS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


@click.group()
def rules() -> None:
    """审核新添加文件的规则草稿（审核前不用于资格判定）。"""


def _load(doc_id: str) -> tuple[dict[str, Any], str]:
    """(rules file, where it is) for a user document's draft or a shipped jurisdiction."""
    from tools.drafting import ReviewError, load_user_rules, rules_path
    from tools.drafting.shipped import shipped_rules

    c = get_corpus()
    if doc_id not in c.ids:
        raise UserError(f"未知文件编号 (unknown document id): {doc_id!r}；"
                        f"可选 (choose from): {'、'.join(c.ids)}")
    try:
        doc = load_user_rules(doc_id)
    except ReviewError as exc:
        raise UserError(str(exc)) from None
    if doc is not None:
        return doc, str(rules_path(doc_id))
    shipped = shipped_rules(doc_id)
    if shipped is not None and not c.doc(doc_id).meta.user_added:
        return {**shipped, "status": "reviewed"}, "（内置规则 shipped）"
    raise UserError(f"没有 {doc_id} 的规则草稿 (no drafted rules for {doc_id}; "
                    "run `policy-assistant corpus add FILE --id ID` first)")


def _rule_line(c: dict[str, Any], labels: dict[str, str], cats: dict[str, str],
               levels: dict[str, str]) -> str:
    label = labels.get(c["metric"], c["metric"])
    if c.get("alternatives"):
        return f"{label}：满足其一"
    if c.get("operator") is None:
        expect = c.get("expect")
        want = "须为是" if expect else "须为否" if expect is False else c.get("threshold")
        soft = f"（原文：{c['qualifier']}）" if c.get("qualifier") else ""
        return f"{label}：{want}{soft}"
    op = _OPS.get(c["operator"], c["operator"])
    if c.get("negated"):  # an incident level: 未发生较大及以上… means worst level < 较大
        word = next((w for w, k in levels.items() if k == c["threshold"]), c["threshold"])
        return f"{label} {op} {word}（即不得发生{word}及以上）"
    text = f"{label} {op} {c['threshold']} {c.get('unit') or ''}"
    if c.get("years"):
        text += f"（近{c['years']}年每年）"
    if c.get("categories"):
        text += f"（计：{'、'.join(cats.get(k, k) for k in c['categories'])}）"
    if c.get("qualifier"):
        text += f"（原文：{c['qualifier']}）"
    return text.rstrip()


def _rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    c = get_corpus()
    rows = []
    for rule in doc.get("criteria") or ():
        ok = c.verify_quote(rule["citation"], rule["phrase"])
        alts = [{**a, "quote_verified": c.verify_quote(rule["citation"], a["phrase"])}
                for a in rule.get("alternatives") or ()]
        row = {**rule, "quote_verified": ok, "unit_text": c.quote(rule["citation"])
               if c.has(rule["citation"]) else None}
        if alts:
            row["alternatives"] = alts
        rows.append(row)
    return rows


@rules.command("review")
@click.argument("doc_id", metavar="ID")
@click.option("--accept", is_flag=True, help="审核通过：将全部规则标记为已审核")
@json_option
def review_cmd(doc_id: str, accept: bool, as_json: bool) -> None:
    """逐条显示起草的规则及其原文；--accept 标记为已审核，之后才用于资格判定。"""
    from tools.drafting import ReviewError
    from tools.drafting import accept as accept_draft
    from tools.drafting.patterns import tables

    doc, where = _load(doc_id)
    if accept:
        if where.startswith("（"):
            raise UserError(f"{doc_id} 是内置规则，已审核 (shipped rules are already reviewed)")
        try:
            doc = accept_draft(doc_id)
        except ReviewError as exc:
            raise UserError(str(exc)) from None
        n = len(doc.get("criteria") or ())
        if as_json:
            emit_json({"id": doc_id, "status": doc["status"], "accepted": n, "path": where,
                       "reviewed_on": doc["reviewed_on"]})
        else:
            click.echo(f"已审核 {doc_id} 的 {n} 条规则，现可用于资格判定。（{where}）")
        return
    rows = _rows(doc)
    if as_json:
        emit_json({"id": doc_id, "status": doc.get("status", "reviewed"), "path": where,
                   "criteria": rows, "relaxation": doc.get("relaxation"),
                   "dates": doc.get("dates") or [], "skipped": doc.get("skipped") or []})
        return
    labels, cats, levels = tables().metric_labels, tables().category_labels, tables().levels
    draft = doc.get("status") == "draft"
    state = "草稿，尚未审核，审核前不用于资格判定" if draft else "已审核"
    click.echo(f"{doc_id} 的规则（{state}）  {where}")
    if not rows:
        click.echo("未从原文中起草出数值规则（请核对下方未起草的数字，或手工补充）。")
    for i, row in enumerate(rows, start=1):
        mark = "✓ 与原文一致" if row["quote_verified"] else "✗ 原文中找不到此引文"
        click.echo(f"{i:>2}. {_rule_line(row, labels, cats, levels)}")
        click.echo(f"    原文【{row['citation']}】{row['phrase']}  {mark}")
        for j, alt in enumerate(row.get("alternatives") or ()):
            line = _rule_line(alt, labels, cats, levels)
            click.echo(f"    {'abcdefgh'[j]}. {line}：{alt['phrase']}")
        if row.get("note"):
            click.echo(f"    注意：{row['note']}")
    if doc.get("relaxation"):
        r = doc["relaxation"]
        click.echo(f"放宽条款（{r['applies_if']}）【{r['citation']}】{r['phrase']}")
    for fact in doc.get("dates") or ():
        name = {"effective_date": "施行日期", "validity_years": "有效期（年）",
                "issue_date": "印发日期"}.get(fact["fact"], fact["fact"])
        value = "未写明" if fact["value"] is None else (
            "自印发之日起" if fact["value"] == "on_issue" else fact["value"])
        click.echo(f"{name}：{value}  原文【{fact['citation']}】{fact['phrase']}")
    skipped = doc.get("skipped") or ()
    if skipped:
        click.echo("未起草为规则的数字（请人工核对）：")
        for s in skipped:
            click.echo(f"  【{s['citation']}】{s['phrase']}  ← {s['reason']}")
    if draft:
        click.echo(f"确认无误后执行：policy-assistant rules review {doc_id} --accept")


@rules.command("list")
@json_option
def list_cmd(as_json: bool) -> None:
    """列出各文件的规则及审核状态（内置已审核 / 草稿 / 已审核 / 无规则）。"""
    from tools.drafting import load_user_rules, rules_path
    from tools.drafting.shipped import shipped_rules

    c = get_corpus()
    for doc_id in c.ids:
        meta = c.doc(doc_id).meta
        if meta.user_added:
            doc = _safe_user_rules(doc_id, load_user_rules)
            source, where = "user", str(rules_path(doc_id)) if doc is not None else None
        else:
            doc, source, where = shipped_rules(doc_id), "shipped", None
        status = "none" if doc is None else doc.get("status", "reviewed")
        row = {"id": doc_id, "title": meta.title, "source": source, "status": status,
               "criteria": len((doc or {}).get("criteria") or ()), "path": where}
        if as_json:
            emit_json(row)
            continue
        label = {"reviewed": "已审核", "draft": "草稿（未审核，不用于判定）", "none": "无规则",
                 "invalid": "规则文件有误"}.get(status, status)
        origin = "内置" if source == "shipped" else "添加"
        click.echo(f"{doc_id:<10} {origin}｜{label}｜{row['criteria']}条  {meta.title}")


def _safe_user_rules(doc_id: str, load: Any) -> dict[str, Any] | None:
    from tools.drafting import ReviewError

    try:
        doc: dict[str, Any] | None = load(doc_id)
    except ReviewError:
        return {"status": "invalid"}
    return doc


@rules.command("draft")
@click.argument("doc_id", metavar="ID")
@json_option
def draft_cmd(doc_id: str, as_json: bool) -> None:
    """按当前识别规则重新起草某个已添加文件的规则（覆盖原草稿，需重新审核）。"""
    from tools.drafting import draft_and_store, rules_path

    c = get_corpus()
    if doc_id not in c.ids:
        raise UserError(f"未知文件编号 (unknown document id): {doc_id!r}；"
                        f"可选 (choose from): {'、'.join(c.ids)}")
    if not c.doc(doc_id).meta.user_added:
        raise UserError(f"{doc_id} 是内置文件，其规则已审核，不重新起草 "
                        "(shipped rules are reviewed; only added documents are drafted)")
    n = draft_and_store(doc_id)
    if as_json:
        emit_json({"id": doc_id, "status": "draft", "rules_drafted": n,
                   "path": str(rules_path(doc_id))})
    else:
        click.echo(f"已重新起草 {doc_id} 的 {n} 条规则（草稿）："
                   f"policy-assistant rules review {doc_id}")
