"""Eligibility tab: the profile form, per-jurisdiction verdict tables, batch CSV screening."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import gradio as gr

import tools
from corpus import get_corpus
from tools import ProfileError, parse_profile

from . import form
from .errors import friendly
from .render import esc
from .results import results_csv, results_html, summary_row

ALL = "all"


def jurisdiction_choices() -> list[tuple[str, str]]:
    corpus = get_corpus()
    return [("全部", ALL)] + [(corpus.doc(i).meta.short_name, i) for i in corpus.ids]


def run_checks(profiles: list[Any], jurisdiction: str) -> list[dict[str, Any]]:
    """The tools' results as JSON, per profile one per jurisdiction (all of them, closest first,
    for 全部), exactly as `policy-assistant check --json` screens them."""
    return [r.to_json() for r in tools.screen(profiles, jurisdiction)]


def _out_dir() -> Path:
    return Path(tempfile.mkdtemp(prefix="policy-assistant-"))


def _slot_labels(latest: int | None) -> list[str]:
    labels: list[str] = []
    years = form.series_years(latest) if latest else [None] * form.SERIES_YEARS
    for f in form.fields():
        if f.kind == "series":
            labels += [f"{f.label} {y}年（{f.unit}）" if y else f"{f.label}（{f.unit}）"
                       for y in years]
        else:
            labels.append(f.title)
    return labels


def _hint(f: form.Field) -> str | None:
    return {"percent": "百分数，55 表示 55%", "growth": "百分数，可为负",
            "count": "整数"}.get(f.kind)


def _slot_updates(errors: dict[str, str]) -> list[Any]:
    """`info` under each input: the field's message when it is wrong, its hint otherwise."""
    out: list[Any] = []
    for f in form.fields():
        msg = errors.get(f.key)
        for i in range(f.slots):
            info = f"⚠ {msg}" if msg and i == 0 else (_hint(f) if i == 0 else None)
            out.append(gr.update(info=info))
    return out


def errors_html(errors: dict[str, str], summary: str | None = None) -> str:
    if not errors and not summary:
        return ""
    titles = {f.key: f.title for f in form.fields()}
    items = [f"<li><b>{esc(titles.get(k, k))}</b>：{esc(m)}</li>" for k, m in errors.items()]
    if summary:
        items.append(f"<li>{esc(summary)}</li>")
    return (f'<div class="form-errors"><b>请修改以下内容后再检查：</b><ul>{"".join(items)}</ul>'
            "</div>")


@friendly
def on_check(jurisdiction: str, latest_year: Any, *values: Any) -> list[Any]:
    try:
        mapping = form.to_mapping(latest_year, values)
    except ProfileError as exc:
        return [errors_html({}, str(exc)), gr.update(), *_slot_updates({})]
    errors = form.field_errors(mapping)
    if errors:
        return [errors_html(errors), gr.update(), *_slot_updates(errors)]
    try:
        profile = parse_profile(mapping)
    except ProfileError as exc:  # a rule across fields, e.g. parts larger than the whole
        return [errors_html({}, str(exc)), gr.update(), *_slot_updates({})]
    results = run_checks([profile], jurisdiction)
    return ["", results_html(results, profile.warnings), *_slot_updates({})]


@friendly
def on_export(latest_year: Any, *values: Any) -> Any:
    try:
        data = form.profile_json(form.to_mapping(latest_year, values))
    except ProfileError as exc:
        raise gr.Error(str(exc), print_exception=False) from None
    path = _out_dir() / f"画像-{data.get('name') or '未命名'}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return gr.update(value=str(path), visible=True)


@friendly
def on_import(file: Any) -> list[Any]:
    text = Path(file if isinstance(file, str) else file.name).read_text(encoding="utf-8-sig")
    try:
        latest, values = form.from_json_text(text)
    except ProfileError as exc:
        raise gr.Error(str(exc), print_exception=False) from None
    labels = _slot_labels(latest)
    updates = [gr.update(value=v, label=lab) for v, lab in zip(values, labels, strict=True)]
    return [latest if latest else gr.update(), "", *updates]


def on_year(latest_year: Any) -> list[Any]:
    latest = int(latest_year) if latest_year not in (None, "") else None
    return [gr.update(label=lab) for lab in _slot_labels(latest)]


@friendly
def on_batch(file: Any, jurisdiction: str) -> tuple[str, str]:
    if file is None:
        raise gr.Error("请先上传画像文件 (upload a profile file first)", print_exception=False)
    path = Path(file if isinstance(file, str) else file.name)
    try:
        profiles = tools.load_profiles(path)
    except ProfileError as exc:
        raise gr.Error(str(exc), print_exception=False) from None
    results = run_checks(profiles, jurisdiction)
    out = _out_dir() / f"{path.stem}-筛查结果.csv"
    out.write_text(results_csv(results), encoding="utf-8")
    rows = "".join(
        f'<tr><td>{esc(s["profile"])}</td><td>{esc(s["地区"])}</td>'
        f'<td class="verdict-{esc(s["verdict"])}">{esc(s["结论"])}</td>'
        f'<td>{esc(s["not_met"] or "—")}</td><td>{esc(s["missing"] or "—")}</td></tr>'
        for s in map(summary_row, results))
    table = (f'<div class="muted">{len(profiles)} 个集群 × {len(results) // len(profiles)} 个地区'
             '</div><table class="pa-table batch-table"><thead><tr><th>集群</th><th>地区</th>'
             f"<th>结论</th><th>不满足</th><th>需补充</th></tr></thead><tbody>{rows}</tbody>"
             "</table>")
    return str(out), table


def template_csv(latest: int) -> str:
    """An empty batch file with the columns load_profiles reads (output_2024 style series)."""
    cols: list[str] = []
    for f in form.fields():
        if f.kind == "series":
            prefix = f.key.removesuffix("_by_year")
            cols += [f"{prefix}_{y}" for y in form.series_years(latest)]
        else:
            cols.append(f.key)
    path = _out_dir() / "批量筛查模板.csv"
    path.write_text("\ufeff" + ",".join(cols) + "\n", encoding="utf-8")
    return str(path)


def _slot(f: form.Field, label: str, index: int) -> gr.components.Component:
    first = index == 0
    eid = f"f-{f.key}" if first else f"f-{f.key}-{index}"
    if f.kind == "flag":
        return gr.Radio(list(form.FLAG_CHOICES), value=form.UNSET, label=label, elem_id=eid,
                        min_width=220)
    if f.kind == "level":
        return gr.Dropdown(list(form.LEVEL_CHOICES), value=form.UNSET, label=label, elem_id=eid,
                           min_width=220)
    return gr.Textbox(label=label, info=_hint(f) if first else None, elem_id=eid, max_lines=1,
                      min_width=160)


def build() -> None:
    latest_default = date.today().year - 1
    labels = iter(_slot_labels(latest_default))
    with gr.Row():
        jur = gr.Dropdown(jurisdiction_choices(), value=ALL, label="申报地区", scale=2,
                          elem_id="jurisdiction")
        latest = gr.Number(latest_default, precision=0, scale=2, elem_id="latest-year",
                           label="最近一个完整年度（近三年的最后一年）")
    slots: list[gr.components.Component] = []
    groups = list(dict.fromkeys(f.group for f in form.fields()))
    for group in groups:
        with gr.Accordion(group, open=group in groups[:2]), gr.Row():
            for f in (x for x in form.fields() if x.group == group):
                for i in range(f.slots):
                    slots.append(_slot(f, next(labels), i))
    errors = gr.HTML(elem_id="form-errors")
    with gr.Row():
        check_btn = gr.Button("检查是否符合认定条件", variant="primary", elem_id="check-btn")
        export_btn = gr.Button("导出画像 JSON", elem_id="export-btn")
        import_btn = gr.UploadButton("导入画像 JSON", file_types=[".json"], elem_id="import-btn")
    exported = gr.File(label="画像文件", interactive=False, elem_id="profile-file", visible=False)
    results = gr.HTML(elem_id="check-results")
    check_btn.click(on_check, [jur, latest, *slots], [errors, results, *slots],
                    api_visibility="private")
    export_btn.click(on_export, [latest, *slots], exported, api_visibility="private")
    import_btn.upload(on_import, import_btn, [latest, errors, *slots], api_visibility="private")
    latest.change(on_year, latest, slots, api_visibility="private")

    gr.Markdown("### 批量筛查\n上传多个集群的画像（CSV 每行一个集群，或 JSONL / JSON 列表 / "
                "YAML），按上面选择的地区逐一检查，结果可下载为 CSV。")
    with gr.Row():
        batch_in = gr.File(label="画像文件（.csv .jsonl .json .yaml）", elem_id="batch-input",
                           file_types=[".csv", ".jsonl", ".json", ".yaml", ".yml"], height=120)
        batch_out = gr.File(label="筛查结果 CSV", interactive=False, elem_id="batch-output",
                            height=120)
    with gr.Row():
        batch_btn = gr.Button("批量筛查", variant="primary", elem_id="batch-btn")
        template_btn = gr.Button("下载空白模板", elem_id="template-btn")
    batch_table = gr.HTML(elem_id="batch-results")
    batch_btn.click(on_batch, [batch_in, jur], [batch_out, batch_table],
                    api_visibility="private")
    template_btn.click(lambda y: template_csv(int(y or latest_default)), latest, batch_out,
                       api_visibility="private")
