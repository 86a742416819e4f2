"""Corpus tab: the documents with their status as of today, article tree and full text."""

from __future__ import annotations

from datetime import date

import gradio as gr

from corpus import document_status, get_corpus

from .errors import friendly
from .render import cited_unit_html, esc, status_badge


def documents_html(as_of: date) -> str:
    corpus = get_corpus()
    rows = []
    for doc_id in corpus.ids:
        doc = corpus.doc(doc_id)
        m = doc.meta
        st = document_status(m, as_of)
        level = "省级" if m.level == "province" else "市级"
        rows.append(
            f'<tr data-doc="{esc(doc_id)}"><td><code>{esc(doc_id)}</code></td>'
            f"<td>{esc(m.title)}</td><td>{esc(m.issuer)}（{level}）</td>"
            f"<td>{status_badge(st.status)}</td><td>{esc(st.reason)}"
            f'<div class="muted">依据：{esc("、".join(st.citations) or "—")}</div></td>'
            f"<td>{len(doc.articles)}</td></tr>")
    return (f'<div class="muted">状态截至 {as_of.isoformat()}</div>'
            '<table class="pa-table docs-table"><thead><tr><th>编号</th><th>文件</th>'
            "<th>发文机关</th><th>状态</th><th>说明</th><th>条数</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _anchor(cid: str) -> str:
    return "u-" + cid.replace(":", "-")


def tree_html(doc_id: str) -> str:
    """Chapters and their articles, each a link into the full text beside it."""
    doc = get_corpus().doc(doc_id)
    groups: list[tuple[str, list[str]]] = []
    for unit in doc.units:
        group = unit.chapter or ("附件" if unit.kind == "attachment" else "正文")
        if not groups or groups[-1][0] != group:
            groups.append((group, []))
        title = f" {esc(unit.title)}" if unit.title else ""
        groups[-1][1].append(f'<li><a href="#{esc(_anchor(unit.id))}">{esc(unit.article)}'
                             f"{title}</a></li>")
    parts = [f"<details open><summary>{esc(g)}</summary><ul>{''.join(items)}</ul></details>"
             for g, items in groups]
    return f'<nav class="article-tree">{"".join(parts)}</nav>'


def fulltext_html(doc_id: str) -> str:
    doc = get_corpus().doc(doc_id)
    out = [f'<h3 class="doc-title">{esc(doc.meta.title)}</h3>']
    chapter = None
    for unit in doc.units:
        if unit.chapter and unit.chapter != chapter:
            chapter = unit.chapter
            out.append(f"<h4>{esc(chapter)}</h4>")
        label = unit.label if unit.kind != "notice" else "通知"
        out.append(f'<div class="unit" id="{esc(_anchor(unit.id))}"><span class="unit-label">'
                   f'{esc(label)}</span> <code class="cid">{esc(unit.id)}</code>'
                   f"<p>{esc(unit.text)}</p></div>")
    return f'<div class="fulltext">{"".join(out)}</div>'


@friendly
def lookup(cid: str) -> str:
    cid = (cid or "").strip()
    if not cid:
        raise gr.Error("请输入引用编号，如 qinghai:第十四条 (enter a citation id)")
    return cited_unit_html(cid)


def build() -> None:
    """Adds the tab's components to the enclosing Blocks."""
    corpus = get_corpus()
    gr.HTML(documents_html(date.today()), elem_id="docs-overview")
    with gr.Row():
        cid = gr.Textbox(label="按引用编号查看条文", scale=4, elem_id="cid-input",
                         placeholder="qinghai:第十四条、sichuan:第十一条:（一）")
        go = gr.Button("查看", scale=1, elem_id="cid-go")
    cited = gr.HTML(elem_id="cid-view")
    go.click(lookup, cid, cited, api_visibility="private")
    cid.submit(lookup, cid, cited, api_visibility="private")
    choices = [(f"{corpus.doc(i).meta.short_name}｜{corpus.doc(i).meta.title}", i)
               for i in corpus.ids]
    doc = gr.Dropdown(choices=choices, value=corpus.ids[0], label="文件", elem_id="doc-select")
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=200):
            tree = gr.HTML(tree_html(corpus.ids[0]), elem_id="article-tree")
        with gr.Column(scale=3):
            text = gr.HTML(fulltext_html(corpus.ids[0]), elem_id="fulltext")
    doc.change(lambda d: (tree_html(d), fulltext_html(d)), doc, [tree, text],
               api_visibility="private")
