"""The web app in headless Chromium: a cited answer, a verdict table, batch CSV in and out."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from corpus import verify_quote
from tools import load_profiles, screen
from ui.results import results_csv

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.server]


def textbox(page, elem_id: str):
    return page.locator(f"#{elem_id} input, #{elem_id} textarea").first


def ask(page, question: str) -> None:
    before = page.locator("#chatbot .message-row, #chatbot [data-testid='bot']").count()
    textbox(page, "chat-input").fill(question)
    page.locator("#chat-send").click()
    page.wait_for_function(
        "([n]) => document.querySelectorAll(\"#chatbot .message-row, #chatbot "
        "[data-testid='bot']\").length >= n + 2", arg=[before])
    page.locator("#chatbot .pending, #chatbot .generating").first.wait_for(state="detached")


def bot_messages(page):
    return page.locator("#chatbot [data-testid='bot']")


def test_chat_answers_with_citation_chips_that_open_the_quoted_article(page) -> None:
    ask(page, "青海的集群认定有效期是几年？")
    answer = bot_messages(page).last
    assert "有效期为三年" in answer.inner_text()
    chip = answer.locator(".cite-chip").first
    assert chip.locator("summary").inner_text() == "[1] 青海 第十四条"
    chip.locator("summary").click()
    mark = chip.locator(".cite-text mark")
    mark.wait_for()
    assert mark.inner_text().startswith("集群有效期为三年。")
    assert verify_quote("qinghai:第十四条", mark.inner_text())
    assert "第四章 动态管理" in chip.locator(".cite-head").inner_text()
    screenshot(page, "chat")


def test_examples_fill_the_box_and_an_empty_question_is_a_message(page) -> None:
    page.locator("#chat-send").click()
    page.get_by_text("请输入问题 (type a question)").first.wait_for()
    assert "Traceback" not in page.content()
    page.locator("#chat-examples").get_by_text("张掖的文件现在还有效吗？").click()
    page.wait_for_function("() => document.querySelector('#chat-input textarea').value"
                           " === '张掖的文件现在还有效吗？'")


def test_each_browser_session_keeps_its_own_conversation(browser, server_url) -> None:
    pages = []
    for _ in range(2):
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = ctx.new_page()
        pg.set_default_timeout(60_000)
        pg.goto(server_url)
        pg.wait_for_selector("#app-header")
        pages.append(pg)
    a, b = pages
    try:
        ask(a, "我们想在青海申报")
        ask(b, "近三年产值分别是18亿、21亿、23亿元")
        ask(a, "近三年产值分别是18亿、21亿、23亿元")
        # A remembers 青海 and checks the numbers; B was never told where and asks.
        assert "青海：按您提供的情况，不符合认定条件" in bot_messages(a).last.inner_text()
        assert "请问您想对照哪个地方" in bot_messages(b).last.inner_text()
        screenshot(a, "chat-eligibility")
        a.locator("#chat-new").click()
        a.wait_for_function("() => !document.querySelector(\"#chatbot [data-testid='bot']\")")
        ask(a, "近三年产值分别是18亿、21亿、23亿元")
        assert "请问您想对照哪个地方" in bot_messages(a).last.inner_text()
    finally:
        for pg in pages:
            pg.context.close()


def choose(page, elem_id: str, option: str) -> None:
    page.locator(f"#{elem_id} input").click()
    page.get_by_role("option", name=option, exact=True).click()


def test_form_validates_inline_then_shows_a_verdict_table(page, tmp_path: Path) -> None:
    page.get_by_role("tab", name="资格自测").click()
    choose(page, "jurisdiction", "青海")
    textbox(page, "f-name").fill("示例集群")
    textbox(page, "f-area_km2").fill("80")
    textbox(page, "f-sme_output_share").fill("120")
    years = [textbox(page, "f-output_by_year"), textbox(page, "f-output_by_year-1"),
             textbox(page, "f-output_by_year-2")]
    for box, value in zip(years, ["18", "21", "23"], strict=True):
        box.fill(value)
    page.locator("#check-btn").click()
    errors = page.locator("#form-errors .form-errors")
    errors.wait_for()
    assert "中小企业产值占集群总产值比例（%）：比例不能超过100" in errors.inner_text()
    assert "⚠ 比例不能超过100" in page.locator("#f-sme_output_share").inner_text()
    assert textbox(page, "f-sme_output_share").input_value() == "120"  # the form keeps inputs
    assert textbox(page, "f-name").input_value() == "示例集群"

    textbox(page, "f-sme_output_share").fill("55")
    page.locator("#check-btn").click()
    result = page.locator('#check-results .jur-result[data-jurisdiction="qinghai"]')
    result.wait_for()
    assert page.locator("#form-errors .form-errors").count() == 0
    assert "不符合认定条件" in result.locator("summary").first.inner_text()
    row = result.locator('tr[data-metric="annual_output"]')
    assert row.get_attribute("data-status") == "not_met"
    assert "差 2 亿元" in row.inner_text()
    assert result.locator('tr[data-metric="area_km2"] td.st-met').inner_text() == "满足"
    assert result.locator('tr[data-metric="leading_industry_share"]').get_attribute(
        "data-status") == "unknown"
    assert "已过有效期" in result.locator(".warnings").inner_text()
    screenshot(page, "eligibility")

    # the profile downloads as JSON and uploads again into a fresh form
    page.locator("#export-btn").click()
    link = page.locator("#profile-file a").first
    link.wait_for()
    with page.expect_download() as dl:
        link.click()
    saved = tmp_path / "profile.json"
    dl.value.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8")) == {
        "name": "示例集群", "area_km2": 80, "sme_output_share": 55,
        "output_by_year": {"2023": 18, "2024": 21, "2025": 23}}
    page.reload()
    page.get_by_role("tab", name="资格自测").click()
    page.locator("#import-btn input[type=file], input[type=file][accept*='.json']").first \
        .set_input_files(str(saved))
    page.wait_for_function("() => document.querySelector('#f-name input, #f-name textarea')"
                           ".value === '示例集群'")
    assert textbox(page, "f-sme_output_share").input_value() == "55"
    assert years[2].input_value() == "23"


def test_batch_csv_upload_and_result_download(page, tmp_path: Path) -> None:
    source = tmp_path / "clusters.csv"
    source.write_text(
        "name,area_km2,output_2023,output_2024,output_2025,sme_output_share\n"
        "甲集群,80,18,21,23,55\n"
        "乙集群,150,30,32,35,72\n", encoding="utf-8")
    page.get_by_role("tab", name="资格自测").click()
    page.locator("#batch-input input[type=file]").set_input_files(str(source))
    page.locator("#batch-input").get_by_text("clusters.csv").first.wait_for()
    page.locator("#batch-btn").click()
    link = page.locator("#batch-output a").first
    link.wait_for()
    table = page.locator("#batch-results table")
    assert table.locator("tbody tr").count() == 10  # 2 clusters × 5 jurisdictions
    with page.expect_download() as dl:
        link.click()
    saved = tmp_path / "result.csv"
    dl.value.save_as(saved)
    expected = results_csv(r.to_json() for r in screen(load_profiles(source), "all"))
    assert saved.read_text(encoding="utf-8") == expected
    rows = list(csv.DictReader(io.StringIO(expected.lstrip("\ufeff"))))
    assert {(r["profile"], r["jurisdiction"]) for r in rows} >= {("乙集群", "zhangye")}
    screenshot(page, "batch")


def test_compare_tab_table_and_chart(page) -> None:
    page.get_by_role("tab", name="各地对比").click()
    table = page.locator("#compare-table table")
    table.wait_for()
    assert table.locator('tr[data-jurisdiction="shandong"]').inner_text().startswith("山东\t≥ 70%")
    assert table.locator('tr[data-jurisdiction="qinghai"]').inner_text().startswith("青海\t≥ 50%")
    page.locator("#compare-chart svg, #compare-chart canvas").first.wait_for()
    screenshot(page, "compare")
    choose(page, "compare-pick", "主题｜集群有效期与复核")
    page.locator('#compare-table tr[data-aspect="term"]').wait_for()
    assert "三年" in page.locator('#compare-table tr[data-aspect="term"]').inner_text()
    page.locator("#compare-chart").wait_for(state="hidden")
