"""HTML and CSV the app shows: quoted articles highlighted, results tables, batch CSV."""

from __future__ import annotations

import csv
import io

from corpus import get_corpus
from tools import parse_profile, screen
from ui.render import cited_unit_html, highlight
from ui.results import CSV_COLUMNS, result_html, results_csv


def test_highlight_marks_the_verbatim_quote_and_escapes_html() -> None:
    assert highlight("甲<乙>  丙丁", "乙> 丙") == ("甲&lt;<mark>乙&gt; 丙</mark>丁", True)
    assert highlight("甲乙", "戊") == ("甲乙", False)


def test_item_citation_opens_its_article_with_the_quote_marked() -> None:
    html = cited_unit_html("sichuan:第十一条:（一）", "中小企业产值占集群总产值60%以上")
    assert "<mark>中小企业产值占集群总产值60%以上</mark>" in html
    assert "第十一条" in html and "第三章 认定标准" in html
    # the whole article is shown, so the reader sees the item in context
    assert "（二）优质中小企业梯度培育成效显著" in html


def test_unknown_citation_is_a_message() -> None:
    assert "无此条文" in cited_unit_html("qinghai:第九十九条")


PROFILE = {"name": "示例集群", "area_km2": 80, "sme_output_share": 55,
           "output_by_year": {"2023": 18, "2024": 21, "2025": 23}}


def test_result_table_colours_each_criterion_and_cites_it() -> None:
    result = next(screen([parse_profile(PROFILE)], "qinghai")).to_json()
    html = result_html(result)
    assert 'data-jurisdiction="qinghai"' in html
    assert '<tr data-metric="annual_output" data-status="not_met">' in html
    assert '<td class="st-not_met">不满足</td>' in html
    assert '<tr data-metric="area_km2" data-status="met">' in html
    assert "≤ 100 平方公里" in html and "（一般）" in html  # the soft word is shown
    assert "差 2 亿元" in html
    assert html.count('class="cite-chip"') >= len(result["criteria"])


def test_batch_csv_has_one_row_per_profile_and_jurisdiction() -> None:
    profiles = [parse_profile(PROFILE), parse_profile({"name": "空白集群"})]
    results = [r.to_json() for r in screen(profiles, "all")]
    text = results_csv(results)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == 2 * len(get_corpus().ids)
    qinghai = next(r for r in rows if r["profile"] == "示例集群" and r["jurisdiction"] == "qinghai")
    assert qinghai["verdict"] == "not_eligible" and qinghai["结论"] == "不符合认定条件"
    assert "近三年集群年产值（每一年）[qinghai:附件一]" in qinghai["not_met"]
    assert "已过有效期" in qinghai["warnings"]
    blank = [r for r in rows if r["profile"] == "空白集群"]
    assert {r["verdict"] for r in blank} == {"undetermined"}


def test_chat_text_after_a_table_is_not_a_table_row() -> None:
    from ui.chat_tab import end_tables

    text = "结论\n| a | b |\n|---|---|\n| 1 | 2 |\n说明：…\n\n依据"
    assert end_tables(text) == "结论\n| a | b |\n|---|---|\n| 1 | 2 |\n\n说明：…\n\n依据"
