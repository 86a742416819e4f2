"""`policy-assistant check` and `compare`: eligibility and cross-jurisdiction comparison."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from .common import UserError, as_of_option, emit_json, json_option, parse_date

MARKS = {"met": "✓", "not_met": "✗", "unknown": "?"}
OPS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "为", "any": "之一"}


def _profiles(source: str) -> list[Any]:
    from tools import ProfileError, load_profiles, parse_profile
    from tools.loading import SUFFIXES, loads_exact

    try:
        if source == "-":
            text = sys.stdin.read()
            try:
                objs = loads_exact(text)
                objs = objs if isinstance(objs, list) else [objs]
            except json.JSONDecodeError:
                objs = [loads_exact(line) for line in text.splitlines() if line.strip()]
            return [parse_profile(o, f"第{i}个 (item {i}) ") for i, o in enumerate(objs, 1)]
        path = Path(source)
        if not path.is_file():
            raise UserError(f"找不到画像文件 (profile file not found): {source}")
        if path.suffix.lower() not in SUFFIXES:
            raise UserError(f"不支持的画像文件类型 (unsupported profile file type): "
                            f"{path.suffix or source} (use {', '.join(SUFFIXES)})")
        return load_profiles(path)
    except ProfileError as exc:
        raise UserError(str(exc)) from None
    except json.JSONDecodeError as exc:
        raise UserError(f"标准输入不是 JSON (stdin is not JSON): {exc.msg}") from None


def _threshold_text(c: dict[str, Any]) -> str:
    if c.get("alternatives"):
        return "；或 ".join(_threshold_text(a) for a in c["alternatives"])
    if c["operator"] == "==":
        return ""
    unit = c["unit"] or ""
    return f"{OPS[c['operator']]} {c['threshold']}{unit}"


def _value_text(c: dict[str, Any]) -> str:
    v = c["value"]
    if v is None:
        return "未提供"
    if isinstance(v, bool):
        return "是" if v else "否"
    return f"{v}{c['unit'] or ''}" if not isinstance(v, str) else v


def print_result(r: dict[str, Any]) -> None:
    n = r["counts"]
    name = r["document_status"].get("short_name", r["jurisdiction"])
    head = f"【{name}】{r['profile']}：{r['verdict_label']}"
    click.echo(f"{head}（满足 {n['met']} 项，不满足 {n['not_met']} 项，未知 {n['unknown']} 项）")
    for c in r["criteria"]:
        line = f"  {MARKS[c['status']]} {c['label']}：{_value_text(c)}"
        limit = _threshold_text(c)
        if limit:
            line += f"，标准 {limit}"
        if c.get("margin_text"):
            line += f"（{c['margin_text']}）"
        if c.get("note"):
            line += f"（{c['note']}）"
        click.echo(f"{line}  〔{c['citation']['id']}〕“{c['phrase']}”")
        if c.get("derivation") and c["status"] != "unknown":
            click.echo(f"      计算：{c['derivation']}")
        if c["status"] == "not_met" and c.get("gap"):
            click.echo(f"      差距：{c['gap']}")
    if r["missing"]:
        click.echo("  缺少：" + "；".join(f"{m['label']}（{m['key']}）" for m in r["missing"]))
    for w in r["warnings"]:
        cites = f"〔{'、'.join(w['citations'])}〕" if w["citations"] else ""
        click.echo(f"  提示：{w['message']}{cites}")


@click.command()
@click.option("--profile", "profile_path", required=True, metavar="FILE",
              help="画像文件：.json/.yaml（一个集群）或 .jsonl/.csv（多个）；- 表示标准输入")
@click.option("--jurisdiction", "-j", default="all", show_default=True, metavar="J",
              help="地区：sichuan/guizhou/shandong/zhangye/qinghai（或 四川 等），all 为全部")
@click.option("--summary", is_flag=True, help="只输出结论、未满足项与缺少的数据（批量筛查用）")
@click.option("--workers", type=click.IntRange(0, 64), default=0, show_default=True,
              help="--json 批量筛查的进程数；0 为自动（2000个画像以上且机器不忙时用2个）")
@as_of_option
@json_option
def check(profile_path: str, jurisdiction: str, summary: bool, workers: int, as_of: str | None,
          as_json: bool) -> None:
    """对照认定标准逐项判断是否符合：满足 / 不满足 / 未知，附差距与原文引用。"""
    import tools

    day = parse_date(as_of)
    try:
        j = "all" if jurisdiction.strip().lower() in ("all", "全部") else \
            tools.resolve_jurisdiction(jurisdiction)
    except tools.UnknownJurisdiction as exc:
        raise UserError(str(exc)) from None
    if j != "all" and tools.load_rules(j).draft:
        from tools.drafting import draft_refusal

        raise UserError(draft_refusal(j))
    profiles = _profiles(profile_path)
    if as_json:
        from tools.batch import screen_jsonl

        sys.stdout.flush()
        out = sys.stdout.buffer
        for chunk in screen_jsonl(profiles, j, day, summarise=summary, workers=workers):
            out.write(chunk)
        out.flush()
        return
    for result in tools.screen(profiles, j, day):
        if summary:
            row = tools.summary(result)
            click.echo(f"{row['profile']}\t{row['jurisdiction']}\t{row['verdict_label']}\t"
                       f"未满足：{'、'.join(row['not_met']) or '无'}\t"
                       f"缺少：{'、'.join(row['missing']) or '无'}")
            continue
        print_result(result.to_json())
        click.echo()


def _print_metric(t: dict[str, Any]) -> None:
    click.echo(f"{t['label']}（{t['metric']}）")
    for r in t["rows"]:
        if r.get("absent"):
            click.echo(f"  {r['name']:<4} —— {r['note']}")
            continue
        q = f"［{r['qualifier']}］" if r.get("qualifier") else ""
        draft = f"  ⚠ {r['rules_note']}" if r.get("rules_status") == "draft" else ""
        click.echo(f"  {r['name']:<4} {_threshold_text(r) or r['threshold']}{q}  "
                   f"〔{r['citation']['id']}〕“{r['phrase']}”{draft}")


def _cell(r: dict[str, Any]) -> str:
    if r.get("absent"):
        return "—"
    if r.get("alternatives"):
        return " 或 ".join(_cell(a) for a in r["alternatives"])
    q = "（" + r["qualifier"] + "）" if r.get("qualifier") else ""
    if r["operator"] == "==":
        return ("须是" if r["threshold"] else "须否") + q
    if r["operator"] == "<" and isinstance(r["threshold"], str):
        return f"无{r['threshold']}及以上"
    return f"{OPS[r['operator']]}{r['threshold']}{r['unit'] or ''}{q}"


def _print_matrix(m: dict[str, Any]) -> None:
    tables = m["metrics"]
    names = [r["name"] for r in tables[0]["rows"]] if tables else []
    click.echo("\t".join(["指标", *names]))
    for t in tables:
        click.echo("\t".join([t["label"], *(_cell(r) for r in t["rows"])]))


def _print_topic(t: dict[str, Any]) -> None:
    click.echo(f"{t['label']}（{t['topic']}）")
    for r in t["rows"]:
        click.echo(f"  {r['name']}：" + ("未规定" if not r["entries"] else ""))
        for e in r["entries"]:
            value = f"【{e['value']}】" if e.get("value") else ""
            click.echo(f"    · {e['aspect_label']}{value} 〔{e['citation']['id']}〕"
                       f"“{e['citation']['quote']}”")
    for d in t["differences"]:
        click.echo(f"  差异：{d}")


@click.command()
@click.option("--metric", "-m", default=None, metavar="M",
              help="指标，如 sme_output_share；all 为全部指标的对照表")
@click.option("--topic", "-t", default=None, metavar="T", help="主题，如 validity、revocation")
@click.option("--list", "list_all", is_flag=True, help="列出可比较的指标与主题")
@json_option
def compare(metric: str | None, topic: str | None, list_all: bool, as_json: bool) -> None:
    """五地对照：某项指标的门槛，或某个主题（有效期、撤销情形、申报主体…）的规定。"""
    import tools

    if list_all:
        listing = {"metrics": tools.METRICS, "topics": tools.TOPICS}
        if as_json:
            emit_json(listing)
        else:
            for k, m in tools.METRICS.items():
                click.echo(f"metric  {k:<28} {m['label']}")
            for k, label in tools.TOPICS.items():
                click.echo(f"topic   {k:<28} {label}")
        return
    if (metric is None) == (topic is None):
        raise UserError("请只给出 --metric 或 --topic 之一 (give exactly one of --metric, --topic)")
    if metric is not None and metric.strip().lower() in ("all", "全部"):
        matrix = tools.compare_all()
        if as_json:
            emit_json(matrix)
        else:
            _print_matrix(matrix)
        return
    try:
        table = tools.compare_metric(metric) if metric is not None else \
            tools.compare_topic(topic or "")
    except tools.UnknownTopic as exc:
        raise UserError(str(exc)) from None
    if as_json:
        emit_json(table)
    elif metric is not None:
        _print_metric(table)
    else:
        _print_topic(table)
