"""The corpus tab in headless Chromium: documents with their status, tree, full text."""

from __future__ import annotations

from datetime import date

import pytest

from corpus import document_status, get_corpus

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.server]


def test_documents_with_status_badges_and_full_text(page) -> None:
    page.get_by_role("tab", name="文件").click()
    overview = page.locator("#docs-overview")
    overview.locator("table").wait_for()
    corpus = get_corpus()
    for doc_id in corpus.ids:
        row = overview.locator(f'tr[data-doc="{doc_id}"]')
        expected = document_status(corpus.doc(doc_id).meta, date.today()).label
        assert row.locator(".badge").inner_text() == expected
    # qinghai's text ran two years from 2023-06-27.
    assert "已于2025-06-26届满" in overview.locator('tr[data-doc="qinghai"]').inner_text()

    page.locator("#doc-select input").click()
    page.get_by_role("option", name="青海｜青海省促进中小企业特色产业集群发展实施细则").click()
    page.locator("#fulltext").get_by_text("qinghai:第十四条", exact=True).wait_for()
    page.locator("#article-tree").get_by_role("link", name="第十四条", exact=True).click()
    assert corpus.unit("qinghai:第十四条").text[:20] in page.locator(
        "#fulltext").inner_text()

    page.locator("#cid-input textarea").fill("zhangye:附件四")
    page.locator("#cid-go").click()
    view = page.locator("#cid-view .cite-body")
    view.wait_for()
    assert corpus.unit("zhangye:附件四").text[:30] in view.inner_text()
    screenshot(page, "corpus")


def test_unknown_citation_shows_a_message_not_a_traceback(page) -> None:
    page.get_by_role("tab", name="文件").click()
    page.locator("#cid-input textarea").fill("qinghai:第九十九条")
    page.locator("#cid-go").click()
    page.locator("#cid-view .cite-missing").wait_for()
    view = page.locator("#cid-view").inner_text()
    assert "无此条文 (no such article): qinghai:第九十九条" in view
    assert "Traceback" not in page.content()
