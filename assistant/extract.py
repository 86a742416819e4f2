"""Profile facts from one utterance: 近三年产值18、22、25亿元, 中小企业占比55%, 3家小巨人,
没有发生事故.

Numbers become exact `Decimal` (counts `int`), money in 亿元, percentages in percent points.
A hedged or impossible value is not stored: it becomes a question back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .counts import COUNT_LABELS, COUNT_PATTERNS, count_facts
from .facts import NONE_ABOVE, extract_facts
from .numbers import (
    NUM,
    NumberError,
    Quantity,
    canonical,
    find_quantities,
    fmt,
    hedge_in,
    normalize,
    share_percent,
    to_yi,
)
from .series import SERIES_KEYS, SHORT_YEARS, named_series, output_series, year_values
from .tables import read_form, read_tables

_SHARE_OF = (r"(?:正好|刚好|恰好|差不多|将近)?占(?:到|了)*(?![到了]*其中)(?:全部|整个|全)?(?:集群)?"
             r"(?:总)?(?:产值)?(?:的)?(?:比例|比重|比)?")  # (主导产业占了其中8.9亿: an output)
# Keyword patterns per metric, tried longest-first; a keyword opens the segment its values sit in.
# between a measure and its growth word users put time words: 研发经费近三年年均增长9%,
# 主导产业产值这三年平均每年涨了6% (never across a comma or a number)
_TO = (r"(?:[^，,。；;！!？?\d%]{0,10}?"  # never across a number; across a comma only after
       r"|(?:嘛|呢|啊|的话|这块|那块|方面|来说)[，,][^，,。；;！!？?\d%]{0,10}?"  # 研发经费嘛，
       r"|[^，,。；;！!？?\d%]{0,4}[，,]\s*(?=年均|每年|平均))")  # 研发经费，近三年年均增长10.2%
# (近三年 is blanked); 研发投入加大，年均增长到6%
_GROWS = (r"(?:年均)?(?:增速|增长率|增长|增幅|涨幅|涨"
          r"|(?<!新)增(?=\s*[\d零〇一二两三四五六七八九十]))")  # 每年只增4%
_DIGIT = r"[\d零〇一二两三四五六七八九十]"
_AMOUNT = _DIGIT + r"[\d零〇一二两三四五六七八九十百千点.]*\s*(?:亿|万)"  # 12亿, 十二亿
METRIC_PATTERNS: dict[str, str] = {
    "sme_output_share": r"中小(?:企业)?(?:的)?(?:产值)?(?:的)?(?:" + _SHARE_OF + "|比例|比重)"
                        # 主导占比70.2 / 中小72
                        r"|(?:(?<=[\s，,])|^)中小(?=\s*\d[\d.]*\s*(?:%|$|\s))"
                        # 中小企业产值要六成以上 (a rule's share, then ours): the share is named
                        r"|中小企业(?:的)?产值(?=\s*(?:要|需要|得|应|须)(?:达到|占|在)?\s*"
                        r"(?:[\d.]+\s*%|[一二三四五六七八九]成|百分之|\s{2}))"
                        r"|中小企业(?:贡献|创造)的(?:产值)?" + _SHARE_OF +
                        r"|中小企业(?:产值)?(?=\s*(?:是|为)?\s*\d[\d.]*\s*%)"
                        r"|(?<=占比)\s*中小(?:企业)?(?=\s*\d[\d.]*\s*(?:%|$|\s)"
                        r"(?!\s*(?:亿|万)))"  # 占比 中小企业 55 主导产业 52
                        r"|中小企业(?:贡献|创造)了?(?![^，,。；;%]{0,8}?" + _AMOUNT + ")",
    "leading_industry_share": r"主导产业[^，,。；;\d%]{1,6}?占(?:了)?(?:集群)?总产值"
                              r"(?:的)?(?:比例|比重)?"  # 主导产业枸杞占了总产值78%
                              r"|主导(?:产业)?(?:的)?(?:产值)?(?:的)?"
                              r"(?:" + _SHARE_OF + "|比例|比重)"
                              r"|主导产业(?:贡献|创造)了?(?=[^，,。；;%]{0,4}?" + _DIGIT
                              + r"[^，,。；;]*?%)"
                              r"|主导(?:产业)?(?=\s*\d[\d.]*\s*(?:%|$|\s))"
                              r"|主导(?:产业)?(?:占比)?(?=\s*百分之)"  # 主导百分之七十三
                              r"|主导(?:产业)?(?:占比)?(?=\s*[一二三四五六七八九]成)"  # 主导 七成一
                              r"|主导产业[^，,。；;\d%]{0,6}?占(?:到|了)?(?!地)(?=[^，,。；;]{0,4}"
                              + _DIGIT + r")(?![^，,。；;%]{0,10}?(?:亿|万元))"  # not 占了其中8.9亿
                              r"|主导产业(?:产值)?(?=\s*(?:是|为)?\s*\d[\d.]*\s*%)"
                              r"|主导产业(?:产值)?(?:也|则)(?:是|为|有|占)"
                              # 主导产业大概七成左右: a share said without 占
                              r"|主导产业(?![^，,。；;\d%]{0,8}?(?:增速|增长|增幅|涨|产值))"
                              r"(?=[^，,。；;\d%]{0,6}?" + _DIGIT
                              + r"[^，,。；;]{0,3}?(?:成|%))",
    "leading_industry_growth": r"主导产业(?:产值)?" + _TO + _GROWS,
    "rd_growth": r"研发(?:经费|投入|费用)?" + _TO + _GROWS
                 + r"|研发(?:经费|投入|费用)?(?:年均)?(?=\s*\d[\d.]*\s*(?:%|$|\s))",  # 研发年均8.0%
    "patent_growth": r"(?:有效)?(?:发明)?专利(?:数|数量)?" + _TO + _GROWS
                     + r"|(?<!万人)(?:有效)?(?:发明)?专利年均"
                     + r"(?=\s*\d[\d.]*\s*(?:%|$|\s))"
                     + r"|(?<!万人)(?:有效)?(?:发明)?专利(?=\s*\d[\d.]*\s*%)",
    "patents_per_10k": r"每?万人(?:有效)?(?:发明)?专利(?:拥有量|数|数量)?"
                       r"|每万(?:名|个)?(?:人|从业人员|员工|职工)(?:的|拥有)?(?:有效)?(?:发明)?"
                       r"(?:专利)?(?:拥有量|数|数量)?",
    "output_growth": r"(?:集群)?(?:总)?产值" + _TO + _GROWS + r"|年均增速",
    "sme_output": r"中小企业(?:[^，,。；;\d%]{0,4}?(?:产值|营收)|(?:那块|这块|那部分|这部分|部分)"
                  r"(?=\s*(?:是|有|为)?\s*" + _DIGIT + r"[^，,。；;%]{0,6}?(?:亿|万元))"
                  r"|(?:那块|这块|那部分|这部分|部分)?(?:加起来|合计|一共|总共|共|\s{2}){0,3}"
                  r"(?:20\d\d年|去年|今年)?(?:贡献|创造|做|干|实现|完成)了?)"
                  r"(?=[^，,。；;%]{0,8}?" + _AMOUNT + ")"
                  # 其中中小企业18亿
                  r"|(?:(?<=其中)|(?<=[、，,；;\s])|^)中小(?:企业)?(?=\s*(?:为|是|有|占)"
                  r"?\s*" + _AMOUNT + ")",  # (中小40.3亿 in a terse turn)
    "leading_industry_output": r"主导产业(?:的)?(?:去年|今年|前年|20\d\d年)?(?:的)?(?:产值"
                               r"|完成了?|实现了?|做了|占了其中|占其中)"
                               r"(?=[^，,。；;%]{0,8}?" + _AMOUNT + ")"
                               r"|主导产业[^，,。；;\d%]{1,6}?产值"  # 主导产业马铃薯加工产值7.7亿
                               r"(?=[^，,。；;%]{0,8}?" + _AMOUNT + ")"
                               r"|(?:(?<=其中)|(?<=[、，,；;\s])|^)主导(?:产业)?[^，,。；;\d%]{0,6}?"
                               r"(?=\s*(?:为|是|有|占)"
                               r"?\s*" + _AMOUNT + ")",  # 其中…、主导产业家具14亿
    "output_by_year": r"(?:集群)?(?:总)?产值|营业收入|营收"
                      # 山东省级集群：2023年45亿，2024年50亿…: a series of 亿 with no name before it
                      r"|(?:(?<=[：:，,。；;\s])|^|(?<=我们)|(?<=咱们)|(?<=集群))"
                      r"(?<![亿元][，,、；;])"  # its first year only, not each year of it
                      r"(?=20\d\d\s*年\s*(?:是|为|:|：)?\s*[\d.]+\s*(?:亿|万元)"
                      r"[^。；;？?]{0,6}?20\d\d\s*年)",
    "iip_penetration": r"(?:工业互联网|iip|IIP)(?:平台)?(?:应用)?(?:普及率|普及)?|(?<!软件)普及率",
    "area_km2": r"占地(?:面积)?|(?:集群)?面积",
    "annual_output": r"(?:集群)?(?:总)?产值最低的(?:那(?:一)?年|一年|1年|\s{2})(?:的)?(?:产值)?"
                     r"|最低(?:的)?那(?:一)?年(?:的)?(?:产值)?(?=\s*(?:是|为|有|也有|只有)?\s*[\d零〇一二两三四五六七八九十]"
                     r"[^，,。；;]{0,8}亿)",
    "enterprise_count": r"企业户数|(?:(?<=[\s，,])|^)户数(?=\s*\d)"
                        r"|(?:相关)?(?:生产、服务等)?企业(?:总)?(?:户数|数量|数)"
                        # 集群共有企业320家 (not 有高新技术企业3家: 企业 right after 有)
                        r"|(?:共有|总共有|一共有|有|拥有|聚集了?|集聚了?|入驻(?=相关))(?:相关)?(?:各类)?企业"
                        r"(?=\s*(?:共|总计)?\s*[\d一二两三四五六七八九十])"
                        r"|相关企业"
                        r"(?=\s*(?:共|总计)?\s*[\d一二两三四五六七八九十])"
                        r"|相关(?:的)?生产[、和及]?服务(?:等)?(?:类)?企业",
    "employees": r"从业人员|员工|职工|就业人数|从业(?=\s*[\d一二两三四五六七八九十])"
                 r"|雇(?:用|佣)?了?(?=\s*(?:共|总共|一共)"
                 r"?\s*" + _DIGIT + r"[^，,。；;]{0,6}人)",  # 一共雇了6万人
    "patents": r"(?:有效)?发明专利(?:拥有量|数量|数)?|有效专利(?:数量|数)?"
               r"|(?<!万人)专利(?:数|件数|数量)(?=\s*(?:能|可以|要)?(?:到|达到|是|为|有)?\s*\d)",
}
SHARE_METRICS = ("sme_output_share", "leading_industry_share", "iip_penetration")
PERCENT_METRICS = (*SHARE_METRICS, "output_growth", "leading_industry_growth", "rd_growth",
                   "patent_growth")
LABELS = {
    "output_by_year": "近三年产值", "sme_output_share": "中小企业产值占比",
    "leading_industry_share": "主导产业占比", "output_growth": "产值年均增速",
    "leading_industry_growth": "主导产业产值年均增速", "rd_growth": "研发经费年均增长",
    "patent_growth": "有效发明专利年均增长率", "patents_per_10k": "每万人有效发明专利拥有量",
    "iip_penetration": "工业互联网平台应用普及率", "area_km2": "占地面积",
    "employees": "从业人员数", "patents": "有效发明专利数", **COUNT_LABELS,
    "sme_output": "最近一年中小企业产值", "leading_industry_output": "最近一年主导产业产值",
}
# longer patterns first; 产值最低的那年 (annual_output) before, the bare 产值 after all others
_ALL = sorted(((m, p) for m, p in METRIC_PATTERNS.items()),
              key=lambda mp: (mp[0] != "annual_output", mp[0] == "output_by_year", -len(mp[1])))
_KEY_RE = re.compile("|".join(f"(?P<{m}>{p})" for m, p in _ALL))
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")
_DECLARED_UNIT = re.compile(r"单位\s*[:：为是]?\s*(亿元|千万元|百万元|万元|元)"
                            r"|产值\s*(千万元|百万元|万元)(?=\s)"  # 产值千万元 23年398 …
                            r"|(亿元|千万元|百万元|万元)口径"
                            r"|[（(]\s*(亿元|千万元|百万元|万元)\s*[)）]"
                            r"|按(?:照)?(亿元|千万元|百万元|万元)(?:为单位)?(?:报|算|计|填|统计)")
_POINTS = re.compile(r"(?<![\d.一二两三四五六七八九十])((?>[\d.]+)|(?>[一二两三四五六七八九十]+))"
                     r"个(?:百分)?点"
                     r"(?![\d一二两三四五六七八九])")
_POINT_STEP = re.compile(r"(?:提高|提升|增加|上升|下降|降低|减少|拉高|拉升|提|升|降|减)了?\s*\Z")
# 24年提高了1.5个百分点…现在够线了吗: changes that happened, asked about, are no what-if
_DONE_CHANGE = re.compile(r"20\d\d\s*年[^，,。；;]{0,6}?(?:提高|提升|增加|上升|下降|降低|减少)了")
_NOT_A_VALUE = re.compile(r"\s*(?:的)?(?:指标|方面|条件|问题|要求|标准|地方|省|文件|部门|阶段)")
_SENTENCES = re.compile(r"(?<=[。；;！!？?\n])")
_YEAR_AMOUNT = re.compile(r"20\d\d\s*年[^，,。；;\d]{0,6}?[\d.]+\s*(?:亿|万元)")
_SERIES_END = re.compile(r"[。！!？?\n]")
# Numbers that are not values: 近三年, 三年规划, 第三条.
# A numeral run is matched from its start only (linear time on long runs of digits).
_RUN = r"(?<![一二两三四五六七八九十\d])(?>[一二两三四五六七八九十\d]+)"
_NOT_VALUES = re.compile(r"(?:近|这|过去|最近|前)(?:[一二两三四五六七八九十\d]+|几)年"
                         r"|" + _RUN + r"年(?:发展)?(?:规划|计划)"
                         r"|第[一二两三四五六七八九十百\d]+[条款项年]|" + _RUN + r"个?方面"
                         r"|第[一二两三四五六七八九十\d]+个(?:数字|数|值)?"  # 第二个数说错了
                         r"|[两三四五六个]位数"  # 增长应该是两位数: not a value
                         r"|(?<![相])(?:就|只|还)?差(?:了)?\s*[\d.]+\s*(?:%|个百分点|个点)"
                         r"?"  # 普及率就差0.1
                         r"|(?:这|那)(?:一|两|三|四|几|俩)(?:项|条|个|点|块)"  # 这两项能过吗
                         r"|(?<![一二两三四五六七八九十半\d])(?>[一二两三四五六七八九十半\d]+)"
                         r"个(?:多)?月"  # 两个月
                         r"|(?<![一二两三四五六七八九十百千万亿零〇点])一(?:下|"
                         r"点(?![一二两三四五六七八九\d])|些|起|直|般|定|样|遍|句|共|同|并|"
                         r"律|票)"  # 更正一下, 一共十户, 一票否决
                         r"|二氧化碳|一带一路|十[三四五]五|一站式|一体化|一企一策|一对一|一批|四川"
                         r"|([比看算查想试等问对核])一\1"  # 比一比, 算一算: a verb, not 一
                         r"|(?:这|那)几(?:家|个|户|项)"  # 这几家互不重复: not a hedge
                         # 三年是38亿、41亿: a span of years in words, not a value (2023年 is)
                         r"|(?<![一二两三四五六七八九十〇零\d])[一二两三四五六七八九十]{1,2}年"
                         r"(?![度底初末前后])")
_LONG_BLANK = re.compile(r"\s{9,}")
_CN_DIGIT = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")
_CN_SHORT_YEAR = re.compile(r"(?<![〇零一二两三四五六七八九十百])"
                            r"([一二][〇零一二三四五六七八九])年")
_BARE_YEAR_VALUE = re.compile(r"20\d\d\s*年\s*(?:是|为|有|[：:])?\s*\d")
_UNIT_CELL = re.compile(r"[（(](亿元|万元|百万元|千万元)[)）]\s*[\t ]\s*([\d.]+)")
_BARE_SHARE = re.compile(r"占比|比例|比重")
# after a semicolon, another year of the series (2024年-22亿 / 2024: 22亿)
_SERIES_GOES_ON = re.compile(r"\s*(?:20\d\d|去年|前年|大前年|今年)\s*年?\s*(?:[-—–:：]|是|为|产值)"
                             r"?\s*"
                             r"[\d零〇一二两三四五六七八九十]")
_YEAR_VALUE = re.compile(r"20\d\d\s*年(?:底|末)?\s*(?:是|为|有|[：:]"
                         r"|(?:涨|增长|增加|升|提高|提升|降|下降|掉|回升|回落)?(?:到|至)了?)"
                         r"?\s*[\d零〇一二两三四五六七八九十]")  # 到2025年涨到了7000万元
_HYPOTHETICAL = re.compile(r"如果|假如|假设|假定|设想|要是|若是|倘若|万一"
                           r"|(?:变成|变为|换成|提高到|提升到|降到|降低到|涨到)[^，,。；;？?]{0,10}的话"
                           r"|(?<![\d.])(?>[\d.]+)\s*(?:%|亿元|亿|万元|家|个|件|户)的话")  # 75%的话
CORRECTION = re.compile(r"不对|错了|更正|纠正|应该是|改为|改成|其实是|说错|说多了|说少了|少说了|"
                        r"多说了|改一下|打错|多算|少算|算错|漏算"
                        r"|(?:^|[，,。])\s*(?:等下|等一下|等会儿?)[，,]"
                         r"|准确|精确|确切|具体是|具体数|实际是|核实了|核对了|确认了"
                         # 重新算了，是5.4% / 我核了一下，8.3%是全市平均，我们是7.9%
                         r"|重新(?:算|核|统计|核算)了|核了一下|查了一下|对了一下|实际决算"
                         r"|(?<![\d.])(?>[\d.]+)\s*%?\s*是(?:全市|全省|全县|全区|去年单年|单年|预估|估算"
                         r"|预计|规上|计划)"
                         r"|(?:最后|最终|后来|重新)(?:的)?(?:定级|定性|核定|认定为|定为|定的是)")


@dataclass(frozen=True)
class Extraction:
    facts: dict[str, Any] = field(default_factory=dict)
    questions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    hypothetical: bool = False
    correction: bool = False
    metrics: tuple[str, ...] = ()  # metrics mentioned, in order (for a later bare 占比 …)
    vouched: tuple[str, ...] = ()  # facts only 其他条件都满足 gave: they fill gaps, never overwrite
    # 2024年比2023年增长21%: (2024, 2023, 21) — a year's output from another's (the dialogue
    # applies it to the series it holds)
    yoy: tuple[tuple[str, str, Decimal], ...] = ()
    # 2025年30亿，比2024年多了3亿: (2025, 2024, 3) in 亿元, either year from the other
    deltas: tuple[tuple[str, str, Decimal], ...] = ()
    # 普及率再提高2个百分点: (iip_penetration, 2) — added to the value the dialogue holds
    changes: tuple[tuple[str, Decimal], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.facts and not self.questions


def figures(text: str) -> list[Quantity]:
    """The numbers said as values (not 一下, 一票否决, 近三年, 第三条)."""
    plain = SHORT_YEARS.sub(r"20\1", normalize(text))
    return [q for q in find_quantities(_NOT_VALUES.sub(lambda m: " " * len(m.group()), plain))
            if not (re.fullmatch(r"20\d\d", q.raw) and plain[q.end:q.end + 1] == "年")]
    # (25年提高了1.4个百分点: one figure, the year is not one)


def metrics_named(text: str) -> list[str]:
    """The profile figures a text names (工业互联网普及率, 主导产业占比, 小巨人 …), in order, once
    each."""
    plain = normalize(text)
    found = [(m.start(), str(m.lastgroup)) for m in _KEY_RE.finditer(plain)]
    found += [(m.start(), key) for key, p in COUNT_PATTERNS.items() for m in re.finditer(p, plain)]
    return list(dict.fromkeys(key for _, key in sorted(found)))


def extract(text: str, as_of: date | None = None, context_metric: str | None = None) -> Extraction:
    """Profile facts stated in `text`. `context_metric` is the metric a bare value answers
    (the one just asked for, or the one a correction like 占比是65% refers to)."""
    plain = _CN_YEAR.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group(1)) + "年",
                         normalize(text))  # 二〇二三年 → 2023年
    plain = read_form(read_tables(plain))  # pasted tables and 申报表 lines (tables.py)
    plain = _SLASH_YEARS.sub(_slash_pairs, plain)  # 23/24/25年：41/50/62件
    plain = plain.replace("俩", "两个").replace("仨", "三个").replace("个亿", "亿")
    plain = re.sub(r"(?<=[\u4e00-\u9fff\s])\+(?=\s*\d)", "", plain)  # 研发+5.5% / 研发年均+6.5%
    plain = _POINTS.sub(lambda m: m.group() if _POINT_STEP.search(plain, 0, m.start())
                        else m.group(1) + "%", plain)
    # 年均增长正好5个点 → 5% (提高了1.5个百分点 stays a change in points)
    plain = _FORMAL.sub(lambda m: m.group().translate(_FORMAL_DIGITS), plain)  # 叁家 → 三家
    plain = _CN_SHORT_YEAR.sub(lambda m: "20" + "".join(_CN_DIGIT[c] for c in m.group(1)) + "年",
                               plain)  # 二三年 → 2023年
    plain = _UNIT_CELL.sub(lambda m: f"{m.group(2)}{m.group(1)}", plain)  # （百万元）\t1320
    plain = _SHORT_RANGE.sub(_short_range, plain)  # 40 44 48.5亿 23到25 / 二三到二五 / 23-25年
    plain = SHORT_YEARS.sub(r"20\1", plain)  # 23年1.8亿 24年1.9亿 → 2023年…
    said_half = re.search(_HALF, plain)  # asked back in the user's words (不到一半)
    plain = re.sub(_HALF, "50%", plain)  # 主导产业刚好占一半
    plain = re.sub(r"(?:(?<!\d)((?>\d+)|[一两二三四五六七八九])个)?半个?百分点",  # 一个半百分点
                   lambda m: f"{_HALF_POINTS.get(m.group(1) or '', m.group(1) or '0')}.5个百分点",
                   plain)
    plain = re.sub(r"(?<=[人军业型企])((?:我们|咱们)?(?:是|为|有))(?:零|0)"
                   r"(?=$|[，,。；;])", r"\g<1>0家",
                   plain)  # 小巨人我们是零
    plain = re.sub(r"一(?:家|个|户|项)([^，,。；;\d]{0,8}?)(?:都|也)(?:没有|没)", r"\1都没有",
                   plain)  # 一家都没有, 一家单项冠军都没有
    plain = _EACH.sub(lambda m: f"{m.group(1)}{m.group(3)}{m.group(4)}，{m.group(2)}{m.group(3)}"
                      f"{m.group(4)}", plain)  # 专精特新中小企业和创新型中小企业各1家
    plain = _BY_KIND.sub(_both_kinds, plain)  # 生产企业7户，服务企业2户 → 企业9户
    plain = _table_rows(plain)
    approximations = {f"约{_approx(m)}%": m.group() for m in _FRACTION.finditer(plain)
                      if _approx(m) is not None}
    plain = _fractions(plain)
    if said_half:
        approximations["50%"] = "一半"
    plain = _EXACTLY.sub("", plain)  # 大概26个亿……不对，准确是26.3亿 → 26.3亿
    plain = _NOT_THIS.sub("", plain)  # 2024年说错了，是28亿，不是18亿
    plain = _BOUND_THEN_EXACT.sub("", plain)  # 三年都在30亿以上：2023年31亿… → the exact ones
    plain = _RELATIVE_CORRECTED.sub(  # 前年那个不对，应该是23.6亿 → 2024年是23.6亿
        lambda m: f"{(as_of or date.today()).year - _BACK[m.group(1)]}年那个不对，应该是", plain)
    plain = _VALUE_OF_YEAR.sub(r"\2年是\1", plain)  # 19.6亿是2022年的 → 2022年是19.6亿
    plain = _YEAR_LOOKED_UP.sub(r"\1年是", plain)  # 2023年的我查一下……是47亿 → 2023年是47亿
    plain = _YEAR_OTHERS.sub(r"\1是", plain)  # 2023年那个9.6是规上企业的，加上规下是10.1亿
    plain = _YEAR_CORRECTED.sub(r"\1年是", plain)  # 2024年那个说错了，是23亿 → 2024年是23亿
    plain = _NAMED_CORRECTED.sub(r"\g<what>更正为", plain)
    plain = _VALUE_FIRST.sub(lambda m: f"{m.group('what')}是{m.group('v')}", plain)
    plain = _COUNT_FIRST.sub(lambda m: f"{m.group('what')}{m.group('v')}", plain)
    plain = _ALIAS.sub("", plain)  # 国家高新技术企业（国高企）9家
    plain = _SHARE_AFTER.sub(lambda m: f"{m.group('who')}{m.group('rest')}，{m.group('who')}",
                             plain)
    plain = _ordinal_years(plain, as_of or date.today())
    if _RELATIVE_YOY.search(plain):  # 去年比前年增长9%: years written out for _year_on_year
        from .series import _absolute_years

        plain = _absolute_years(plain, as_of or date.today())
    cumulative, cumulative_asks, plain = _cumulative(plain, as_of or date.today())
    plain = _TWO_YEARS_SAID.sub(lambda m: _two_years(m, as_of or date.today()), plain)
    s = _NOT_VALUES.sub(lambda m: " " * len(m.group()), plain)
    # long blank runs bounded: the count patterns' optional blanks are cubic on them
    s = _LONG_BLANK.sub(" " * 8, s)
    s = _mask_rule_figures(s)
    s = _ASKED_FIGURE.sub(lambda m: m.group(1) + " " * len(m.group(2)) + m.group(3), s)
    s = _BAR_ENOUGH.sub(lambda m: " " * len(m.group(1)) + m.group(2), s)  # 8%就够了，我们是0.15
    s = _BAR_ASKED.sub(lambda m: m.group(1) + " " * len(m.group(2)), s)  # 年均增速有没有过5%
    large = _LARGE.search(s)
    if large:
        s = s[:large.start()] + " " * (large.end() - large.start()) + s[large.end():]
    yoy, s = _year_on_year(s, as_of or date.today())
    deltas, s = _year_deltas(s, as_of or date.today())
    as_of = as_of or date.today()
    facts: dict[str, Any] = {}
    questions: list[str] = []
    notes: list[str] = []
    mentioned: list[str] = []
    taken: list[tuple[int, int]] = []

    count_facts(s, facts, questions, taken, mentioned)
    for key, pattern in _BEFORE_NOUN:
        for m in pattern.finditer(s):
            if any(x <= m.start() < y for x, y in taken) or hedge_in(m.group()) or \
                    re.search(r"每万|万人", s[max(0, m.start() - 10):m.start()]):
                continue  # 每万名从业人员12件: the per-10k figure, not a count
            q = find_quantities(m.group("q"))[0]
            if q.value >= 0 and q.value == q.value.to_integral_value():
                facts[key] = int(q.value)
                taken.append((m.start(), m.end()))
                mentioned.append(key)
    for key, a, b, values in named_series(s, as_of, _KEY_RE):  # 研发经费2022年1亿、2023年…
        if not any(x <= a < y for x, y in taken):
            facts[key] = values
            taken.append((a, b))
            mentioned.append(key)

    keys = [(str(m.lastgroup), m.start(), m.end()) for m in _KEY_RE.finditer(s)
            if not any(a <= m.start() < b for a, b in taken)]
    named = [k for k in keys if k[1] != k[2]]  # a word names the figure (not a bare series)
    if context_metric in SERIES_KEYS and not facts and (not named or _THAT_ONE.search(s)) and \
            (CORRECTION.search(s) or (not named and _YEAR_VALUE.search(s))):
        # 更正：2023年是64件 after the patent series; 2024年68件，2025年75件 goes on with it
        values = year_values(s, str(context_metric), as_of)
        if values:
            facts[str(context_metric)] = values
            keys = []
            mentioned.append(str(context_metric))
    that = _THAT_ONE.search(s) if context_metric and find_quantities(s) and not facts else None
    if that and (not keys or any(  # 主导产业那个是6.5%: the 主导产业 figure talked about
            s[a:b] in SHORT_NAMES.get(str(context_metric), ()) and 0 <= that.start() - b <= 2
            for _, a, b in keys)):
        keys = [(str(context_metric), 0, 0)]
    if not keys and not facts:
        implied = None if context_metric and _EXACT_NOW.search(s) else _implied_metric(s)
        if implied == "output_by_year" and context_metric in ("sme_output",
                                                              "leading_industry_output"):
            implied = context_metric  # 12.5说错了，是11.5亿 after 中小企业做了12.5亿
        if implied:
            keys = [(implied, 0, 0)]
        elif context_metric and find_quantities(s) and _bare_applies(s, context_metric):
            keys = [(context_metric, 0, 0)]
        elif context_metric == "output_by_year" and _BARE_YEAR_VALUE.search(s):
            keys = [(context_metric, 0, 0)]  # 产值倒着说哈 → 25年30.2 24年27.5 23年20.4
        elif find_quantities(s) and _RULE_WORDS.search(plain) and _FIRST_PERSON.search(s) and \
                len(metrics_named(plain)) == 1:  # 中小企业产值要六成以上，我们只有五成二
            keys = [(metrics_named(plain)[0], 0, 0)]
    hypothetical = bool(_HYPOTHETICAL.search(s))  # once: searched per key it was quadratic
    declared = _DECLARED_UNIT.search(plain)  # （单位：万元） / 万元口径: for figures said bare
    correcting = bool(CORRECTION.search(s))
    for i, (metric, start, end) in enumerate(keys):
        stop = keys[i + 1][1] if i + 1 < len(keys) else len(s)
        # a yearly series may run over semicolons (2023-21亿；2024-22亿；2025-24亿)
        m_end = (_SERIES_END if metric == "output_by_year" else _SENTENCE_END).search(s, end)
        if m_end and m_end.start() < stop:
            stop = m_end.start()
        if metric == "output_by_year":  # …28亿元；2024年发生过一起事故: the series ends there
            for semi in re.finditer(r"[；;]", s[end:stop]):
                if not _SERIES_GOES_ON.match(s, end + semi.end()):
                    stop = end + semi.start()
                    break
        segment = s[end:stop]
        if start == end == 0 and not find_quantities(segment):
            # 研发那条是不是刚好卡在线上？如果是5.3%呢: a bare value in a later sentence
            segment = next((c for c in reversed(_SENTENCES.split(s)) if find_quantities(c)), "")
        if metric == "output_by_year":  # back to the previous metric's end at most
            clause = max(s.rfind(c, 0, start) for c in "，,；;\n。！!？?") + 1
            segment_from = max(0, start - 24, keys[i - 1][2] if i else 0, clause)
            context = s[segment_from:stop]
        else:
            # a hedge just before the name counts (大概中小企业…), not the last clause's figure
            context = s[max(0, start - 4, max(s.rfind(c, 0, start) for c in "，,。；;") + 1):stop]
        quantities = [q for q in find_quantities(segment)  # 2023年 is a year, not a count
                      if not (re.match(r"20\d\d$", q.raw)
                              and (metric == "output_by_year" or segment[q.end:q.end + 2]
                                   .lstrip().startswith("年")))
                      and not _NOT_A_VALUE.match(segment, q.end)]  # 两个指标 / 两个地方
        if not quantities and metric != "output_by_year":
            continue
        mentioned.append(metric)
        hedge = hedge_in(context if metric == "output_by_year" or not quantities
                         else _own_clause(s, max(0, start - 4), end + quantities[0].end))
        colon = re.search(r"[：:]", context) if hedge and metric == "output_by_year" else None
        if colon and len(_YEAR_AMOUNT.findall(context[colon.end():])) >= 2 and \
                not hedge_in(context[colon.end():]):
            context, hedge = context[colon.end():], None  # 只有三十多亿：2023年31亿、… (exact)
        try:
            if (hedge and quantities) or (metric == "output_by_year" and hedge):
                raise NumberError(f"您说的“{context.strip()}”是估计或区间（“{hedge}”），"
                                  f"请告诉我{LABELS[metric]}的确切数值。", context)
            money = [q for q in quantities if q.unit in ("亿元", "亿", "万元", "万", "元")]
            if metric == "output_by_year" and start != end and not money and len(quantities) < 2:
                if len(quantities) == 1 and not quantities[0].unit and \
                        not s[max(0, start - 2):start].endswith("单位"):  # 总产值256000
                    questions.append(f"您说的产值“{quantities[0].raw}”没有单位，请告诉我单位"
                                     "（亿元还是万元）。")
                continue  # 单位产值二氧化碳排放量…: one bare number near 产值 is not an output
            if metric == "output_by_year":
                series, note = output_series(context, as_of, each_year=hypothetical,
                                             unit=next(filter(None, declared.groups()))
                                             if declared else "")
                later = [y for y in series if int(y) > as_of.year]
                if later:  # 规划到2028年达到40亿: a target, not an output
                    series = {y: v for y, v in series.items() if y not in later}
                    notes.append(f"{'、'.join(later)}年的数是规划或预计，未作为产值。")
                if series:  # 2023年产值：20.6亿元 / 2024年产值：… on lines of their own
                    facts["output_by_year"] = {**facts.get("output_by_year", {}), **series}
                    if note:
                        notes.append(note)
            else:  # 更正一下，0.62是前年的，去年是58%: a correction's last figure is the one
                pick = _corrected_pick(segment, quantities) \
                    if start == end == 0 and correcting else 0
                facts[metric] = _value(metric, quantities[pick])
                if metric == "area_km2" and quantities[pick].unit in _AREA_UNITS:
                    km2 = facts[metric]  # 5000亩 = 3.3333…: kept to 100 m² and said so
                    shown = km2.quantize(Decimal("0.0001")).normalize()
                    about = "" if shown == km2 else "约"
                    facts[metric] = shown
                    notes.append(f"占地面积{quantities[pick].raw}按{about}{fmt(shown)}平方公里计。")
        except NumberError as exc:
            questions.append(exc.question)

    if "output_by_year" not in facts and keys:  # 增速不够吧？如果2025年做到12.7亿呢: a sentence
        for sentence in _SENTENCES.split(s):      # of its own with a year's amount, unnamed
            if _KEY_RE.search(sentence) or not _YEAR_AMOUNT.search(sentence) or \
                    hedge_in(sentence):
                continue
            try:
                series, _ = output_series(sentence, as_of, each_year=False)
            except NumberError as exc:
                questions.append(exc.question)
                continue
            if series and all(int(y) <= as_of.year and y in sentence for y in series):
                facts["output_by_year"] = series
                mentioned.append("output_by_year")
    if large and not large.group("rest") and "sme_output" in facts and \
            "output_by_year" not in facts and large.group("v"):
        # 2025年中小企业产值14亿，大企业产值9亿: every firm is one or the other, so the total is
        # their sum (for the year said, else the last full year)
        part = _value("sme_output", find_quantities(large.group("v"))[0])
        said_years = re.findall(r"(20\d\d)\s*年", s)
        year = said_years[0] if len(set(said_years)) == 1 else str(as_of.year - 1)
        facts["output_by_year"] = {year: facts["sme_output"] + part}
        notes.append(f"{year}年集群总产值按中小企业与大企业产值之和"
                     f"{fmt(facts['output_by_year'][year])}亿元计。")
        mentioned.append("output_by_year")
    if large and large.group("rest") and facts.get("output_by_year") and "sme_output" not in facts:
        total = facts["output_by_year"][max(facts["output_by_year"])]
        part = _value("sme_output", find_quantities(large.group("v"))[0])
        if Decimal(0) <= part <= total:
            facts["sme_output"] = total - part
            mentioned.append("sme_output")
    for metric, rate in cumulative.items():  # 2023到2025年累计增长21% → 年均10%
        facts.setdefault(metric, rate)
        mentioned.append(metric)
    questions.extend(cumulative_asks)
    changes = _percent_changes(s, facts, context_metric) + _count_changes(s, facts)
    fact_values, fact_questions, vouched = extract_facts(plain, as_of.year)
    facts.update(fact_values)
    for key, what in (("incident_level", "事故"),
                      ("cyber_incident_level", "网络安全或数据安全事件")):
        if fact_values.get(key) == "general" and any(
                m.group("w") == "较大" for m in NONE_ABOVE.finditer(plain)):
            notes.append(f"“没有较大及以上{what}”按最高为一般等级计。")
    questions.extend(fact_questions)
    for shown, said in approximations.items():  # ask back in the user's words, not ours
        questions = [q.replace(shown, said).replace("是估计或区间（“约”）", "不是确切的百分数")
                     if shown in q else q for q in questions]
    return Extraction(facts=facts, questions=tuple(questions), notes=tuple(notes),
                      hypothetical=hypothetical
                      or bool(changes and _ASKS_BACK.search(s) and not _DONE_CHANGE.search(s)),
                      correction=correcting,
                      metrics=tuple(dict.fromkeys(mentioned)), vouched=vouched, yoy=yoy,
                      deltas=deltas, changes=changes)


_SHARE_CHANGE = re.compile(r"(?:(?P<again>再|又|还)(?:能)?)?"
                           r"(?P<dir>提高|提升|上升|增加|加上|加|涨|提|拉高|拉升|降低|下降|减少|减去|减"
                           r"|降|少)了?"
                           r"\s*(?P<num>" + NUM + r")\s*(?P<unit>个百分点|百分点|%)")
# what a follow-up calls a percentage it changes (研发经费那个再提高半个百分点)
_SHORT_NAMES = (("研发", "rd_growth"), ("专利", "patent_growth"), ("普及率", "iip_penetration"),
                ("产值增速", "output_growth"), ("中小企业", "sme_output_share"),
                ("主导产业", "leading_industry_share"))
_ASKS_BACK = re.compile(r"(?:呢|吗|么|行不行|够不够|能不能过?)\s*[？?。！!]?\s*$|[？?]\s*$")


def _percent_changes(s: str, facts: dict[str, Any], context_metric: str | None
                   ) -> tuple[tuple[str, Decimal], ...]:
    """普及率再提高2个百分点 / 主导产业占比降低了3个百分点 / 研发经费那个再提高半个百分点: a
    change to a percentage the dialogue holds, not its value (the 2 the metric loop read is
    dropped)."""
    out = []
    for m in _SHARE_CHANGE.finditer(s):
        if m.group("unit") == "%" and not m.group("again") and m.group("dir") in ("增加", "涨"):
            continue  # 增加5% may be a growth rate
        clause = max(s.rfind(c, 0, m.start()) for c in "，,；;。\n") + 1
        named = [k.lastgroup for k in _KEY_RE.finditer(s, clause, m.start())
                 if k.lastgroup in PERCENT_METRICS]
        named += [k for w, k in _SHORT_NAMES if w in s[clause:m.start()]]
        metric = named[-1] if named else context_metric
        if metric not in PERCENT_METRICS:
            continue
        if metric not in SHARE_METRICS and not m.group("again") and (
                "百分点" not in m.group("unit") or m.group("dir") in ("涨", "增加")):
            continue  # 研发经费增长5% / 每年平均涨了7.5个百分点: a growth rate, not a change
        step = find_quantities(m.group("num"))[0].value
        if facts.get(metric) == step:
            del facts[metric]
        down = m.group("dir") in ("降低", "下降", "减少", "降", "少")
        out.append((str(metric), -step if down else step))
    return tuple(out)


# 明年再认定1家高企 / 新增的1家小巨人 / 新授权的4件发明专利也算上: more of a count we hold
_COUNT_CHANGE = re.compile(r"(?P<verb>再授权|又授权"
                           r"|(?:再|又)?(?:新)?(?:引进|引入|招引|培育|落地|落户|入驻)了?"
                           r"|再|又|另外再|新增(?:了|的)?|再新增|多(?:了|出)"
                           r"?|增加(?:了)?|"
                           r"新授权(?:的)?|再认定|"
                           r"再评上|新评上)\s*(?P<num>" + NUM + r")\s*(?P<unit>家|件|个)"
                                                                r"\s*(?P<what>"
                                                                r"[^，,。；;？?\d]{0,14})")
_COUNT_WORDS = (("小巨人", "little_giant"), ("单项冠军", "single_champion"),
                ("单冠", "single_champion"), ("专精特新", "specialized_sme"),
                ("创新型", "innovative_sme"), ("高新技术", "high_tech"), ("高企", "high_tech"),
                ("专利", "patents"), ("企业", "enterprise_count"))


def _count_changes(s: str, facts: dict[str, Any]) -> tuple[tuple[str, Decimal], ...]:
    """A count raised by what is added (如果明年再认定1家高企呢): the step, not the count; the
    absolute value the count loop read from it is dropped."""
    out = []
    for m in _COUNT_CHANGE.finditer(s):
        metric = next((k for w, k in _COUNT_WORDS if w in m.group("what")), None)
        if metric is None and "授权" in m.group("verb") and m.group("unit") == "件":
            metric = "patents"  # 如果年底再授权两件呢
        if metric is None:  # 如果有效发明专利再多2件呢: the thing named before the step
            clause = s[max(s.rfind(c, 0, m.start()) for c in "，,；;。？?\n") + 1:m.start()]
            metric = next((k for w, k in _COUNT_WORDS if w in clause and
                           (m.group("unit") == "件") == (k == "patents")), None)
        if metric is None:
            continue
        step = find_quantities(m.group("num"))[0].value
        if facts.get(metric) is not None and Decimal(str(facts[metric])) == step:
            del facts[metric]
        out.append((metric, step))
    for m in _GAINED.finditer(s):  # 要是今年有1家企业评上主导产业的小巨人呢
        metric = next((k for w, k in _COUNT_WORDS if w in m.group("what")), None)
        if metric is None or metric == "enterprise_count":
            continue
        step = find_quantities(m.group("num"))[0].value
        out.append((metric, step))
        if metric in ("little_giant", "single_champion") and "主导产业" in m.group("what"):
            out.append(("leading_industry_champions", step))
    for m in _NOT_COUNTED.finditer(s):  # 有3户是注册在别的县的，不能算: fewer than said
        metric = "enterprise_count" if m.group("unit") == "户" else next(
            (k for w, k in _COUNT_WORDS if w in m.group("what")), None)
        if metric is None:
            continue
        step = find_quantities(m.group("num"))[0].value
        if facts.get(metric) is not None and Decimal(str(facts[metric])) == step:
            del facts[metric]
        out.append((metric, -step))
    return tuple(out)


_GAINED = re.compile(r"(?P<num>" + NUM + r")\s*家(?:企业)?(?:能|会|可以)?"
                     r"(?:评上|被认定为|认定为|获评|评为|拿到)"
                     r"(?P<what>[^，,。；;？?\d]{0,14})")
_NOT_COUNTED = re.compile(r"有\s*(?P<num>" + NUM + r")\s*(?P<unit>户|家)"
                          r"(?P<what>[^，,。；;]{0,16})[，,]?\s*"
                          r"(?:都|也)?(?:不能算|不算|不能计入|不计入|得去掉|要去掉|要扣掉|得扣掉|不能统计)")


def _corrected_pick(segment: str, quantities: list[Quantity]) -> int:
    """Which figure a correction gives: the last one said as 是/为/改成 X (应该是18户，漏算了两家),
    else the last one (更正一下，0.62是前年的，去年是58%)."""
    said = [i for i, q in enumerate(quantities)
            if re.search(r"(?:是|为|改成|改为|成了)\s*$", segment[max(0, q.start - 3):q.start])]
    return said[-1] if said else -1


def _own_clause(s: str, start: int, value_end: int) -> str:
    """From `start` (not before the clause's start) to the first comma after the value:
    中小企业做了38.5亿，主导产业大概七成 — the next clause's 大概 is not this figure's, nor is the
    previous clause's 10%以上."""
    lead = max(s.rfind(c, 0, value_end - 1) for c in "，,；;。") + 1
    start = max(start, lead) if lead <= value_end else start
    cut = [i for i in (s.find(c, value_end) for c in "，,；;。") if i >= 0]
    return s[start:min(cut)] if cut else s[start:]


_UNIT_METRIC = {"平方公里": "area_km2", "公顷": "area_km2", "亩": "area_km2",
                "亿元": "output_by_year", "亿": "output_by_year", "万元": "output_by_year"}


def _implied_metric(s: str) -> str | None:
    """A bare answer whose unit says what it is: 80平方公里, 18亿、21亿、23亿元."""
    units = {"亿" if q.unit == "元" and "亿" in q.raw else q.unit  # 十九亿五千万 (in 元)
             for q in find_quantities(s) if q.unit}
    metrics = {_UNIT_METRIC[u] for u in units if u in _UNIT_METRIC}
    return metrics.pop() if len(metrics) == 1 and units <= set(_UNIT_METRIC) else None


def _bare_applies(s: str, context_metric: str) -> bool:
    """A value with no metric word answers the metric in context: 占比是65% after a share was
    discussed, or a bare 30亿 right after we asked for it."""
    if _BARE_SHARE.search(s):
        return context_metric in SHARE_METRICS
    if CORRECTION.search(s):  # 更正：…去年是58% / 不对，7.3是全县的，集群是6.8个
        units = {q.unit for q in find_quantities(s)}
        if context_metric in SHARE_METRICS:  # 打错了 是59: a bare share of at most 100 too
            return "%" in units or ("" in units and all(
                Decimal(0) < q.value <= 100 for q in find_quantities(s) if not q.unit))
        return bool(units)
    fillers = (r"|亿元|亿|万元|万|%|百分之|家|个|件|户|人|是|为|的|不对|应该|其实|[，,。、]|和|呢|"
               r"吧|啊|了"
               r"|查到了|查到|找到了|有了|好了|哦|噢"
               r"|我们|咱们|这边|那边|这里|一共|总共|就|都|有|只有|只|还")
    if _HYPOTHETICAL.search(s):  # 假如增速能到10.5%呢: the figure named by its short name
        # 研发那条是不是刚好卡在线上？如果是5.3%呢: the sentence of the what-if (the one before
        # named the figure, and the context metric says which)
        s = next((c for c in _SENTENCES.split(s) if _HYPOTHETICAL.search(c)), s)
        one = find_quantities(s)
        if len(one) == 1 and one[0].unit in ("%", "") and not metrics_named(s) and (
                (context_metric in PERCENT_METRICS and one[0].value <= 100)
                if not one[0].unit else context_metric in PERCENT_METRICS):
            return True  # 县里计划今年年底推到10%，假如做到了，其他不变: the what-if's one figure
        fillers += ("|假如|如果|要是|假设|若是|能|可以|提到|提高到|提升到|推到|冲到|升到|涨到|"
                    "做到|达到|到|的话|今年|明年|？|\\?|"
                    + "|".join(map(re.escape, SHORT_NAMES.get(context_metric, ("\0",)))))
    rest = re.sub(NUM + fillers, "", s)
    if len(rest.strip()) <= 2:
        return True
    said = find_quantities(s)  # 我让统计的同事算了，是49.6%: the figure's own clause is bare
    if len(said) != 1:
        return False
    clause = re.split(r"(?<=[，,。；;！!？?])", s[:said[0].end])[-1]
    return not re.sub(NUM + fillers, "", clause + s[said[0].end:]).strip()


# 年均增速够10%吗 / 达到20亿了没有: the figure is the bar asked about, not one of ours
_ASKED_FIGURE = re.compile(r"((?:够|达到|达|超过|过|到)了?\s*)"
                           r"((?:[\d.]+|[零〇一二两三四五六七八九十百点]+(?=\s*(?:成|%|亿|万|家|件|户|个)))"
                           r"\s*(?:%|成|亿元|亿|万元|万|家|件|户|个|人)?)"
                           r"(\s*(?:了)?(?:吗|么|没有?|不|[？?]))")
# a rule's figure said to suffice (青海那边普及率8%就够了): the bar, not one of ours
_BAR_ENOUGH = re.compile(r"((?<![\d.零〇一二两三四五六七八九十百点])(?>[\d.]+|"
                         r"[零〇一二两三四五六七八九十百点]+)"
                         r"\s*(?:%|成|亿元|亿|万元|家|件|户|个)?)"
                         r"(\s*(?:就|也)(?:够了?|行了?|可以了?|达标了?|算达标))")
_BAR_ASKED = re.compile(r"((?:有没有|是否|能否|能不能|够不够)(?:超过|过|达到|到))"
                        r"((?<![\d.])(?>[\d.]+)\s*(?:%|亿元|亿)?)")
_RULE_WORDS = re.compile(r"要求|规定|门槛|标准(?:是|为|里|中|上)|文件说|细则说|办法说"
                         # 青海那边中小企业产值占比50%以上就行，我们是57%
                         r"|(?:以上|以下|以内|不低于|不少于|不超过|高于|超过)(?:就行|就可以|就够|即可|就算过)"
                         r"|要(?=\s*[\d零〇一二两三四五六七八九十]"
                         r")")  # 主导产业要60%以上对吧，我们是…
_FIRST_PERSON = re.compile(r"我们|我县|我市|咱们|咱|本集群|我方")
_CLAUSE = re.compile(r"[^，,；;。！!？?]*[，,；;。！!？?]?")
_QUALIFIER = re.compile(r"\s*(?:及以上|以上|以下|以内|左右)")


def _mask_rule_figures(s: str) -> str:
    """青海的中小企业产值占比要求50%以上，我们有68%: the figure of a clause that states the
    rule is not the user's when another clause says ours (blanked, offsets kept)."""
    if not (_RULE_WORDS.search(s) and _FIRST_PERSON.search(s)):
        return s
    out = []
    for m in _CLAUSE.finditer(s):
        clause = m.group()
        if _RULE_WORDS.search(clause) and not _FIRST_PERSON.search(clause):
            chars = list(clause)
            for q in find_quantities(clause):
                end = q.end
                tail = _QUALIFIER.match(clause, end)
                end = tail.end() if tail else end
                chars[q.start:end] = [" "] * (end - q.start)
            clause = "".join(chars)
        out.append(clause)
    return "".join(out)


# 大企业贡献了13亿，其余都是中小企业: the large firms' output is no output of the cluster's years;
# with the rest said to be SMEs it gives the SMEs' output (total − large)
_LARGE = re.compile(r"(?:大型企业|大企业|非中小企业)(?:的)?(?:产值)?(?:贡献|创造|做|占|有|为|是)"
                    r"?了?\s*"
                    r"(?P<v>" + _AMOUNT + r"元?)(?P<rest>[^。；;？?\d]{0,4}?(?:其余|其他|剩下|剩余)"
                                          r"(?:的)?"
                    r"(?:部分)?(?:产值)?(?:都|全|全部|基本)?(?:是|为|来自|属于|由)中小企业)?")
_HALF = r"(?<![大多过])一半(?!以)"
_FORMAL_DIGITS = str.maketrans("壹贰叁肆伍陆柒捌玖拾", "一二三四五六七八九十")
_FORMAL = re.compile(r"[壹贰叁肆伍陆柒捌玖拾][壹贰叁肆伍陆柒捌玖拾零〇佰仟]*(?=\s*(?:家|个|户|件|"
                     r"人|亿|万|%|成))")
_HALF_POINTS = dict(zip("一两二三四五六七八九", "1223456789", strict=True))
# a count said before its noun: 3.2万名从业人员, 16件有效发明专利
_BEFORE_NOUN = (
    ("employees", re.compile(r"(?<!每)(?P<q>" + NUM + r"\s*(?:名|个|人))(?:的)?\s*"
                             r"(?:从业人员|员工|职工|就业人员)")),
    ("patents", re.compile(r"(?P<q>" + NUM + r"\s*件)(?:的)?\s*(?:有效)?(?:发明)?专利")),
)
_AREA_UNITS = {"公顷": Decimal(100), "亩": Decimal(1500), "平方米": Decimal(1000000)}


def _value(metric: str, q: Quantity) -> Decimal:
    if metric in SHARE_METRICS:
        if q.unit not in ("%", ""):
            raise NumberError(f"{LABELS[metric]}应是百分比，您说的是“{q.raw}”，请核对。", q.raw)
        return share_percent(q)
    if metric in PERCENT_METRICS:
        if q.unit not in ("%", ""):
            raise NumberError(f"{LABELS[metric]}应是百分比，您说的是“{q.raw}”，请核对。", q.raw)
        if not q.unit and q.raw.startswith("0.") and Decimal(0) < q.value < 1:
            return q.value * 100  # 研发经费年均增长0.12: a fraction, as shares are written
        return q.value
    if metric in ("sme_output", "leading_industry_output", "annual_output"):
        if q.value < 0 or q.unit not in ("亿元", "亿", "万元", "万", "元"):
            raise NumberError(f"{LABELS[metric]}应是金额（亿元），您说的是“{q.raw}”，请核对。",
                              q.raw)
        return to_yi(q.value, q.unit)
    if metric == "area_km2" and q.unit in _AREA_UNITS:  # 5600公顷 = 56平方公里, 1500亩 = 1
        if q.value < 0:
            raise NumberError(f"{LABELS[metric]}不能为负数，您说的是“{q.raw}”，请核对。", q.raw)
        return q.value / _AREA_UNITS[q.unit]
    if metric == "area_km2" and q.unit not in ("平方公里", ""):
        raise NumberError(f"占地面积应是面积（平方公里、公顷、亩），您说的是“{q.raw}”，请核对。",
                          q.raw)
    if metric in ("area_km2", "patents_per_10k", "employees", "patents", "enterprise_count"):
        if q.unit and q.unit not in _UNITS_OF[metric]:  # 专利是10件 is no number of people
            raise NumberError(f"{LABELS[metric]}的单位不对，您说的是“{q.raw}”，请核对。", q.raw)
        if q.value < 0:
            raise NumberError(f"{LABELS[metric]}不能为负数，您说的是“{q.raw}”，请核对。", q.raw)
        if q.unit in ("万", "万元"):
            return q.value * 10000
        return q.value
    if metric in COUNT_LABELS:  # 说错了，是3家 after 小巨人有4家
        if q.value < 0 or q.value != q.value.to_integral_value() or \
                q.unit not in ("家", "个", "户", ""):
            raise NumberError(f"{COUNT_LABELS[metric]}应为非负整数，您说的是“{q.raw}”，请核对。",
                              q.raw)
        return Decimal(int(q.value))
    raise NumberError(f"没能理解“{q.raw}”，请换个说法。", q.raw)  # pragma: no cover


_UNITS_OF = {"area_km2": ("平方公里",), "patents_per_10k": ("个", "件"),
             "employees": ("人", "万", "名"), "patents": ("件", "个", "项"),
             "enterprise_count": ("户", "家", "个")}
_SLASH_YEARS = re.compile(r"(?<![\d/、])((?>(?:(?:20)?\d\d\s*年?\s*[/、]\s*){1,6})(?:20)?\d\d)"
                          r"\s*年\s*"
                          r"(?:分别)?(?:是|为)?\s*[：:]?\s*"
                          r"((?>(?:[\d.]+\s*[/、]\s*){1,6})[\d.]+)\s*(亿元|亿|万元|件|个|%)?")


def _slash_pairs(m: re.Match[str]) -> str:
    """23/24/25年：41/50/62件 → 2023年41件，2024年50件，2025年62件 (counts must agree)."""
    years = [y if len(y) == 4 else "20" + y for y in re.findall(r"\d+", m.group(1))]
    values = re.findall(r"[\d.]+", m.group(2))
    if len(years) != len(values) or len(years) < 2:
        return m.group(0)
    unit = m.group(3) or ""
    return "，".join(f"{y}年{v}{unit}" for y, v in zip(years, values, strict=True))


_ROW = re.compile(r"\n\s*(20\d\d)\s*年?\s+(?=[\d.]+\s*(?:\n|$))")
_TABLE_UNIT = re.compile(r"[（(]\s*(亿元|万元)\s*[)）]")


def _table_rows(text: str) -> str:
    """年份 产值(亿元) / 2023 21 / 2024 22: rows pasted from a table read as 2023年21亿元."""
    text = _pipe_table(text)
    # a Markdown table's rows: | 2023 | 20.5 | → 2023 20.5 (its |---| line dropped)
    text = re.sub(r"(?m)^\s*[|｜]?\s*:?-{3,}:?\s*(?:[|｜]\s*:?-{3,}:?\s*)*[|｜]?\s*$\n?", "", text)
    text = re.sub(r"(?m)^\s*[|｜]\s*(20\d\d)\s*年?\s*[|｜]\s*([\d.]+)\s*[|｜]?\s*$",
                  r"\1 \2", text)
    if len(_ROW.findall(text)) < 2:
        return text
    unit_m = _TABLE_UNIT.search(text)
    unit = unit_m.group(1) if unit_m else ""
    rows = re.sub(r"\n\s*(20\d\d)\s*年?\s+([\d.]+)\s*(?=\n|$)",
                  lambda m: f"，{m.group(1)}年{m.group(2)}{unit}", text)
    return rows


_FRACTION = re.compile(r"([一二三四五六七八九十])分之([一二三四五六七八九十])")
_SHARE_FIRST = re.compile(r"(?<![\d.])(?P<v>约?(?>[\d.]+)%"
                          r"|[一二三四五六七八九]成[一二三四五六七八九]?"
                          r"|百分之[零〇一二两三四五六七八九十百点]+)"
                          r"的?(?:集群)?(?:总)?产值(?:是|都是|由|来自)(?P<who>中小企业|主导产业)")


def _approx(m: re.Match[str]) -> Decimal | None:
    """A repeating fraction's percent to two places (三分之二 → 66.67), else None."""
    from corpus import cn_to_int

    value = Decimal(cn_to_int(m.group(2)) * 100) / Decimal(cn_to_int(m.group(1)))
    return None if value == value.quantize(Decimal("0.01")) else value.quantize(Decimal("0.01"))


def _fractions(text: str) -> str:
    """四分之三 → 75%; a repeating one (三分之二) → 约66.67%, which is asked back as an
    approximation rather than rounded silently.
    七成的产值是中小企业贡献的 → 中小企业产值占比七成."""
    from corpus import cn_to_int

    def percent(m: re.Match[str]) -> str:
        den, num = cn_to_int(m.group(1)), cn_to_int(m.group(2))
        value = Decimal(num * 100) / Decimal(den)
        if value != value.quantize(Decimal("0.01")):  # repeating: said as approximate
            return f"约{value.quantize(Decimal('0.01'))}%"
        return f"{value.normalize():f}%"

    text = _FRACTION.sub(percent, text)
    return _SHARE_FIRST.sub(lambda m: f"{m.group('who')}产值占比{m.group('v')}", text)


# an approximate figure the user then makes exact in the same breath
_EXACTLY = re.compile(r"(?:(?:大概|大约|约|差不多|超过|不到|接近|将近|过半|一半以上|一半多|多一点"
                      r"|出头)"
                      r"[^；;。\n]*?|(?:(?<![\d.])(?>[\d.]+)|"
                      r"(?:" + NUM + r")(?=\s*(?:多|来|余)?\s*(?:%|亿|万|个亿|家|件|户|个|人|成)))"
                      + r"\s*(?:%|亿元|亿|万元|万|个亿|成)?\s*(?:以上|左右|多|出头)?"
                      r"[^；;。\d\n]{0,12}?)"
                      r"(?:准确|确切|具体|实际|精确)(?:地|来说|说)?"
                      # 六成出头，具体63.5%: 具体 right before the figure
                      r"(?:(?:是|为|:|：)|(?=\s*[\d零〇一二两三四五六七八九十]))")
# what a correction calls a figure it corrects (专利数不对, 户数更正一下)
SHORT_NAMES: dict[str, tuple[str, ...]] = {
                "patents": ("专利数", "专利件数", "发明专利"),
                "employees": ("从业人员", "人数", "员工"),
                "enterprise_count": ("户数", "企业数"), "area_km2": ("面积", "占地"),
                "iip_penetration": ("普及率",), "sme_output_share": ("中小企业",),
                "leading_industry_share": ("主导产业",), "rd_growth": ("研发",),
                "leading_industry_growth": ("主导产业",), "leading_industry_output": ("主导产业",),
                "sme_output": ("中小企业",), "quality_enterprises": ("去重", "优质"),
                "patent_growth": ("专利增长", "专利年均"), "little_giant": ("小巨人",),
                "single_champion": ("单项冠军", "单冠"), "high_tech": ("高新", "高企"),
                "specialized_sme": ("专精特新",), "innovative_sme": ("创新型",),
                "output_growth": ("增速",), "patents_per_10k": ("每万人",),
                "leading_industry_output_by_year": ("主导产业",), "rd_by_year": ("研发",),
                "patents_by_year": ("专利",)}
# a figure named by 那个 (主导产业那个是6.5%) or made exact (准确数是15.8%): the one in context
_THAT_ONE = re.compile(r"那个(?:数|值|数字)?(?:应该|其实|实际)?(?:是|为)|"
                       r"(?:刚才|前面)[^，,。；;\d]{0,8}?(?:说错|写错|说多|说少|少说|多说)")
_EXACT_NOW = re.compile(r"准确|精确|具体数|具体是|实际是|确切")
# 主导产业产值说多了，是24亿 → 主导产业产值是24亿
_NAMED_CORRECTED = re.compile(r"(?P<what>(?:主导产业|中小企业|集群)?(?:产值|占比|户数|普及率|增速))"
                              r"(?:那个)?(?:数)?(?:说错了|说多了|说少了|写错了|报错了|不对|错了)"
                              r"[，,]\s*(?:应该|其实|实际)?(?:是|为)")
_BACK = {"大前年": 3, "前年": 2, "去年": 1, "今年": 0}
_RELATIVE_CORRECTED = re.compile(r"(大前年|前年|去年|今年)(?:的|那个|那年)?(?:数)?(?:不对|说错了|"
                                 r"错了|写错了)"
                                 r"[，,。]?\s*(?:应该|其实|实际)?(?:是|为)")
# a bound summing up the exact yearly figures said right after it (三年都在30亿以上：2023年31亿…)
_BOUND_THEN_EXACT = re.compile(r"(?:(?:近|这|过去)?(?:三|3)年)?(?:都|均|每年都?)?(?:在|超过|超了|"
                               r"达到)?"
                               r"(?:(?:超过|超了|过了|过|高于|不低于|不少于|在)\s*[\d.]+\s*(?:亿元|亿)(?:以上|多)?(?:了)?"
                               r"|(?<![\d.年])[\d.]+\s*(?:亿元|亿)(?:以上|多))\s*[：:，,]\s*"
                               r"(?=(?:20\d\d)\s*年\s*(?:是|为|产值)?\s*[\d.]+\s*(?:亿元|亿)"
                               r"|[\d.]+\s*(?:亿元|亿)\s*[、，,]\s*[\d.]+\s*(?:亿元|亿)"
                               r")")  # …：21亿、22亿、24亿
_NOT_THIS = re.compile(r"(?:[，,\s]\s*|(?<=[\d亿元万%家件个户人]))(?:而)?不是\s*"
                       r"[\d.零〇一二两三四五六七八九十百千万亿]+\s*"
                       r"(?:亿元|亿|万元|万|%|家|件|个|户|人)?(?=$|[，,。；;！!？?])"
                       # …，50.2是预计数，写错了 / ，19.8那个是错的: the wrong figure named
                       r"|(?<=[，,。；;])\s*[\d.]+\s*(?:亿元|亿|万元|万|%)?(?:那个)?(?:是|为)?"
                       r"(?:(?:我|我们)?(?:看错|看串|抄错|记错|填错|写错|说错|搞错)(?:行|了|表)*"
                       r"|(?:20\d\d\s*年的?)?(?:预计数|预估数|估计数|预测数|计划数|目标数|错的)"
                       r"(?:[，,]?\s*(?:写错了|说错了|搞错了|填错了|是错的|不对))?"
                       r"|[，,]?\s*(?:写错了|说错了|搞错了|填错了|是错的|不对))"
                       # 不对，第三年我报的是预计数，2025年实际是14.8亿: what the earlier figure was
                       r"|(?<=[，,。；;])[^，,。；;\d]{0,8}?(?:我|我们)?(?:报|填|说|写|给)的(?:是|为)?"
                       r"(?:预计数|预估数|估计数|预测数|计划数)(?=\s*[，,。；;])"
                       # 98是核心区的，整个集群是103平方公里 / 3.8万是全县的: whose figure it was
                       r"|(?<=[，,。；;])\s*[\d.]+\s*(?:亿元|亿|万元|万|%|平方公里|户|家|件|人)?是[^，,。；;\d]{1,10}的"
                       r"(?=\s*[，,。；;])")
_YEAR_CORRECTED = re.compile(r"(20\d\d)\s*年(?:的|那个|那年|那一年|那个数|的数)?(?:数)?"
                             r"(?:[\d.]+\s*(?:亿元|亿|万元|万|%|件|家)?(?:那个)?)"
                             r"?"  # 2024年的22亿应该是…
                             r"(?:[^，,。；;\d]{0,6}?(?:说错|写错|弄错|看错|搞错|填错|报错|错|不对)了?"
                             r"(?:行)?(?:了)?[，,。]?\s*(?:应该|其实|实际|正确的)?(?:是|为)"
                             r"|(?:改成|改为|应为|应该是|更正为)"
                             # 2023年那个数漏算了一家子公司，加上是20.2亿
                             r"|[^，,。；;\d]{0,6}?(?:漏算|少算|多算|漏统计|少统计|漏报|少报|多报)了?"
                             r"[^，,。；;\d]{0,8}[，,]\s*(?:加上|算上|补上|去掉|扣掉)(?:后|以后|之后)?"
                             r"(?:是|为)"
                             # 25年的数是预估的，实际决算是24亿
                             r"|[^，,。；;\d]{0,4}?是(?:预估|估算|预计|估|匡算|初步统计)的?(?:数)?[，,]\s*"
                             r"(?:实际|决算|最终|正式)(?:决算|核定|统计)?(?:数)?(?:是|为))")
_VALUE_OF_YEAR = re.compile(r"(?<![\d.])([\d.]+\s*(?:亿元|亿|万元))\s*(?:那个|这个)?(?:数)?"
                            r"(?:其实|实际)?是\s*(20\d\d)\s*年的(?:数)?")
_YEAR_LOOKED_UP = re.compile(r"(20\d\d)\s*年(?:的)?(?:数|产值|那个)?[^\d，,。；;]{0,8}?"
                             r"(?:查|问|看|翻|核|找)(?:了)?(?:一下|下)[^\d]{0,6}?(?:是|为)")
_YEAR_OTHERS = re.compile(r"(20\d\d\s*年|第[一二三123]年)(?:的)?(?:那个|那个数)?\s*[\d.]+\s*"
                          r"(?:亿元|亿)?是[^，,。；;\d]{1,10}的"
                          r"[，,]\s*[^，,。；;\d]{0,10}?(?:是|为)")
# 24.6亿是2025年的产值 / 9.2%是我们集群产值的年均增速: the figure said before what it is
_VALUE_FIRST = re.compile(r"(?<![\d.])(?P<v>(?>[\d.]+)\s*(?:%|亿元|亿|万元|万|平方公里|户|件|人))"
                          r"是(?:我们|咱们)?(?:集群)?(?:的)?"
                          r"(?P<what>[^，,。；;？?]{0,10}?(?:产值|增速|增长率|占比|普及率|面积|户数|人数)"
                          r"[^，,。；;？?]{0,6}?)(?=$|[，,。；;])")
# 12家，这是我们专精特新中小企业的数量
_COUNT_FIRST = re.compile(r"(?<![\d一二两三四五六七八九十])(?P<v>(?>[\d一二两三四五六七八九十]+)"
                          r"\s*[家户件个])(?:[，,]\s*这|其实|实际上?)?是(?:我们|咱们)?"
                          r"(?:的)?(?P<what>[^，,。；;？?]{2,16}?)(?:的)?(?:数量|数|家数|户数)")
_ALIAS = re.compile(r"[（(](?:国高企|高企|小巨人|单冠|专精特新|创新型|SME|IIP)[)）]")
# 中小企业产值24亿，占比75%: the 占比 is that part's share
_SHARE_AFTER = re.compile(r"(?P<who>中小企业|主导产业)(?P<rest>(?:的)?(?:产值)?\s*(?:是|为|有)?\s*"
                          r"(?:[\d.]+\s*(?:亿元|亿|万元|万)"
                          r"|[零〇一二两三四五六七八九十百千点]+(?:亿|万)[零〇一二两三四五六七八九十百千]*(?:万)?"
                          r"(?:元)?))[，,]\s*(?=占比|占(?!地))")
_ORDINAL_YEAR = re.compile(r"(?:第([一二三123])年|头一年|最后一年|中间(?:的)?(?:那|那一|一)年)")


def _ordinal_years(text: str, as_of: date) -> str:
    """第一年是21亿 → the first of the three full years before `as_of` (2023年是21亿)."""
    def year(m: re.Match[str]) -> str:
        if m.group(0) == "头一年":
            n = 1
        elif m.group(0) == "最后一年":
            n = 3
        elif m.group(0).startswith("中间"):  # 近三年从9.6亿涨到12亿 / 中间那年是10.8亿
            n = 2
        else:
            n = "一二三".find(m.group(1)) + 1 or int(m.group(1))
        return f"{as_of.year - 4 + n}年"

    return _ORDINAL_YEAR.sub(year, text)


_PIPE_YEARS = re.compile(r"\n?\s*((?:20\d\d)\s*年?(?:\s*[|｜\t]\s*20\d\d\s*年?)+)\s*\n\s*"
                         r"([\d.]+(?:\s*[|｜\t]\s*[\d.]+)+)")


def _pipe_table(text: str) -> str:
    """2023年 | 2024年 | 2025年 / 24.5 | 22.1 | 19.8 → 2023年24.5，2024年22.1，2025年19.8."""
    def pairs(m: re.Match[str]) -> str:
        years = re.findall(r"20\d\d", m.group(1))
        values = re.split(r"\s*[|｜\t]\s*", m.group(2).strip())
        if len(years) != len(values):
            return m.group(0)
        return "，".join(f"{y}年{v}{unit}" for y, v in zip(years, values, strict=True))

    unit_m = _TABLE_UNIT.search(text)
    unit = unit_m.group(1) if unit_m else ""
    return _PIPE_YEARS.sub(pairs, text)


_BY_KIND = re.compile(r"生产(?:型)?企业\s*(?:有|是|为)?\s*(?P<a>\d+)\s*[户家][，,、和及与]?\s*"
                      r"(?:相关|配套)?服务(?:型|类)?企业\s*(?:有|是|为)?\s*(?P<b>\d+)\s*(?P<u>[户家])")


def _both_kinds(m: re.Match[str]) -> str:
    return f"相关生产、服务企业{int(m.group('a')) + int(m.group('b'))}{m.group('u')}"


_EACH = re.compile(r"([^，,。；;、和与及\d]{2,16}?)(?:和|、|与|及)([^，,。；;、和与及\d]{2,16}?)"
                   r"(?:也)?各(?:有)?\s*"
                   r"(" + NUM + r")\s*(家|个|件|户)")
_RELATIVE_YOY = re.compile(r"(?:今年|去年|前年)(?:的)?(?:产值)?(?:又|也)?(?:比|较|跟|和|与|同)"
                          r"|(?:比|较)(?:去年|前年|大前年)(?:增长|增加|提高|上涨|涨|下降|减少|降)")
_DOWN = r"下降|下滑|下跌|回落|减少|降低|降|跌|少"
_YOY = re.compile(r"(20\d\d)\s*年?(?:的)?(?:产值)?\s*(?:又|也)?(?:比|较|相比|同比)\s*(20\d\d)"
                  r"\s*年?\s*"
                  r"(?:又|也)?(?:(?P<up>增长|增加|提高|上涨|涨|多)|(?P<down>" + _DOWN + r"))了?\s*"
                  r"(?P<pct>[\d.]+)\s*%"
                  r"|(20\d\d)\s*年?(?:的)?(?:产值)?\s*(?:跟|和|与|同|较)\s*(20\d\d)\s*年?\s*"
                  r"(?:持平|一样|相同|不变)")


def _year_on_year(s: str, as_of: date) -> tuple[tuple[tuple[str, str, Decimal], ...], str]:
    """Year-on-year changes (2024年比2023年增长21%，2025年跟2024年持平) and `s` with them blanked,
    so their percentages are not read as an average growth or an output."""
    found: list[tuple[str, str, Decimal]] = []
    chars = list(s)
    for m in _YOY.finditer(s):
        if m.group("pct") is not None:
            pct = Decimal(m.group("pct")) * (-1 if m.group("down") else 1)
            found.append((m.group(1), m.group(2), pct))
        else:
            found.append((m.group(6), m.group(7), Decimal(0)))
        chars[m.start():m.end()] = [" "] * (m.end() - m.start())
    for m in _NEXT_TWO.finditer("".join(chars)):  # 2023年22亿，之后两年增速分别是3%和4%
        last = as_of.year - 1
        found.append((str(last - 1), str(last - 2), Decimal(m.group("a"))))
        found.append((str(last), str(last - 1), Decimal(m.group("b"))))
        chars[m.start():m.end()] = [" "] * (m.end() - m.start())
    for m in _EACH_AFTER.finditer("".join(chars)):  # 2023年13亿，之后两年每年都是同比增长7%
        if m.group("u") != "%":
            continue
        pct = Decimal(m.group("v")) * (-1 if m.group("down") else 1)
        found.extend((str(y), str(y - 1), pct) for y in _years_after(s, m.start(), as_of))
        chars[m.start():m.end()] = [" "] * (m.end() - m.start())
    for m in _LISTED_YOY.finditer("".join(chars)):  # 24年、25年同比分别增长3%和7% / 都增长了7%
        years = re.findall(r"20\d\d", m.group("ys"))
        pcts = re.findall(r"[\d.]+(?=\s*%)", m.group("vals"))
        if len(pcts) == 1 and m.group("each"):
            pcts = pcts * len(years)
        if len(pcts) != len(years):
            continue
        sign = -1 if m.group("down") else 1
        found.extend((y, str(int(y) - 1), Decimal(p) * sign) for y, p in zip(years, pcts,
                                                                          strict=True))
        chars[m.start():m.end()] = [" "] * (m.end() - m.start())
    for m in _YOY_AFTER_VALUE.finditer("".join(chars)):  # 2025年55亿，比2024年增长了12%
        pct = Decimal(m.group("pct")) * (-1 if m.group("down") else 1)
        found.append((m.group("y"), m.group("base") or str(int(m.group("y")) - 1), pct))
        chars[m.start("cmp"):m.end()] = [" "] * (m.end() - m.start("cmp"))
    for m in _YOY_PREV.finditer("".join(chars)):  # 2024年增长了8%: on the year before
        pct = Decimal(m.group("pct")) * (-1 if m.group("down") else 1)
        found.append((m.group("y"), str(int(m.group("y")) - 1), pct))
        chars[m.start():m.end()] = [" "] * (m.end() - m.start())
    return tuple(found), "".join(chars)


_NEXT_TWO = re.compile(r"(?:之后|后面|后来|接下来|此后|随后)(?:的)?(?:两年|2年|\s{2,3})(?:的)"
                       r"?(?:产值)?(?:增速|增长率|增幅|分别增长|"
                       r"同比增长|增长)(?:分别)?(?:是|为|了)?\s*(?P<a>[\d.]+)\s*%\s*(?:和|、|，|,|与)\s*"
                       r"(?P<b>[\d.]+)\s*%")
_YOY_PREV = re.compile(r"(?P<y>20\d\d)\s*年(?:的)?(?:产值)?(?:比上年|比上一年|较上年|比去年)?(?:又|"
                       r"再|也)?(?:同比)?"
                       r"(?:(?P<up>增长|增加|提高|上涨|涨)|(?P<down>下降|下滑|下跌|回落|减少|降低|降|跌))了?\s*(?P<pct>[\d.]+)\s*%")


_LISTED_YOY = re.compile(
    r"(?P<ys>20\d\d\s*年?(?:\s*[、和及与]\s*20\d\d\s*年?)+)(?:的)?(?:产值)?\s*"
    r"(?:(?:同比|比上年|较上年|比上一年)\s*)?(?P<each>都|均|每年都|每年均|各)?\s*"
    r"(?:(?:同比|比上年|较上年|比上一年)\s*)?(?:分别)?"
    r"(?:(?P<up>增长|增加|提高|上涨|涨)|(?P<down>" + _DOWN + r"))了?(?:分别)?(?:是|为)?\s*"
    r"(?P<vals>[\d.]+\s*%(?:\s*(?:[、和及与,，]|以及)\s*[\d.]+\s*%)*)")
# a year's value, then its change on a year before: 2025年产值55亿，比2024年增长了12% / 同比增长12%
_YOY_AFTER_VALUE = re.compile(
    r"(?P<y>20\d\d)\s*年(?:的)?(?:集群)?(?:总)?(?:产值)?(?:是|为|达到|做到|做了|实现)?\s*[\d.]+\s*亿元?"
    r"\s*[，,]?\s*"
    r"(?P<cmp>(?:比|较)\s*(?:(?P<base>20\d\d)\s*年?|上一?年)\s*|同比)"
    r"(?:(?P<up>增长|增加|提高|上涨|涨)|(?P<down>" + _DOWN + r"))了?\s*(?P<pct>[\d.]+)\s*%")
_DELTA = re.compile(r"(20\d\d)\s*年?(?:(?!20\d\d)[^。；;\n]){0,20}?"
                    r"(?P<cmp>(?:又)?比\s*(20\d\d)\s*年?\s*(?:又|也)?"
                    r"(?:多|增加|增长|高|涨)了?\s*(?P<d>[\d.]+)\s*亿元?)")


# 之后每年比上一年多1.5亿 / 之后两年每年都是同比增长7%: the same change in every later year
_EACH_AFTER = re.compile(r"(?:之后|后面|此后|随后|以后|接下来|往后)(?:的)?(?:两年|2年|\s{2,3})"
                         r"?(?:每年|每一年)"
                         r"(?:都)?(?:是)?(?:比上(?:一?年|\s{2})|同比|较上(?:一?年|\s{2})|比前(?:一年|\s{2}))?(?:都)?"
                         r"(?:(?P<up>增长|增加|多|涨|提高)|(?P<down>下降|减少|少|降))了?\s*"
                         r"(?P<v>[\d.]+)\s*(?P<u>%|亿元|亿)")


def _years_after(s: str, at: int, as_of: date) -> list[int]:
    """The years after the last year named before `at` (2023年13亿，之后…), to the last full
    year; three years back when none is named."""
    named = re.findall(r"(20\d\d)\s*年", s[:at])
    first = int(named[-1]) if named else as_of.year - 3
    return list(range(first + 1, as_of.year))


def _year_deltas(s: str, as_of: date) -> tuple[tuple[tuple[str, str, Decimal], ...], str]:
    """比2024年多了3亿 after 2025年…: (2025, 2024, 3); the comparison is blanked so its amount
    is not read as an output."""
    found: list[tuple[str, str, Decimal]] = []
    chars = list(s)
    for m in _EACH_AFTER.finditer(s):
        if m.group("u") == "%":
            continue
        d = Decimal(m.group("v")) * (-1 if m.group("down") else 1)
        found.extend((str(y), str(y - 1), d) for y in _years_after(s, m.start(), as_of))
        chars[m.start():m.end()] = [" "] * (m.end() - m.start())
    for m in _DELTA.finditer(s):
        found.append((m.group(1), m.group(3), Decimal(m.group("d"))))
        chars[m.start("cmp"):m.end("cmp")] = [" "] * (m.end("cmp") - m.start("cmp"))
    return tuple(found), "".join(chars)



_CUMULATIVE = re.compile(r"(?:累计|累积|总共|一共|合计|加起来|总体|整体)(?:共)?"
                         r"(?:增长|增加|提高|提升|上涨|涨|增)了?\s*(?P<pct>[\d.]+)\s*%")
_OVER_YEARS = re.compile(r"(?P<b>20\d\d)\s*年?(?:的)?(?:产值)?\s*(?:又|也)?(?:比|较|相比)\s*"
                         r"(?P<a>20\d\d)\s*年?"
                         r"\s*(?:累计|一共|总共|合计|总体)?(?:共)?(?:(?P<up>增长|增加|提高|上涨|涨|多)"
                         r"|(?P<down>下降|下滑|下跌|减少|降低|降|少))了?\s*(?P<pct>[\d.]+)\s*%")
_SPAN = re.compile(r"(20\d\d)\s*年?\s*(?:(?<=年)[^。；;%]{0,16}?)?(?:到|至|-|—|~|～)\s*(20\d\d)"
                   r"\s*年?")
_TWO_YEARS = re.compile(r"(?:近|这|过去|最近)?(?:两|二|2)年(?:来|间|里|中|下来)?")
_GROWTH_OF = (("主导产业", "leading_industry_growth"), ("研发", "rd_growth"),
              ("专利", "patent_growth"))


def _cumulative(plain: str, as_of: date) -> tuple[dict[str, Decimal], list[str], str]:
    """累计增长 over a span, as the 年均 rate it implies: 2023到2025年累计增长21% is 10% a year
    ((1 + 21%)^(1/2) − 1); with no span said (三年累计涨了23%: two years or three?) it is asked
    back, never read as a yearly rate. Returns the rates, the questions and `plain` with the
    phrases blanked."""
    rates: dict[str, Decimal] = {}
    asks: list[str] = []
    chars = list(plain)
    for m in _OVER_YEARS.finditer(plain):  # 有效发明专利25年比23年多了10%: over two years
        years = int(m.group("b")) - int(m.group("a"))
        if years < 2:
            continue  # one year: a year-on-year change (_year_on_year)
        metric = _growth_named(plain[max(plain.rfind(c, 0, m.start())
                                         for c in "。；;！!？?\n，,") + 1:m.start()])
        ratio = 1 + Decimal(m.group("pct")) * (-1 if m.group("down") else 1) / 100
        if ratio > 0:
            rates[metric] = _yearly(ratio, years)
        chars[m.start():m.end()] = [" "] * (m.end() - m.start())
    plain = "".join(chars)
    for m in _CUMULATIVE.finditer(plain):
        clause = plain[max(plain.rfind(c, 0, m.start()) for c in "。；;！!？?\n") + 1:m.start()]
        metric = _growth_named(clause)
        span = list(_SPAN.finditer(clause))
        if span and int(span[-1].group(2)) > int(span[-1].group(1)):
            years = int(span[-1].group(2)) - int(span[-1].group(1))
        elif _TWO_YEARS.search(clause):
            years = 2
        else:
            asks.append(f"您说的“{m.group()}”是从哪一年到哪一年的？累计增长要按年数折算成"
                        f"{LABELS[metric]}，请告诉我起止年份（或各年的数值）。")
            chars[m.start():m.end()] = [" "] * (m.end() - m.start())
            continue
        rates[metric] = _yearly(1 + Decimal(m.group("pct")) / 100, years)
        chars[m.start():m.end()] = [" "] * (m.end() - m.start())
    return rates, asks, "".join(chars)


def _growth_named(clause: str) -> str:
    """The growth a change is about, by the words of the clause before it (专利 → 有效发明专利
    年均增长率); the cluster's output growth when none is named."""
    return next((k for w, k in reversed(_GROWTH_OF) if w in clause), "output_growth")


def _yearly(ratio: Decimal, years: int) -> Decimal:
    """The yearly rate (%) of a total change `ratio` over `years`: 1.21 over 2 → 10."""
    return canonical(((ratio.sqrt() if years == 2 else ratio ** (Decimal(1) / years)) - 1) * 100)


# 前两年都是22亿 / 头两年分别是21亿和22亿 (after the last year's figure): the years written out
_TWO_YEARS_SAID = re.compile(r"(?P<w>前|头|之前|前面|近|最近|后|后面)两年(?:的)?(?:产值)?"
                        r"(?=\s*(?:都|均|分别)?\s*(?:是|为|有|在)?\s*[\d零〇一二两三四五六七八九十]"
                        r"[^，,。；;%]{0,8}?(?:亿|万))")


def _two_years(m: re.Match[str], as_of: date) -> str:
    first = as_of.year - (3 if m.group("w") in ("前", "头", "之前", "前面") else 2)
    return f"{first}年、{first + 1}年"


# a two-digit range of years after figures or a name (产值 40 44 48.5 亿 23到25 / 二三到二五 /
# （２３－２５年）): written out, so the figures get their years and 25 is no figure
_SHORT_RANGE = re.compile(r"(?<![\d.\u4e00-\u9fff])(?P<a>2\d|二[〇零一二三四五六七八九])\s*"
                          r"(?:到|至|-|—|~|～)\s*"
                          r"(?P<b>2\d|二[〇零一二三四五六七八九])(?P<y>年)?(?![\d.%亿万家个件户])"
                          r"|(?<=[\u4e00-\u9fff])(?P<c>2\d|二[〇零一二三四五六七八九])\s*"
                          r"(?:到|至|-|—|~|～)\s*"
                          r"(?P<d>2\d|二[〇零一二三四五六七八九])(?P<y2>年)(?![\d.%亿万])")


def _short_range(m: re.Match[str]) -> str:
    a, b = (m.group("a"), m.group("b")) if m.group("a") else (m.group("c"), m.group("d"))
    ya, yb = (int("".join(_CN_DIGIT.get(ch, ch) for ch in x).replace("二", "2"))
              for x in (a, b))
    before = m.string[max(0, m.start() - 30):m.start()]
    if not 0 < yb - ya <= 4 or not (m.group("y") or m.group("y2") or not a.isdigit()
                                    or re.search(r"产值|年", before)):
        return m.group()
    return f"20{ya:02d}年至20{yb:02d}年"
