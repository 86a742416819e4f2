"""Jurisdiction detection and explicit references, from the corpus metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import get_corpus
from corpus.store import add_document
from indexing import detect_jurisdictions, resolve_references
from indexing.query import strip_references

ALL = ["sichuan", "guizhou", "shandong", "zhangye", "qinghai"]


@pytest.mark.parametrize(("text", "expected"), [
    ("青海的集群有效期几年", ["qinghai"]),
    ("青海省和四川省哪个门槛高", ["qinghai", "sichuan"]),
    ("山东呢", ["shandong"]),
    ("甘肃那边的认定标准", ["zhangye"]),
    ("张掖市的申报主体是谁", ["zhangye"]),
    ("川、黔、鲁三地比较一下", ["sichuan", "guizhou", "shandong"]),
    ("鲁版办法怎么说", ["shandong"]),
    ("貴州省集群備案", ["guizhou"]),
    ("五省的有效期分别是多久", ALL),
    ("各地对专利的要求", ALL),
    ("哪些地方要求有运营管理机构", ALL),
    ("青海需要满足哪几个条件", ["qinghai"]),  # 哪几个 alone is not "every place"
    ("山东的全部条件", ["shandong"]),
    ("青年创业有补贴吗", []),
    ("这很宝贵", []),
    ("有效期几年", []),
])
def test_detect_jurisdictions(text: str, expected: list[str]) -> None:
    assert detect_jurisdictions(text) == expected


@pytest.mark.parametrize(("text", "default", "expected"), [
    ("青海第十四条", None, ["qinghai:第十四条"]),
    ("青海第14条讲什么", None, ["qinghai:第十四条"]),
    ("第十四条", "qinghai", ["qinghai:第十四条"]),
    ("四川第十一条第（一）项", None, ["sichuan:第十一条:（一）"]),
    ("四川第十一条（二）", None, ["sichuan:第十一条:（二）"]),
    ("青海和山东的第十三条", None, ["qinghai:第十三条", "shandong:第十三条"]),
    ("青海第十四条和山东第十二条", None, ["qinghai:第十四条", "shandong:第十二条"]),
    ("张掖附件四", None, ["zhangye:附件四"]),
    ("附件一", "qinghai", ["qinghai:附件一"]),
    ("附件一", None, ["guizhou:附件一", "zhangye:附件一", "qinghai:附件一"]),
    ("第十四条", None, [f"{d}:第十四条" for d in ALL]),
    ("青海第九十九条", None, []),
    ("山东第十三条第（九）项", None, ["shandong:第十三条"]),  # no such item: the article
    ("有效期几年", None, []),
])
def test_resolve_references(text: str, default: str | None, expected: list[str]) -> None:
    assert resolve_references(text, default_doc=default) == expected


def test_strip_references_leaves_the_topic() -> None:
    assert strip_references("青海第十四条讲什么").replace(" ", "") == "青海讲什么"


def test_user_added_document_is_detected_and_resolved(tmp_path: Path) -> None:
    add_document(Path(__file__).parent / "fixtures" / "yunxi.txt", "yunxi")
    assert "yunxi" in get_corpus().ids
    assert detect_jurisdictions("云溪市的集群要抽检吗") == ["yunxi"]
    assert resolve_references("云溪第四条") == ["yunxi:第四条"]
    assert "yunxi" in detect_jurisdictions("五省的规定")  # "all" means every document held


@pytest.mark.parametrize(("text", "docs"), [
    ("Zhangye 的集群 validity period 到期以后还能延吗", ["zhangye"]),
    ("qh 集群 重大变更 备案 时限", ["qinghai"]),
    ("QINGHAI and Sichuan thresholds", ["qinghai", "sichuan"]),
    ("Gansu省的细则", ["zhangye"]),
    ("Qinghai省", ["qinghai"]),
    ("gzip 压缩包里的 shandongese", []),  # letters inside a longer word are not a place
])
def test_places_typed_in_pinyin(text: str, docs: list[str]) -> None:
    assert detect_jurisdictions(text) == docs


def test_which_places_with_a_place_named_is_about_that_place() -> None:
    assert detect_jurisdictions("张掖集群招商引资主要盯哪些地区") == ["zhangye"]
    assert len(detect_jurisdictions("哪些地方的有效期是三年")) == 5


def test_a_part_of_the_form_is_its_attachment_section() -> None:
    assert resolve_references("贵州申报表第一部分基本情况要勾选哪些内容？") == ["guizhou:附件一"]
    assert resolve_references("贵州办法第一部分") == []  # not the form: no such reference
