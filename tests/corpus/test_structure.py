from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from corpus import (
    cn_to_int,
    document_status,
    get_corpus,
    int_to_cn,
    normalize_ws,
    parse,
    quote,
    verify_quote,
)
from corpus.paths import TEXTS_DIR

SHARED = Path(__file__).resolve().parents[3] / "shared" / "sources"
C = get_corpus()


@pytest.mark.parametrize("doc,count", [("sichuan", 21), ("guizhou", 22), ("shandong", 15),
                                       ("zhangye", 21), ("qinghai", 19)])
def test_article_counts(doc: str, count: int) -> None:
    arts = C.doc(doc).articles
    assert len(arts) == count
    assert [a.article for a in arts] == [f"第{int_to_cn(i)}条" for i in range(1, count + 1)]


@pytest.mark.parametrize("doc,sections", [("zhangye", 8), ("qinghai", 8), ("guizhou", 9),
                                          ("sichuan", 0), ("shandong", 0)])
def test_attachment_sections(doc: str, sections: int) -> None:
    att = [u.article for u in C.doc(doc).attachment_sections]
    expected = ([] if not sections else
                ["附件"] + [f"附件{int_to_cn(i)}" for i in range(1, sections + 1)])
    assert att == expected


@pytest.mark.parametrize("cid,items", [
    ("sichuan:第十一条", 8), ("shandong:第四条", 9), ("guizhou:第十一条", 8),
    ("guizhou:第十二条", 4), ("sichuan:第十九条", 5), ("shandong:第十三条", 6),
    ("zhangye:第十九条", 5), ("qinghai:第十七条", 5), ("qinghai:第五条", 7), ("zhangye:第六条", 7),
])
def test_items(cid: str, items: int) -> None:
    unit = C.unit(cid)
    assert [i.item for i in unit.items] == [f"（{int_to_cn(n)}）" for n in range(1, items + 1)]


def test_every_unit_is_verbatim_and_clean() -> None:
    units = C.units()
    assert len(units) > 150
    for unit in units:
        source = C.normalized_source(unit.doc)
        assert unit.text, unit.id
        assert unit.text in source, unit.id
        assert verify_quote(unit.id, unit.text)
        for junk in ("bookmark", "相关阅读", "版权声明", "热点内容", "sfd2008"):
            assert junk not in unit.text, (unit.id, junk)
        assert C.unit(unit.id) is unit


def test_shipped_texts_are_the_shared_sources_unchanged() -> None:
    if not SHARED.is_dir():
        pytest.skip("shared/sources not beside the checkout")
    mapping = {"000": "sichuan", "001": "guizhou", "002": "shandong", "003": "zhangye",
               "004": "qinghai"}
    for path in SHARED.glob("0*.txt"):
        assert (TEXTS_DIR / f"{mapping[path.name[:3]]}.txt").read_bytes() == path.read_bytes()


def test_guizhou_last_article_stops_at_the_form() -> None:
    assert quote("guizhou:第二十二条") == "本办法自2023年 月 日起实施。"
    assert C.unit("guizhou:附件").text.startswith("贵州省中小企业特色产业集群申报表")
    assert "填报说明" in C.unit("guizhou:附件").text
    eight = C.unit("guizhou:附件八")
    assert eight.title == "未来三年中小企业特色产业集群发展规划"
    assert "四、未来三年中小企业特色产业集群发展规划" in eight.text  # nested outline stays inside
    assert C.unit("guizhou:附件九").title == "真实性声明及推荐意见"


def test_qinghai_notice_footer_and_attachment() -> None:
    notice = quote("qinghai:通知")
    assert notice.startswith("青海省工业和信息化厅关于印发")
    assert notice.endswith("2023年6月26日")
    last = C.unit("qinghai:附件八").text
    assert last.endswith("切实可行。")
    assert C.unit("qinghai:附件").text.startswith("青海省中小企业特色产业集群认定标准(暂行)")
    assert quote("qinghai:第十九条") == "本实施细则自2023年6月27日起实施,有效期2年。"
    assert "申诉" in quote("qinghai:第十七条") and "申诉" not in quote("qinghai:第十七条:（五）")


def test_sichuan_relaxation_stays_in_article_not_item() -> None:
    art = quote("sichuan:第十一条")
    assert art.endswith("民族地区、革命老区可适当放宽。")
    assert "放宽" not in quote("sichuan:第十一条:（八）")
    assert quote("sichuan:第一条").startswith("为深入贯彻落实")


def test_chapters_and_titles() -> None:
    assert C.unit("shandong:第四条").chapter == "第二章 认定条件"
    assert C.unit("qinghai:第十四条").chapter == "第四章 动态管理"
    assert C.doc("qinghai").units[0].article == "通知"
    assert C.doc("zhangye").attachment_announced == "张掖市中小企业特色产业集群认定标准(2024年版)"


def test_verify_quote_rejects_non_verbatim() -> None:
    assert verify_quote("qinghai:第十四条", "集群有效期为三年")
    assert not verify_quote("qinghai:第十四条", "集群有效期为五年")
    assert not verify_quote("qinghai:第九十九条", "集群")
    assert not verify_quote("qinghai:第十四条", "   ")
    assert verify_quote("sichuan:第十一条:（一）", "集群近三年产值均在20亿元以上")


def test_canonical_id_variants() -> None:
    assert C.unit("sichuan:第十一条:(一)").id == "sichuan:第十一条:（一）"
    assert C.unit("sichuan：第十一条：一").id == "sichuan:第十一条:（一）"


@pytest.mark.parametrize("n", [1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 999])
def test_numerals_roundtrip(n: int) -> None:
    assert cn_to_int(int_to_cn(n)) == n


def test_status_as_of_dates() -> None:
    q = C.doc("qinghai").meta
    assert document_status(q, date(2026, 11, 22)).status == "expired"
    assert document_status(q, date(2025, 6, 26)).status == "in_force"
    assert document_status(q, date(2025, 6, 27)).status == "expired"
    assert document_status(q, date(2023, 6, 26)).status == "not_yet_in_force"
    assert document_status(q, date(2023, 6, 27)).status == "in_force"
    s = document_status(q, date(2026, 11, 22))
    assert s.expiry_date == date(2025, 6, 26) and "qinghai:第十九条" in s.citations
    assert document_status(C.doc("zhangye").meta, date(2026, 11, 22)).status == "unknown"
    for d in ("sichuan", "guizhou", "shandong"):
        assert document_status(C.doc(d).meta, date(2026, 11, 22)).status == "draft"


def test_metadata_quotes_are_verbatim() -> None:
    for doc in C.documents.values():
        m = doc.meta
        for source, q in ((m.issue.source, m.issue.quote), (m.effective.source, m.effective.quote),
                          (m.validity_source, m.validity_quote)):
            if q:
                assert source and verify_quote(source, q), (m.id, source, q)
        if m.draft_quote:
            assert m.draft_quote in normalize_ws(doc.raw)
        assert parse(doc.raw, m.id).title == m.title


def test_corrupted_file_is_refused(tmp_path: Path) -> None:
    from corpus import CorpusError
    from corpus.registry import load_document

    meta = C.doc("qinghai").meta
    bad = tmp_path / "q.txt"
    bad.write_bytes((TEXTS_DIR / meta.file).read_bytes() + b"x")
    with pytest.raises(CorpusError, match="changed"):
        load_document(meta, bad)
