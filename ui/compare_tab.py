"""Compare tab: one metric or topic across the jurisdictions, as a table and a bar chart."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import gradio as gr
import pandas as pd

import tools

from .api import as_cli_json
from .errors import friendly
from .render import citation_chip, esc
from .results import OPERATOR_SYMBOLS, jurisdiction_name


def choices() -> list[tuple[str, str]]:
    metrics = [(f"指标｜{m['label']}", f"metric:{k}") for k, m in tools.METRICS.items()]
    topics = [(f"主题｜{label}", f"topic:{k}") for k, label in tools.TOPICS.items()]
    return metrics + topics


def comparison(choice: str) -> dict[str, Any]:
    kind, _, key = choice.partition(":")
    obj = tools.compare_metric(key) if kind == "metric" else tools.compare_topic(key)
    return as_cli_json(obj)


def requirement(row: dict[str, Any]) -> str:
    if row.get("absent"):
        return "未规定"
    op, t = str(row.get("operator") or ""), row.get("threshold")
    if op == "any":
        alts = row.get("alternatives") or []
        return "满足其一：" + "；".join(requirement(a) for a in alts)
    if op == "==" or isinstance(t, bool):
        return f"应为：{'是' if t is True else '否' if t is False else esc(t)}"
    text = f"{OPERATOR_SYMBOLS.get(op, op)} {esc(t)}{esc(row.get('unit') or '')}"
    if row.get("qualifier"):
        text += f"（{esc(row['qualifier'])}）"
    return text


def _chip(cite: Any) -> str:
    return citation_chip(str(cite["id"]), cite.get("quote")) if cite and cite.get("id") else "—"


def metric_table(obj: dict[str, Any]) -> str:
    body = "".join(
        f'<tr data-jurisdiction="{esc(r["jurisdiction"])}">'
        f"<td>{esc(r.get('name') or jurisdiction_name(r['jurisdiction']))}</td>"
        f"<td>{requirement(r)}</td><td>{esc(r.get('phrase') or '—')}</td>"
        f"<td>{esc(r.get('note') or r.get('reading') or '')}</td>"
        f"<td>{_chip(r.get('citation'))}</td></tr>" for r in obj.get("rows") or [])
    return (f"<h4>{esc(obj.get('label'))} <code>{esc(obj.get('metric'))}</code></h4>"
            '<table class="pa-table compare-table"><thead><tr><th>地区</th><th>要求</th>'
            f"<th>原文</th><th>说明</th><th>依据</th></tr></thead><tbody>{body}</tbody></table>")


def topic_table(obj: dict[str, Any]) -> str:
    """Aspects down, jurisdictions across: what each text says, and where it says nothing."""
    rows = obj.get("rows") or []
    head = "".join(f"<th>{esc(r.get('name') or r['jurisdiction'])}</th>" for r in rows)
    body = []
    for a in obj.get("aspects") or []:
        cells = []
        for r in rows:
            hits = [e for e in r.get("entries") or [] if e.get("aspect") == a["aspect"]]
            cells.append("<td>" + ("".join(f"<div>{esc(e.get('value') or '有规定')}"
                                           f"{_chip(e.get('citation'))}</div>" for e in hits)
                                   or '<span class="muted">未规定</span>') + "</td>")
        body.append(f'<tr data-aspect="{esc(a["aspect"])}"><td>{esc(a["label"])}</td>'
                    f"{''.join(cells)}</tr>")
    diffs = "".join(f"<li>{esc(d)}</li>" for d in obj.get("differences") or [])
    return (f"<h4>{esc(obj.get('label'))}</h4>"
            f'<table class="pa-table compare-table"><thead><tr><th>方面</th>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
            + (f'<div class="differences"><b>差异</b><ul>{diffs}</ul></div>' if diffs else ""))


def table_html(obj: dict[str, Any]) -> str:
    return topic_table(obj) if "topic" in obj else metric_table(obj)


def _number(v: Any) -> float | None:
    try:
        return float(Decimal(str(v)))  # for drawing only; decisions never use this
    except (InvalidOperation, ValueError):
        return None


def chart_frame(obj: dict[str, Any]) -> pd.DataFrame | None:
    """Numeric thresholds per jurisdiction, or None when there is nothing to draw."""
    points = []
    for r in obj.get("rows") or []:
        value = _number(r.get("threshold"))
        if value is not None:
            op = OPERATOR_SYMBOLS.get(str(r.get("operator")), r.get("operator") or "")
            points.append({"地区": r.get("name") or jurisdiction_name(str(r["jurisdiction"])),
                           "门槛": value, "要求": f"{op}{r.get('threshold')}{r.get('unit') or ''}"})
    return pd.DataFrame(points) if points else None


@friendly
def on_pick(choice: str) -> tuple[str, Any]:
    if not choice:
        raise gr.Error("请选择一个指标或主题 (pick a metric or topic)", print_exception=False)
    obj = comparison(choice)
    frame = chart_frame(obj)
    if frame is None:
        return table_html(obj), gr.update(value=None, visible=False)
    unit, label = obj.get("unit"), obj.get("label")
    top = float(frame["门槛"].max())
    return table_html(obj), gr.update(value=frame, visible=True, sort=list(frame["地区"]),
                                      y_lim=[0, top * 1.15],
                                      title=f"{label}门槛（{unit}）" if unit else label)


def build() -> None:
    options = choices()
    values = [v for _, v in options]
    first = "metric:sme_output_share" if "metric:sme_output_share" in values else values[0]
    table_value, chart_value = on_pick(first)
    pick = gr.Dropdown(options, value=first, label="对比的指标或主题", elem_id="compare-pick")
    chart = gr.BarPlot(chart_value.get("value"), x="地区", y="门槛", tooltip=["地区", "要求"],
                       elem_id="compare-chart", visible=chart_value.get("visible", False),
                       title=chart_value.get("title"), y_title="门槛", x_title="地区",
                       sort=chart_value.get("sort"), y_lim=chart_value.get("y_lim"), height=280)
    table = gr.HTML(table_value, elem_id="compare-table")
    pick.change(on_pick, pick, [table, chart], api_visibility="private")
