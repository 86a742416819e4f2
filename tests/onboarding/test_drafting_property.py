"""Property: any metric phrase × any word of the reviewed wording table × any number is drafted
back exactly (metric, operator from the table, Decimal threshold, verbatim phrase)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tools.drafting import Criterion
from tools.drafting.clauses import split_clauses, thresholds
from tools.drafting.draft import criterion
from tools.drafting.patterns import tables

NAMES = [
    ("中小企业产值占集群总产值", "sme_output_share", "%"),
    ("主导产业占集群总产值比例", "leading_industry_share", "%"),
    ("主导产业产值年均增速", "leading_industry_growth", "%"),
    ("集群产值年均增速", "output_growth", "%"),
    ("近三年中小企业研发经费年均增长", "rd_growth", "%"),
    ("有效发明专利年均增长率", "patent_growth", "%"),
    ("每万人有效发明专利拥有量", "patents_per_10k", "个"),
    ("工业互联网平台应用普及率", "iip_penetration", "%"),
    ("占地面积", "area_km2", "平方公里"),
    ("相关生产、服务等企业户数", "enterprise_count", "户"),
    ("近三年产值均", "annual_output", "亿元"),
]
POST_WORDS = ("以上", "及以上", "以内")  # written after the number: 20亿元以上


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(NAMES), word=st.sampled_from(sorted(tables().words)),
       value=st.decimals(min_value=Decimal("0.01"), max_value=Decimal(999), places=2))
def test_any_metric_word_and_number_round_trips(name: tuple[str, str, str], word: str,
                                                value: Decimal) -> None:
    words, unit = name[0], name[2]
    number = format(value.normalize(), "f")
    phrase = (f"{words}在{number}{unit}{word}" if word in POST_WORDS
              else f"{words}{word}{number}{unit}")
    (clause,) = split_clauses("x:第一条", phrase)
    (th,) = list(thresholds(clause))
    c = criterion(th)
    assert isinstance(c, Criterion), (phrase, c)
    assert (c.metric, c.operator, c.threshold, c.unit) == (name[1], tables().words[word], value,
                                                           unit)
    assert c.phrase == phrase
