"""Counts of enterprises from an utterance: 3家小巨人, 俩单项冠军, 单项冠军和小巨人都没有,
集群内企业共计86家; a count said to be in the leading industry adds to
`leading_industry_champions`. Hedged counts (十来家, 20多家) become questions back."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .numbers import NUM, hedge_in, parse_number

COUNT_PATTERNS: dict[str, str] = {
    "little_giant": r"(?:国家级)?(?:专精特新)?[“\"”']?小巨人[”\"']?(?:企业)?",
    "single_champion": r"(?:国家级)?(?:制造业)?单项冠军(?:企业)?|单冠"
                       r"|(?<![单项])冠军(?=\s*[\d零一二两三四五六七八九十俩])",  # 冠军1
    "specialized_sme": r"[“\"]?专精特新[”\"]?(?:中小)?(?:企业)?(?![“\"]?小巨人)",
    "innovative_sme": r"创新型(?:中小)?(?:企业|的)|创新型"
                      r"(?=\s*(?:有|为|是|共)?\s*[\d一二两三四五六七八九十]|\s*(?:$|[，,。；;！!？?])"
                      r"|[和、与及])",  # 创新型和高企也没有
    "high_tech": r"(?:国家级)?高新技术企业|国高企|高企",
}
COUNT_LABELS = {
    "enterprise_count": "企业户数", "quality_enterprises": "优质中小企业去重后家数",
    "little_giant": "专精特新“小巨人”企业数", "single_champion": "制造业单项冠军企业数",
    "specialized_sme": "专精特新中小企业数", "innovative_sme": "创新型中小企业数",
    "high_tech": "国家级高新技术企业数",
    "leading_industry_champions": "主导产业的单项冠军或小巨人数",
}
_COUNT_BEFORE = {m: re.compile(r"(?P<neg>(?<!有)(?:没有|无))"
                               r"?(?P<num>" + NUM + r")?(?P<approx>来|多|余)?"
                               r"\s*(?:[家个户名](?!\s)|[家个户名]?)"  # 5家 单冠: two items
                               r"(?:企业(?:是|为|属于|获评为?|被评为?|入选))?"  # 3家企业是小巨人
                               r"(?:主导产业的?)?"
                               + f"(?:{p})") for m, p in COUNT_PATTERNS.items()}
_NONE_OF = re.compile(r"(?<!有)(?:没有|无|均无|都没有)(?!提到|提及|规定|说|写|要求|涉及|明确|限制)"
                      r"(?P<span>[^，,。；;\d]{2,30})")
_NONE_AFTER = re.compile(r"(?P<span>[^，,。；;\d\s]{2,24}?)(?:都|也|还|均|暂时|目前|一家)*(?:没有|"
                         r"无|(?<=[都均])(?:是|为)?(?:零|0)(?:家)?)"
                         r"(?=$|[，,。；;！!？?\s])")
_IS = (r"(?:企业)?\s*(?:[（(]家[)）])?\s*(?:我们|咱们)?(?:也|还|都)?(?:应该|其实|实际)?(?:只|仅|就|"
       r"一共|总共)?"
       r"(?:有|为|是|共|共有|数量为|数量是|:|：)?\s*")
_COUNT_AFTER = {m: re.compile(f"(?:{p})" + _IS + r"(?P<num>" + NUM + r")(?P<approx>来|多|余)?"
                              r"\s*(?:[家个户名]|(?=\s*(?:$|[；;，,。\n]))|(?=\s)"
                              r")")  # 小巨人（家）：2；
                for m, p in COUNT_PATTERNS.items()}
_FIRMS = r"(?:相关)?(?:生产[、和及与]?服务等?)?企业"
# 企业86家 is the total only when no category precedes 企业 (专精特新企业3家 is a count of its own)
_NO_CATEGORY = r"(?<!小巨人)(?<!专精特新)(?<!中小)(?<!创新型)(?<!技术)(?<!冠军)(?<!龙头)(?<!规上)" \
               r"(?<!规模以上)(?<![”\"])"
_SAY_TOTAL = r"(?:只有|共有|共计|总共|一共|有|共|为|是|:|：)?"
_ENTERPRISES = re.compile(_FIRMS + r"(?:户数|数量|数)?\s*" + _SAY_TOTAL
                          + r"\s*(?P<num>" + NUM + r")(?P<approx>来|多|余)?\s*户"
                          r"|(?P<num2>" + NUM + r")\s*户" + _FIRMS
                          + r"|(?:集群内|集群里|集群)(?:的)?" + _NO_CATEGORY + _FIRMS
                          + r"(?:总数|数量)?\s*(?:共计|总共|一共|共有|共|有)\s*(?P<num3>" + NUM
                          + r")\s*家"
                          # 集群里共有120家企业 (but not 集群有3家企业是小巨人)
                          r"|(?:集群内|集群里|集群中|集群)(?:共有|总共有|一共有|共计|拥有|有)"
                          r"(?:各类|相关)?\s*(?P<num4>" + NUM + r")\s*[家户]" + _FIRMS
                          + r"(?=\s*(?:$|[，,。；;]))"  # not 集群里有一家企业被查出偷税
                          r"|集群(?:里|内|中)?\s*(?:一共|总共|共)?\s*(?:聚集|集聚|汇聚|入驻)了?\s*(?P<num6>"
                          + NUM
                          + r")\s*[家户](?:相关)?(?:的)?(?:生产[、和及与]?服务等?)?企业"
                          r"|集群(?:里的|内的|的)?企业[^。；;\d]{0,6}?(?:只有|一共|总共|共|有)\s*"
                          r"(?P<num7>" + NUM + r")\s*[家户](?=\s*(?:$|[，,。；;]))"
                          r"|(?P<num5>" + NUM + r")\s*[家户]相关(?:的)?"
                          r"(?:生产[、和及与]?服务等?)?企业")
# a number of 户 said alone (更正一下，核实后是12户): only firms are counted in 户 here
_BARE_HOUSEHOLDS = re.compile(r"(?:^\s*|是|为|有|共|一共|总共|共计"
                              r"|(?:算上|加上|合起来)(?:就|是|有|共)?)"
                              r"\s*(?P<num>" + NUM + r")\s*户(?:了)?"
                              r"(?=\s*(?:$|[，,。；;！!？?]))")  # …刚入驻，算上就十户了
# the five categories counted once each: 去重后共10家 / 优质中小企业（去重后）12家
_DISTINCT = re.compile(r"(?:一家只算一次(?:的话)?|(?:把)?重复的去掉(?:以后|后|之后)?)[，,]?\s*"
                       r"(?:一共|总共|合计|共计|共|是|有)*\s*(?P<num3>" + NUM + r")\s*家"
                       r"|(?:优质(?:中小)?企业\s*)?[（(]?\s*(?:[五5]类)?\s*去重(?:后|以后|之后)?"
                       r"(?:合计|总计|总数|家数)?\s*[)）]?\s*"
                       r"(?:的|一共|总共|合计|共计|共|为|是|有|正好|刚好|恰好|[:：]|大概|大约|约|差不多)*\s*(?P<num>"
                       + NUM + r")\s*"
                       r"(?:家|(?=\s*(?:$|[；;，,。\n])))"
                       r"|优质(?:中小)?企业(?:数量|数)?\s*(?:合起来|加起来|一共|总共|合计|共计|共|为|是|有)*\s*"
                       r"(?P<num2>" + NUM + r")\s*家")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


# how many of the champions and little giants are in the leading industry, said outright:
# 其中属于主导产业的有2家 / 这几家里只有1家是做主导产业的 / 这两家都在主导产业
_IN_LEADING = re.compile(r"(?:其中|这几家里?|这些里?|里面)[^，,。；;\d]{0,6}?主导产业的?\s*"
                         r"(?:[（(]家[)）])?\s*(?:有|共|是|为|:|：)?\s*(?P<a>" + NUM + r")\s*家?"
                         # (这几家 reaches here blanked, as 3 spaces: see extract._NOT_VALUES)
                         r"|(?:其中|这几家里?|这些里?|里面|\s{3}里)[^，,。；;\d]{0,4}?(?:只有|有)?\s*"
                         r"(?P<b>" + NUM + r")\s*家(?:是|属于|在)(?:做)?主导产业"
                         r"|(?:这|那)(?P<c>[两二三四五六七八九\d]|几)家(?:都|全)(?:在|属于|是)(?:做)?主导产业"
                         # 2家小巨人，其中1家生产的就是主导产品
                         r"|其中\s*(?P<d>" + NUM + r")\s*家[^，,。；;]{0,8}?主导(?:产业|产品)")


def count_facts(s: str, facts: dict[str, Any], questions: list[str],
                taken: list[tuple[int, int]], mentioned: list[str]) -> None:
    """Adds the counts stated in `s` to `facts` (spans used go to `taken`)."""
    for metric in COUNT_PATTERNS:
        _counts(s, metric, facts, questions, taken, mentioned)
    for m in [*_NONE_OF.finditer(s), *_NONE_AFTER.finditer(s)]:  # 没有单项冠军和小巨人
        for metric, pattern in COUNT_PATTERNS.items():
            if metric not in facts and re.search(pattern, m.group("span")):
                facts[metric] = 0
                mentioned.append(metric)
    for m in _IN_LEADING.finditer(s):
        raw = m.group("a") or m.group("b") or m.group("c") or m.group("d")
        if raw == "几" or re.search(r"[亿万.点]", raw) or \
                re.match(r"\s*(?:元|%|亿|万)", s[m.end():]):
            continue  # 其中主导产业14.3亿: an output, not a count of firms
        value = parse_number(raw)
        if value == value.to_integral() and value >= 0:
            facts["leading_industry_champions"] = int(value)
            taken.append((m.start(), m.end()))
    for m in _DISTINCT.finditer(s):
        value = parse_number(m.group("num") or m.group("num2") or m.group("num3"))
        if hedge_in(s[max(0, m.start() - 4):m.end() + 3]):
            questions.append("请告诉我优质中小企业去重后的确切家数。")
            mentioned.append("quality_enterprises")  # 那个数准确是11家 refers to it
        elif value == value.to_integral() and value >= 0:
            facts["quality_enterprises"] = int(value)
            mentioned.append("quality_enterprises")
        taken.append((m.start(), m.end()))
    for m in _ENTERPRISES.finditer(s):
        value = parse_number(m.group("num") or m.group("num2") or m.group("num3")
                             or m.group("num4") or m.group("num5") or m.group("num6")
                             or m.group("num7"))
        if m.group("approx") or hedge_in(s[max(0, m.start() - 4):m.end() + 3]):
            questions.append(f"请告诉我{COUNT_LABELS['enterprise_count']}的确切数量。")
            mentioned.append("enterprise_count")
        elif value == value.to_integral() and value >= 0:
            facts["enterprise_count"] = int(value)
            mentioned.append("enterprise_count")
        taken.append((m.start(), m.end()))
    bare = None if "enterprise_count" in facts else _BARE_HOUSEHOLDS.search(s)
    if bare and not any(a <= bare.start() < b for a, b in taken):  # 核实后是12户: 户 counts firms
        value = parse_number(bare.group("num"))
        if value == value.to_integral() and value >= 0:
            facts["enterprise_count"] = int(value)
            mentioned.append("enterprise_count")


def _counts(s: str, metric: str, facts: dict[str, Any], questions: list[str],
            taken: list[tuple[int, int]], mentioned: list[str]) -> None:
    for pattern in (_COUNT_AFTER[metric], _COUNT_BEFORE[metric]):
        for m in pattern.finditer(s):
            if any(a <= m.start() < b for a, b in taken):
                continue
            num = m.group("num")
            neg = m.groupdict().get("neg")
            if num is None and not neg:
                continue
            taken.append((m.start(), m.end()))
            lead = max(s.rfind(c, 0, m.start()) for c in "，,；;：:。") + 1
            tail = [i for i in (s.find(c, m.end()) for c in "，,；;。") if i >= 0]
            clause = s[max(0, m.start() - 4, lead):min([m.end() + 3, *tail])]
            hedge = m.group("approx") or hedge_in(clause)
            if hedge and num is not None:
                questions.append(f"“{clause.strip()}”是估计（“{hedge}”），请告诉我{COUNT_LABELS[metric]}的确切数量。")
                mentioned.append(metric)
                return
            value = Decimal(0) if num is None else parse_number(num)
            if value != value.to_integral() or value < 0:
                questions.append(f"{COUNT_LABELS[metric]}应为非负整数，您说的是“{m.group()}”，请核对。")
                return
            facts[metric] = int(value)
            mentioned.append(metric)
            leading = "主导产业" in m.group() or bool(_LEADING_BEFORE.search(
                s, max(0, m.start() - 10), m.start())) or _leading_after(s, m.end())
            if metric in ("little_giant", "single_champion") and leading:
                facts["leading_industry_champions"] = (
                    facts.get("leading_industry_champions", 0) + int(value))
            elif metric in ("little_giant", "single_champion") and leading is None:
                facts.setdefault("leading_industry_champions", 0)  # …不属于主导产业
            return


# 主导产业里有1家小巨人 / 集群主导产业有1家制造业单项冠军
_LEADING_BEFORE = re.compile(r"主导产业(?:里|中|内|领域|方面)?(?:(?:共|也|还)?(?:有|拥有)|的)?\s*$")
_LEADING_AFTER = re.compile(r"主导(?:产业|企业)(?!产值|占|比例|比重|的?(?:年均)?增)")
_NOT_LEADING = re.compile(r"不是|并非|不属于|不在|非")


def _leading_after(s: str, end: int) -> bool | None:
    """两家单项冠军，都是做主导产业锂电材料的: the firms just counted belong to the leading
    industry (True); 但它不是主导产业的: they do not (None); nothing said (False)."""
    stop = _SENTENCE_END.search(s, end)
    rest = s[end:stop.start() if stop else len(s)][:30]
    m = _LEADING_AFTER.search(rest)
    if m is None:
        return False
    return None if _NOT_LEADING.search(rest[:m.start()]) else True
