"""A conversation: the cluster profile builds up over turns; follow-ups reuse it.

- facts stated in any turn are added to the profile; a later value overwrites (不对，占比是65%);
- 如果……呢 is a what-if: answered on a copy, the stored profile is unchanged;
- 那山东呢 / 换成山东呢 re-asks the last question for another jurisdiction;
- 重新开始 clears everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from . import compose, eligibility
from .answer import Answer, CitationList
from .explain import explain
from .extract import (
    CORRECTION,
    LABELS,
    PERCENT_METRICS,
    SHARE_METRICS,
    SHORT_NAMES,
    extract,
    figures,
    metrics_named,
)
from .facts import LEVEL_WORDS, extract_facts
from .numbers import find_quantities
from .render import short
from .router import Route, has, route
from .series import SERIES_KEYS
from .textnorm import clean, strip_injection
from .utterance import CHOSEN, date_in, several_clusters, with_changes

EXPORT_VERSION = 1
_GAP = re.compile(r"还差|差多少|差距|差在哪|哪里不够|怎么才能")
_WHY = re.compile(r"为什么|为啥|怎么不行|哪里不行|哪[条项些里个](?:没|不)(?:过|行|符合|满足|达标)"
                  r"|(?:不|没)(?:满足|符合|达标)的")
_ASKS_ABOUT_RULES = re.compile(r"对吗|对吧|(?<!不)对不对|是吗|是不是|没错吧|是真的吗|真的吗|"
                               r"吧\s*[？?]\s*$"
                               r"|规定|要求|门槛|标准是"
                               r"|第[一二三四五六七八九十百\d]+条(?:说|规定|写)"
                               r"|多久|多少|什么(?![^，,。；;？?]{0,6}(?:都|也)(?:没|不|无))|怎么|哪|需要|必须|至少|得[占涨达有要]|几个百分点|几个点|几成"
                               r"|能不能算|(?<!不)能算|可以算|算数吗")
# the user will look a figure up (占比我查一下 / 回头告诉你 / 我回头看看报表)
_LATER = re.compile(r"(?:我|等我)?(?:查一下|查查|查一查|回头|稍后|等会|等下|待会|核实一下|问一下|"
                    r"翻一下|看看报表|找一下)")
# asking how our cluster fares (…，还差什么？), not what a rule says: the clauses before it are ours
_VERDICT_ASKED = re.compile(r"还差|差什么|差哪|哪条不行|哪条卡|能报吗|能不能报|够不够|行不行|"
                            r"够格吗|结论")
# a turn that goes on with a supposition (那样够了吗 / 那就过了？/ 这样是不是就不行了)
_GOES_ON = re.compile(r"^(?:那|这样|那样|如果这样|要是这样|照这样)|那样|这样的话|那就")
_BACK_TO_FACTS = re.compile(r"按实际|回到实际|实际的|实际上|实际情况|实际数|实际(?:就)?是|目前实际|"
                            r"按现在|按现状|先不算|还是按|真实|不假设|别假设")
# 这算高于5%吗: the figure is the rule's bar, asked about our figures
_BAR_ONLY = re.compile(r"^[^\d]{0,8}(?:高于|超过|低于|不低于|不少于|达到|够|过|到)了?\s*[\d.]+\s*%?"
                       r"\s*(?:的)?(?:线|标准|门槛)?\s*(?:了)?(?:吗|没有|没|么|不|啊|吧)?\s*[？?。]?$")
_IF = re.compile(r"如果|假如|假设|要是|若是|万一|(?<![这那])的话")
_FIRST_PERSON = re.compile(r"我们|我县|我市|咱们|本集群|我们的|我的|我方")
_SELF_ANSWER = re.compile(r"[？?]\s*(?:是的|是|对|对的|没错|有的|有|没有)")  # …吗？是的，没错
_RULE_WORDS = re.compile(r"规定|要求|门槛|标准|细则|办法|文件|得[占涨达有要]|需要|必须|至少")


def _own_figures(ex: Any, question: str) -> bool:
    """Several figures stated plainly (3.2万名从业人员，16件有效发明专利，每万人这个指标卡在哪):
    the user's own data, not a claim about the rules."""
    with_figures = [c for c in re.split(r"[。！!？?\n；;]", question)
                    if re.search(r"\d|[一二两三四五六七八九十][亿成家个户件]|百分之", c)]
    return (len(ex.facts) >= 2 and not any(_RULE_WORDS.search(c) for c in with_figures)) or bool(
        ex.facts and (_THIS_FIGURE.search(question) or len(_FORM_LINES.findall(question)) >= 3))


# a pasted 申报表: lines of 标签：值 (its labels quote the rules' words, 国家规定的…)
_FORM_LINES = re.compile(r"(?m)^[^：:\n]{2,40}[：:][^\n]+$")


# 单位是万元 / 单位搞错了，是公顷 / 刚才的单位写错了，应该是亿元: a unit for the last figures
_UNIT_LATER = re.compile(r"^(?:对了|另外|哦|噢|不好意思|抱歉|对不起|sorry)?[，,]?\s*(?:刚才|前面|"
                         r"上面)?(?:的|那个|那些)"
                         r"?(?:数的?)?单位"
                         r"(?:应该)?(?:是|为|搞错了|弄错了|写错了|错了|不对)[，,]?\s*(?:应该|其实)?(?:是|为)?\s*"
                         r"(?P<u>亿元|千万元|百万元|万元|亿|千万|百万|万|元|公顷|亩|平方米|平方公里)[，,。！!]?"
                         r"(?:[^，,。！!]{0,10}(?:看错|搞错|弄错|写错)[^，,。！!]{0,6}[，,。！!]?)?(?:[，,。！!]?\s*"
                         r"(?:不是[^，,。]{0,6}|忘了说|忘说了)?)?[。！!]?\s*$")
_FIGURE = re.compile(r"(?<![\d.])(?!(?:19[5-9]|20[0-3])\d(?![\d.])"
                     r")"  # not a year (2023、2024年分别是…)
                     r"(\d+(?:\.\d+)?)(?!\s*(?:年|月|日|号|%|\d|\.\d|家|件|个|户|人|名))"
                     r"\s*(?:亿元|千万元|百万元|万元|亿|千万|百万|万|元|公顷|亩|平方米|平方公里)?")


def _with_unit(text: str, unit: str) -> str:
    """The figures of `text` (not years, shares or counts) in `unit`: 总产值256000 → 256000万元."""
    return _FIGURE.sub(lambda m: m.group(1) + unit, text)


# a question naming one figure, then the user's own value: 中小企业产值占比呢？我们是58%
_ASKED_THEN_SAID = re.compile(r"(?P<q>[^？?]{2,30})[？?]\s*(?P<a>[^？?]*\d[^？?]*)$")
_RESET_FIRST = re.compile(r"(?:^|(?<=[。！!；;\n]))[^。！!；;\n]*?(?:换一个集群|换个集群|重新开始|"
                          r"重新来|从头开始|清空)"
                          r"(?:[^。！!；;\n]*[。！!；;\n]|[^，,。！!；;\n]{0,6}[，,])")


def _after_reset(question: str) -> str:
    """What follows a reset said in a sentence, when there is more (换个集群。这个…;
    牦牛肉那个不看了。换个集群，说藏毯集群：…)."""
    m = _RESET_FIRST.search(question)
    if not m or not has("reset", m.group()):
        return ""
    return question[m.end():].strip()


_NAMES_YEAR = re.compile(r"20\d\d\s*年|去年|前年|今年|大前年|最近一年|上一年")
# a single figure that is one year of a series the profile holds
_SERIES_OF = {"leading_industry_output": "leading_industry_output_by_year",
              "patents": "patents_by_year"}
# 占地2800公顷，这个面积符合要求吗: the figure just said is ours, asked about
_THIS_FIGURE = re.compile(r"(?:这个|这些|这样的?)(?:数|值|数字|面积|产值|比例|占比|增速|水平)"
                          r"?(?:能|可以)?"
                          r"(?:符合|满足|够|达标|行|过)")


# a reset for another cluster of the same place (这是我们隔壁县的，清空重新算)
_ANOTHER_CLUSTER = re.compile(r"另一个(?:县|区|集群)|隔壁(?:县|区)|别的(?:县|区|集群)|其他(?:县|区)"
                              r"|换(?:一)?个集群|这个是[^，,。]{0,8}的|这是[^，,。]{0,8}的"
                              r"|不是我们(?:县|的)")
_YEAR_FIGURE = re.compile(r"(?:20)?\d\d\s*年\s*(?:是|为|[：:])?\s*\d")
_CORRECTS = re.compile(r"占比|比例|比重|不对|错了|说错|更正|应该是|其实是|改为|改成")
_HOW_CHOSEN = "省级主管部门审核后择优形成集群名单，经公示无异议的确定为集群"
_REFERENCE = re.compile(r"第[一二三四五六七八九十百\d]+条|附件")


_SERIES_WORDS = (("leading_industry_output_by_year", "主导产业"), ("rd_by_year", "研发"),
                 ("patents_by_year", "专利"))


def _changed_series(question: str, said: dict[str, Any], profile: dict[str, Any]) -> str:
    """The yearly series a year-on-year change is about: the one named or said in this turn,
    else the only series held (主导产业产值2023年16亿 / 2024年同比增长4%…); else 产值."""
    if "output_by_year" in said or re.search(r"(?<!主导产业)(?<!主导)产值", question):
        return "output_by_year"
    for key, word in _SERIES_WORDS:
        if key in said or word in question:
            return key
    held = [k for k, _ in _SERIES_WORDS if isinstance(profile.get(k), dict)]
    if len(held) == 1 and not isinstance(profile.get("output_by_year"), dict):
        return held[0]
    return "output_by_year"


@dataclass
class Conversation:
    """Multi-turn dialogue state. `as_of` None means "today" at each turn."""

    as_of: date | None = None
    profile: dict[str, Any] = field(default_factory=dict)
    jurisdictions: list[str] = field(default_factory=list)
    last_intent: str | None = None
    last_question: str | None = None
    last_metrics: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    # the figures a question about the rules named (普及率要求是15%吧？): 我们是16% answers it
    asked: list[str] = field(default_factory=list)
    # the last utterance that gave figures, for a unit said afterwards (单位是万元)
    last_facts_text: str = ""
    turns: list[dict[str, Any]] = field(default_factory=list)
    # figures of several clusters given at once (A集群…；B集群…), until the user says which
    candidates: dict[str, dict[str, Any]] = field(default_factory=dict)
    # the profile a what-if question supposed (如果普及率提到11%呢), while the next turns go on
    # asking about it (那样够了吗); never stored in `profile`
    supposed: dict[str, Any] | None = None
    # a figure named on its own (中小占比), whose value may come alone in the next turn (73)
    awaiting: str | None = None
    focus: str | None = None  # the one figure the last question without figures was about
    order: list[str] = field(default_factory=list)  # 我按顺序发 研发增速 专利增速 … → bare values
    before_reset: list[str] = field(default_factory=list)  # the places of the cluster reset

    # --- one turn -------------------------------------------------------------------------
    def send(self, text: str) -> Answer:
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"问题为空 (empty question): {text!r}")
        answer = self._answer(text)
        self.turns.append({"question": text, "intent": answer.intent,
                           "jurisdictions": list(answer.jurisdictions)})
        return answer

    def _today(self) -> date:
        return self.as_of or date.today()

    def _answer(self, text: str) -> Answer:
        today = self._today()
        cleaned = clean(text)
        question, injected = strip_injection(cleaned)
        rest = _after_reset(question)
        if rest:  # 换一个集群，前面的都不要了。这个集群小巨人没有…: reset, then the new facts
            places = list(self.jurisdictions)
            self.reset()
            self.jurisdictions = places  # 重新开始，刚才是另一个县的: same rules, another cluster
            answer = self._answer(rest)
            return replace(answer, question=text, answer="已清空之前的数据，按新的情况对照：\n"
                           + answer.answer)
        unit = _UNIT_LATER.match(question)
        if unit and self.last_facts_text:  # 单位是万元 / 单位搞错了，是公顷: the last figures again
            question = _with_unit(self.last_facts_text, unit.group("u"))
        asked_then_said = _ASKED_THEN_SAID.match(question)
        said_for = metrics_named(asked_then_said.group("q")) if asked_then_said else []
        answer_part = asked_then_said.group("a") if asked_then_said else ""
        if len(said_for) == 1 and not metrics_named(answer_part):
            # 中小企业产值占比呢？我们是58%: the figure answers the question just asked
            ex = extract(answer_part, today, context_metric=said_for[0])
        else:
            ex = extract(question, today, context_metric=self._context_metric(question))
        named_here = metrics_named(question)
        named = [m for m in named_here if m in LABELS]
        if not self.jurisdictions and self.before_reset and \
                (_ANOTHER_CLUSTER.search(question) or re.search(r"[A-Za-z乙丙丁]集群", question)):
            self.jurisdictions = list(self.before_reset)  # 重新开始 / 说另一个集群：…(same place)
        said_figures = bool(figures(question))
        spoken = named or [m for m in self.last_metrics  # 中小企业差多少: a figure we hold
                           if any(w in question for w in SHORT_NAMES.get(m, ()))]
        if spoken or said_figures:  # 中小企业差多少 → 要是做到70%呢 is about that share
            self.focus = spoken[0] if len(spoken) == 1 and not said_figures else None
        if self.order and not named and self.order[0] in ex.facts:
            self.order.pop(0)  # …'5.1' answered the first of the figures announced
        if len(named) >= 2 and not ex.facts and not said_figures:
            # 我按顺序发 研发增速 专利增速 万人专利 普及率 / 一项项报：户数、面积、三年产值
            self.order = list(dict.fromkeys(named))
        # 中小占比 (a figure named on its own) → the next turn's bare 73 is its value
        self.awaiting = named[-1] if named and not self.order and not ex.facts \
            and not ex.questions and not said_figures else None
        promised = named_here if _LATER.search(question) and not ex.facts else []
        if len(promised) == 1 and self.profile:  # 中小企业产值占比我查一下 → then 68% answers it
            self.pending = [promised[0], *(p for p in self.pending if p != promised[0])]
            message = f"好的，查到{LABELS.get(promised[0], '这个数')}后告诉我即可。"
            return compose.finish(text, "clarify", [message], CitationList(), [], today,
                                  asks=(message,), profile=dict(self.profile))
        several = several_clusters(question, today)
        if several:  # A集群…；B集群…: which one is ours?
            self.candidates = several
            names = "、".join(several)
            ask_which = (f"您给了{names}几个集群的数据，请问按哪一个对照？"
                         f"（例如“我们是{next(iter(several))}”）")
            r0 = route(question)
            if r0.jurisdictions:
                self.jurisdictions = list(r0.jurisdictions)
            return compose.finish(text, "clarify", [ask_which], CitationList(), [], today,
                                  asks=(ask_which,), profile=dict(self.profile))
        chosen = CHOSEN.search(question) if self.candidates else None
        label = (chosen.group(1) or chosen.group(2)) if chosen else None
        if label in self.candidates:  # 我们是A，按青海
            facts = {**self.candidates[label], **ex.facts}
            self.candidates.clear()
            ex = replace(ex, facts=facts)
        if _ASKS_ABOUT_RULES.search(question) and not _FIRST_PERSON.search(question) \
                and not _SELF_ANSWER.search(question) and not _own_figures(ex, question):
            # 青海规定产值要50亿以上，对吧？ is about the rules, not us; what is said in the other
            # sentences is (集群也设立了运营管理机构。那还需要看哪些条件？)
            said = "".join(c for c in re.split(r"(?<=[。！!？?\n；;])", question)
                           if not _ASKS_ABOUT_RULES.search(c) and not re.search(r"[？?]\s*$", c))
            said += "".join(  # 主导产业占比66%，还差什么？: a figure of ours before the question
                c for c in re.split(r"(?<=[，,])", question[len(said):] if question.startswith(said)
                                    else "")
                if not _ASKS_ABOUT_RULES.search(c) and not re.search(r"[？?]\s*$", c)
                and (_VERDICT_ASKED.search(question) or (
                    metrics_named(c) and re.search(r"\d|[一二两三四五六七八九十][成%]|百分之", c)
                    and not re.search(r"以上|以下|不低于|不少于|高于|超过|不超过|以内|至少|"
                                      r"低于", c))
                    or (self._checking() and bool(extract_facts(c)[0]))
                    or (bool(self.profile) and bool(_IF.search(question))
                        and (bool(figures(c)) or bool(_IF.search(c)))
                        and not re.search(r"以上|以下|不低于|不少于|高于|超过|不超过|以内", c))))
            # (明年能提到61%的话，这条就过了吧: a what-if of ours, not a claim about the rules)
            # (用水方面不算高用水行业，这两条怎么判: a fact of ours while a check is under way)
            ex = extract(said, today, context_metric=self._context_metric(question)) if said \
                else extract("", today)
        r = route(question, has_profile=bool(self.profile), last_intent=self.last_intent,
                  states_facts=bool(ex.facts or ex.questions or ex.changes),
                  pending=bool(self.pending),
                  awaiting_place=bool(self.profile) and not self.jurisdictions
                  and self.last_intent == "eligibility", checking=self._checking())
        if injected and (not question or r.intent in ("greeting", "overview", "clarify")
                         or not has("domain", question)):
            r = Route("out_of_scope", r.jurisdictions, r.all_jurisdictions, "prompt injection")
        intent = r.intent
        if intent == "reset":
            places = list(self.jurisdictions) if _ANOTHER_CLUSTER.search(question) else []
            self.reset()
            if places:  # 算了，这个是另一个县的，清空重来: another cluster, the same rules
                self.jurisdictions = places
                kept = "、".join(short(p) for p in places)
                return compose.finish(text, "reset",
                                      [f"好的，已清空之前的集群数据，仍按{kept}的标准对照，"
                                       "请告诉我这个集群的情况。"], CitationList(), [], today)
            return compose.finish(text, "reset",
                                  ["好的，已清空之前的对话和集群数据，可以重新开始。"],
                                  CitationList(), [], today)
        if intent in ("greeting", "overview"):
            return compose.overview(text, today, intent)
        if intent == "out_of_scope" and r.reason == "no domain words" and \
                self._checking() and (not figures(question) or _BAR_ONLY.search(question)):
            # 但是已经整改完了: nothing new to check; the result stands
            answer = self._eligibility(text, question, ex, list(self.jurisdictions), False)
            return replace(answer, answer="这句话中没有可用于对照的新数据，对照结果不变：\n"
                           + answer.answer)
        if intent == "out_of_scope" and r.reason == "no domain words" and \
                self.last_intent == "eligibility" and figures(question):
            ask_which = "请说明这个数值对应哪一项（例如“中小企业产值占比55%”）。"
            return compose.finish(text, "clarify", [ask_which], CitationList(), [], today,
                                  asks=(ask_which,), profile=dict(self.profile))
        if intent == "out_of_scope":
            return compose.out_of_scope(text, today, r.reason)
        docs = list(r.jurisdictions)
        if docs and not r.all_jurisdictions:
            self.jurisdictions = docs  # 我们在青海 … later turns refer to it
        if intent == "eligibility":
            return self._eligibility(text, question, ex, docs, r.all_jurisdictions)
        if ex.facts and not ex.hypothetical and _FIRST_PERSON.search(question):
            # 我们有一家企业被列入了严重失信名单，会影响申报吗: answered as a rule question, and
            # the fact is kept for the eligibility check that may follow
            self.profile.update({k: v for k, v in ex.facts.items()
                                 if k not in ex.vouched or k not in self.profile})
        if r.reason == "guarantee":  # no promise; the rule says how the list is chosen
            from corpus import get_corpus

            answer = compose.lookup(_HOW_CHOSEN, docs or list(get_corpus().ids), self._today())
            lines = ["无法保证认定结果：是否认定由主管部门按规定审核、择优确定。", answer.answer]
            return replace(answer, question=text, answer="\n".join(lines))
        if docs and self.last_question and self.last_intent in (
                "lookup", "comparison", "status", "explain") and _is_place_followup(question):
            question = _swap_places(self.last_question, docs)
            intent = self.last_intent
        self.last_intent, self.last_question = intent, question
        self.asked = metrics_named(question)
        if intent == "status":
            return compose.status(text, docs, date_in(question) or today)
        if intent == "comparison":
            from corpus import get_corpus

            return compose.comparison(question, docs or get_corpus().ids, today)
        if intent == "explain":
            return explain(question, docs, today)
        if not docs and self.profile and self.jurisdictions:
            docs = list(self.jurisdictions)  # 研发经费这项满足省里的要求吗: the place of our check
        if not docs and not _REFERENCE.search(question):
            from corpus import get_corpus

            # no place named: what each of the five texts says, side by side
            answer = compose.comparison(question, get_corpus().ids, today, only_relevant=True)
            return replace(answer, question=text, intent="lookup")
        answer = compose.lookup(question, docs, today)
        return self._with_standing(_with_question(answer, text), docs)

    def _with_standing(self, answer: Answer, docs: list[str]) -> Answer:
        """A rule question asked in the middle of a check (贵州的办法对民族地区有没有放宽？):
        the answer, then where the cluster stands on the figures given so far (the results
        travel with the answer, so the verdict stays in view)."""
        places = [d for d in (docs or self.jurisdictions) if d in self.jurisdictions]
        if not self.profile or not places or answer.intent == "out_of_scope" or answer.results:
            return answer
        try:
            results = tuple(r.to_json() for r in eligibility.run_checks(
                self.profile, places, self._today()))
        except ValueError:
            return answer
        standing = "；".join(f"{short(r['jurisdiction'])}{eligibility.VERDICT_WORDS[r['verdict']]}"
                             for r in results)
        return replace(answer, answer=answer.answer + f"\n\n按您目前提供的数据对照：{standing}"
                       "（逐项结果见对照表，可继续补充数据）。", results=results)

    def _eligibility(self, text: str, question: str, ex: Any, docs: list[str],
                     every: bool) -> Answer:
        today = self._today()
        if docs:
            self.jurisdictions = docs
        elif every:
            from corpus import get_corpus

            self.jurisdictions = list(get_corpus().ids)
        said = {k: v for k, v in ex.facts.items()
                if k not in ex.vouched or k not in self.profile}
        new_output = said.get("output_by_year")
        held = self.profile.get("output_by_year")
        if isinstance(new_output, dict) and len(new_output) == 1 and isinstance(held, dict) and \
                len(held) >= 2 and not _NAMES_YEAR.search(question) and \
                next(iter(new_output.values())) in {
                    *held.values(), *(v for v in self.profile.values() if isinstance(v, Decimal))}:
            del said["output_by_year"]  # 还是按实际的19.5亿吧: a figure we hold, not a new year
        years = re.findall(r"(20\d\d)\s*年", question)
        for one, by_year in _SERIES_OF.items():  # 更正：2025年主导产业产值是37亿 (a series held)
            if one in said and len(years) == 1 and isinstance(self.profile.get(by_year), dict) \
                    and by_year not in said:
                said[by_year] = {years[0]: said.pop(one)}
        for key in ("output_by_year", *SERIES_KEYS):  # 更正：2023年是20亿; 另外两年…
            before, new = self.profile.get(key), said.get(key)
            if isinstance(before, dict) and isinstance(new, dict) and len(new) < 3:
                said[key] = {**before, **new}
        target = _changed_series(question, said, self.profile)
        before = self.profile.get(target)
        series = with_changes(said.get(target) or before, ex.yoy, ex.deltas)
        if series is not None:
            said[target] = series  # 2024年比2023年增长21%，2025年持平
        if CORRECTION.search(question) or _IF.search(question):  # 后来核定为较大级别
            level = next((v for w, v in LEVEL_WORDS.items() if w in question), None)
            held = [k for k in ("incident_level", "cyber_incident_level") if k not in said
                    and self.profile.get(k) not in (None, "none")]  # the one incident said before
            if level and len(held) == 1 and level not in {said.get("incident_level"),
                                                          said.get("cyber_incident_level")}:
                said[held[0]] = level
        for key in ("incident_level", "cyber_incident_level"):  # 数据安全没事 after a 重大 event
            if said.get(key) == "none" and self.profile.get(key) not in (None, "none") and \
                    not CORRECTION.search(question):
                del said[key]
        firms: list[str] = [m for m in ("little_giant", "single_champion")
                            if m in self.last_metrics[-2:]]
        if has("leading_too", question) and "leading_industry_champions" not in said and firms:
            # 小巨人有1家 / 是主导产业的: the firms just counted belong to the leading industry
            said["leading_industry_champions"] = sum(int(self.profile.get(m) or 0)
                                                     for m in firms)
        firms = [m for m, word in (("little_giant", "小巨人"), ("single_champion", "单项冠军"))
                 if word in question] or firms
        if has("leading_not", question) and firms and not any(m in said for m in firms) \
                and "leading_industry_champions" not in said:
            # 那家单项冠军做的是配套包装，不是主导产业: those firms leave the leading-industry count
            held = self.profile.get("leading_industry_champions")
            said["leading_industry_champions"] = max(0, int(held) - sum(
                int(self.profile.get(m) or 0) for m in firms)) if held else 0
        asks_first = []
        for metric, step in ex.changes:  # 普及率再提高2个百分点: from the value we hold
            base = said.get(metric, self.profile.get(metric))
            if base is None and metric == "leading_industry_champions" and all(
                    said.get(k, self.profile.get(k)) == 0 for k in ("little_giant",
                                                                    "single_champion")):
                base = 0  # no 小巨人 or 单项冠军 at all: none in the leading industry either
            if base is None:
                asks_first.append(f"请先告诉我目前的{LABELS[metric]}，再说变化多少。")
            else:  # a count stays a whole number (12户, 3户不能算 → 9)
                said[metric] = int(base + step) if isinstance(base, int) and \
                    (base + step) == int(base + step) else base + step
        if asks_first:
            return compose.finish(text, "clarify", asks_first, CitationList(), [], today,
                                  asks=tuple(asks_first), profile=dict(self.profile))
        candidate = {**self.profile, **said}
        problem = _invalid(candidate)
        if problem:  # nothing stored: the user is asked to correct the figure
            message = f"这些数据无法采用：{problem}。请核对后重新告诉我。"
            return compose.finish(text, "clarify", [message], CitationList(), [], today,
                                  asks=(message,), profile=dict(self.profile))
        supposing = bool(ex.hypothetical and (ex.facts or ex.changes))
        if ex.hypothetical:
            profile = candidate
            if supposing:
                self.supposed = dict(candidate)
        elif self.supposed is not None and not _BACK_TO_FACTS.search(question) and (
                (not said and _GOES_ON.search(question))
                or (said and not any(k in said for k in self._supposed_changes()))):
            # 如果…呢？ / 那样够了吗？ / 主导产业占比还是71%不变 / 顺带问下，专利增长2.8%行不行:
            # the what-if stands while the next turns go on with it or add other figures (which
            # join both the facts and the what-if); 还差多少 alone is about the facts
            self.profile.update(said)
            self.supposed.update(said)
            profile, supposing = self.supposed, True
        else:
            self.profile.update(said)
            profile = self.profile
            self.supposed = None
        if said or find_quantities(question):
            self.last_facts_text = question
        self.last_intent, self.last_question = "eligibility", question
        if ex.metrics:
            # every figure named so far, the latest last: 刚才专利数说错了 two turns on
            self.last_metrics = [m for m in self.last_metrics if m not in ex.metrics] + \
                list(ex.metrics)
        if not self.jurisdictions:
            asks = (*ex.questions,
                    "请问您想对照哪个地方的认定标准？（四川、贵州、山东、张掖、青海）")
            return compose.finish(text, "clarify", list(asks), CitationList(), [], today,
                                  asks=asks, profile=dict(self.profile), notes=ex.notes)
        focus = "gap" if _GAP.search(question) else "why" if _WHY.search(question) else None
        answer = eligibility.compose(text, profile, self.jurisdictions, today, focus=focus,
                                     hypothetical=supposing, notes=ex.notes,
                                     extra_asks=ex.questions,
                                     named=(*metrics_named(question), *said))
        if not ex.hypothetical:
            # a figure asked back (差不多一半吧 → the exact share?) comes first: 是49.6% answers it
            asked_back = [m for m in ex.metrics if m not in said and m in LABELS] \
                if ex.questions else []
            self.pending = asked_back + [m for m in answer.missing if m not in asked_back]
        return answer

    def _context_metric(self, question: str) -> str | None:
        """What a value without a metric word refers to: a correction (不对，占比是65%) refers
        to the share last talked about; a bare value answers the first thing we asked for."""
        one = figures(question)
        if self.awaiting and one and not metrics_named(question):
            return self.awaiting  # 中小占比 / 73
        if self.order and one and not metrics_named(question):
            return self.order[0]  # the next of the figures announced in order
        if len(one) >= 2 and CORRECTION.search(question) and not metrics_named(question):
            held = [k for k, v in self.profile.items() if isinstance(v, (int, Decimal))
                    and not isinstance(v, bool) and Decimal(v) == one[0].value]
            if len(held) == 1:  # 12.5说错了，是11.5亿: the figure we hold that is named by value
                return held[0]
        shares = [m for m in self.last_metrics if m in SHARE_METRICS]
        if "占比" in question:  # 占比写错了 is a share of output, not 普及率
            shares = [m for m in shares if m != "iip_penetration"] or shares
        named = [m for m in self.last_metrics
                 if any(w and w in question
                        for w in (*SHORT_NAMES.get(m, ()), LABELS.get(m, "")[:4]))]
        if named and (_CORRECTS.search(question) or CORRECTION.search(question)):
            return named[-1]  # 刚才主导产业那个不对，应该是69% → 主导产业占比
        money = re.search(r"[\d一二两三四五六七八九十]\s*(?:亿|万元)", question) and \
            not re.search(r"%|百分|成", question)
        if money and "output_by_year" in self.last_metrics and \
                self.last_metrics[-1] in PERCENT_METRICS and \
                (_CORRECTS.search(question) or CORRECTION.search(question)):
            return "output_by_year"  # 刚才说错了，2023年是十九亿五千万: not a share
        if shares and _CORRECTS.search(question):
            return shares[-1]
        if len(named) == 1 and find_quantities(question) and _IF.search(question):
            return named[0]  # …年均增速9.5% … 假如增速能到10.5%呢？
        supposed = [m for m in self._supposed_changes() if m in LABELS]
        if len(supposed) == 1 and len(one) == 1 and not _IF.search(question):
            return supposed[0]  # 要是…就是70.5% / 不行，口径不能改，还是69.5%: the what-if's figure
        if not named and self.last_metrics and (_IF.search(question) or "百分点" in question) \
                and (len(one) == 1 or "百分点" in question) \
                and (self.last_metrics[-1] in PERCENT_METRICS) == bool(
                    re.search(r"%|百分", question) or (not one[0].unit and one[0].value <= 100)):
            # 普及率百分之九 … 如果今年能推到百分之十一呢 / 明年计划再提高2个百分点
            if self.focus in PERCENT_METRICS and self.focus in self.last_metrics:
                return self.focus  # 中小企业差多少 / 要是做到70%呢
            return self.last_metrics[-1]
        if self.last_metrics and CORRECTION.search(question):  # 不对，…是6.8个
            percent = bool(re.search(r"%|百分", question))  # 增长率写错了，应该是16%: a rate
            fits = [m for m in self.last_metrics if (m in PERCENT_METRICS) == percent]
            return (fits or self.last_metrics)[-1]
        if self.last_metrics and self.last_metrics[-1] in SERIES_KEYS and \
                re.search(r"20\d\d\s*年", question):  # 2024年68件，2025年75件 goes on with it
            return self.last_metrics[-1]
        if "output_by_year" in self.last_metrics and _YEAR_FIGURE.search(question) and \
                not metrics_named(question):  # 打错了 / 23年是39.5 不是40: the output series
            return "output_by_year"
        if self.pending:
            first = self.pending[0]
            return "output_by_year" if first == "annual_output" else first
        if len(self.asked) == 1 and self.last_intent != "eligibility":
            return self.asked[0]  # 普及率要求是15%吧？ → 我们是16%
        return None

    def _supposed_changes(self) -> list[str]:
        """The figures the current what-if changed (普及率 9 → 11)."""
        return [k for k, v in (self.supposed or {}).items() if self.profile.get(k) != v]

    def _checking(self) -> bool:
        """A check of our figures is under way: figures held and a verdict given on them (rule
        questions asked in between do not end it)."""
        return bool(self.profile) and (self.last_intent == "eligibility" or any(
            t["intent"] == "eligibility" for t in self.turns))

    def reset(self) -> None:
        self.before_reset = list(self.jurisdictions) or self.before_reset
        self.profile.clear()
        self.jurisdictions.clear()
        self.last_intent = self.last_question = None
        self.last_metrics.clear()
        self.pending.clear()
        self.asked.clear()
        self.last_facts_text = ""
        self.candidates.clear()
        self.supposed = None
        self.awaiting = None
        self.order.clear()
        self.focus = None

    # --- export / import ------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "version": EXPORT_VERSION,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "profile": _dump(self.profile),
            "jurisdictions": list(self.jurisdictions),
            "last_intent": self.last_intent,
            "last_question": self.last_question,
            "last_metrics": list(self.last_metrics),
            "pending": list(self.pending),
            "turns": [dict(t) for t in self.turns],
            "candidates": {k: _dump(v) for k, v in self.candidates.items()},
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Conversation:
        if not isinstance(d, dict):
            raise ValueError(f"对话导出应为 JSON 对象 (a conversation export is a JSON object): "
                             f"{type(d).__name__}")
        if d.get("version") != EXPORT_VERSION:
            raise ValueError(f"对话导出版本不支持 (unsupported conversation version): "
                             f"{d.get('version')!r}")
        return cls(as_of=date.fromisoformat(d["as_of"]) if d.get("as_of") else None,
                   profile=_load(d.get("profile") or {}),
                   jurisdictions=list(d.get("jurisdictions") or []),
                   last_intent=d.get("last_intent"), last_question=d.get("last_question"),
                   last_metrics=list(d.get("last_metrics") or []),
                   pending=list(d.get("pending") or []),
                   turns=[dict(t) for t in d.get("turns") or []],
                   candidates={str(k): _load(v)
                               for k, v in (d.get("candidates") or {}).items()})


def _invalid(profile: dict[str, Any]) -> str | None:
    """The tools' validation message for a profile, or None when it is acceptable."""
    from tools import ProfileError, parse_profile

    try:
        parse_profile(eligibility.tools_profile(profile))
    except ProfileError as exc:
        return str(exc)
    return None


def _dump(profile: dict[str, Any]) -> dict[str, Any]:
    """Exact: Decimals as {"$decimal": "22.5"} so an import restores the same value."""
    def one(v: Any) -> Any:
        if isinstance(v, Decimal):
            return {"$decimal": str(v)}
        if isinstance(v, dict):
            return {k: one(x) for k, x in v.items()}
        return v
    return {k: one(v) for k, v in profile.items()}


def _load(profile: dict[str, Any]) -> dict[str, Any]:
    def one(v: Any) -> Any:
        if isinstance(v, dict):
            if set(v) == {"$decimal"}:
                return Decimal(v["$decimal"])
            return {k: one(x) for k, x in v.items()}
        return v
    return {k: one(v) for k, v in profile.items()}


def _is_place_followup(question: str) -> bool:
    from .router import detect_jurisdictions

    rest = question
    docs, _ = detect_jurisdictions(question)
    from corpus import get_corpus

    for doc in docs:
        meta = get_corpus().doc(doc).meta
        for alias in sorted({*meta.aliases, meta.short_name}, key=len, reverse=True):
            rest = rest.replace(alias, "")
    rest = re.sub(r"[那呢？?。，,的换成改成如果是要是又怎么样省市]", "", rest)
    return len(rest) <= 2


def _swap_places(question: str, docs: list[str]) -> str:
    from corpus import get_corpus

    from .router import detect_jurisdictions

    old, _ = detect_jurisdictions(question)
    out = question
    for doc in old:
        meta = get_corpus().doc(doc).meta
        for alias in sorted({*meta.aliases, meta.short_name}, key=len, reverse=True):
            out = out.replace(alias, "\0")
    out = re.sub("\0+", "、".join(get_corpus().doc(d).meta.short_name for d in docs), out)
    if out == question:
        out = "、".join(get_corpus().doc(d).meta.short_name for d in docs) + question
    return out


def _with_question(answer: Answer, text: str) -> Answer:
    from dataclasses import replace

    return replace(answer, question=text)


def ask(question: str, as_of: date | None = None) -> Answer:
    """One question, answered in a fresh conversation."""
    return Conversation(as_of=as_of).send(question)
