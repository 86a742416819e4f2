"""The LangChain retriever: a real BaseRetriever yielding Documents with citation metadata."""

from __future__ import annotations

from pathlib import Path

from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from corpus import verify_quote
from indexing import as_langchain_retriever


def test_retriever_yields_cited_documents(built_index: Path) -> None:
    retriever = as_langchain_retriever(k=2, jurisdiction="qinghai")
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke("集群有效期几年")
    assert [d.metadata["id"] for d in docs] == ["qinghai:第十四条", "qinghai:第十九条"]
    first = docs[0]
    assert isinstance(first, Document) and first.id == "qinghai:第十四条"
    assert verify_quote(first.metadata["citation"], first.page_content)
    assert first.metadata["source"] == "青海省促进中小企业特色产业集群发展实施细则"
    assert first.metadata["jurisdiction"] == "青海"
    assert first.metadata["chapter"] == "第四章 动态管理"


def test_retriever_composes_in_a_chain(built_index: Path) -> None:
    from langchain_core.runnables import RunnableLambda

    def citations(docs: list[Document]) -> list[str]:
        return [d.metadata["citation"] for d in docs]

    chain = as_langchain_retriever(k=1) | RunnableLambda(citations)
    assert chain.invoke("张掖集群名单公示几个工作日") == ["zhangye:第十五条"]
    assert chain.batch(["山东第十三条", "四川的名单怎么公布"]) == [
        ["shandong:第十三条"], ["sichuan:第十五条"]]
