"""Yes/no facts and incident levels from an utterance: 没有发生事故, 设立了管委会,
不属于高耗能行业."""

from __future__ import annotations

import re
from typing import Any

_VS_BENCHMARK = (r"(?:(?:还|也|都|仍|尚)?(?:没有?|未)?(?:高于|优于|超过了?|超出了?|达到|低于|不如|"
                 r"未达到)"
                 r"(?:行业)?基准"
                 r"|比(?:行业)?基准值?(?:还|更|要)?(?:好|高|优|差|低)"
                 r"|(?:跟|和|与)(?:行业)?基准值?(?:基本)?(?:持平|相当|差不多|一样)"
                 r"|(?:刚好|正好|恰好)?(?:等于|持平于)(?:行业)?基准)")
# fact key -> keyword pattern. A negation word shortly before the keyword flips it to False.
BOOL_FACTS: dict[str, str] = {
    "operating_body": r"运营管理机构|运营机构|管委会|管理机构",
    "three_year_plan": r"(?:未来)?三年(?:发展)?规划|发展规划|三年计划|培育方案",
    "pillar_industry": r"支柱(?:产业)?|(?:是|属于|为)[\u4e00-\u9fff]{1,4}(?:县|区|旗)的(?:支柱或)"
                       r"?特色产业(?!集群)"
                       r"|(?:是|属于|为)(?:我们|咱们)?(?:所在)?(?:县域|县里|本县|全县|我县|"
                       r"我们县|咱们县|"
                       r"当地|县)?的?"
                       r"(?:支柱或)?特色产业(?!集群)",
    "supply_chain_sharing": r"共享机制",
    "open_cooperation": r"国际合作|交流活动|开放合作|对外合作",
    "misconduct": r"偷税漏税|偷税|漏税|逃税|虚开(?:增值税)?(?:专用)?发票|骗税|违法违规|违法|"
                  r"严重失信|失信",
    "prohibited_industry": r"禁止(?:类)?[、和及与]?限制(?:类)?[、和及与]?(?:和)?淘汰类|淘汰类|"
                           r"限制类|禁止类",
    "ethnic_or_revolutionary_area": r"民族地区|革命老区|老区|民族自治(?:县|州|区|地方)|自治(?:县|"
                                    r"州)"
                                    r"|少数民族(?:聚居)?(?:地区|县)",
    "high_energy_use": r"高耗能",
    "high_water_use": r"高用水|高耗水",
    "energy_efficiency_above_benchmark": r"(?:能效|能耗)(?:水平)?(?:和水效)?[^，,。；;]{0,6}?"
                                         + _VS_BENCHMARK,
    "water_efficiency_above_benchmark": r"水效(?:水平)?[^，,。；;]{0,6}?" + _VS_BENCHMARK
                                        + r"|能效和水效[^，,。；;]{0,6}?" + _VS_BENCHMARK,
}
LEVEL_FACTS = {
    "incident_level": r"(?:安全|质量|环境污染|环保|生产)?(?:安全|质量|环境)?事故"
                      r"|(?:环境污染|突发环境|环境|环保|质量|生产安全|安全生产)事件",
    "cyber_incident_level": r"(?:网络安全|数据安全|网安)事件|网络安全|数据安全|网安",
}
LEVEL_WORDS = {"特别重大": "extraordinary", "重大": "major", "较大": "larger", "一般": "general"}
_NEG = re.compile(r"(?:没有|没|未(?!来)|无|不(?!过|仅|但|管|论)|非|并未|从未|尚未"
                  r"|否)[^，,。；;、\n：:]{0,8}\Z")  # \Z: $ would match before a line's end
# 高用水不是 (said after, ending the clause) / 没有设立…
_NEG_AFTER = re.compile(r"^[^，,。；;]{0,2}(?:不是|不算|不属于)(?=\s*(?:$|[，,。；;！!？?]))"
                        r"|^[^，,。；;]{0,4}"
                        r"(?:没有|没出|没发生|不存在|无|未发生|未出|没成立|未成立|没设立|未设立"
                        r"|没建|未建|没参加|没参与|未参加|未参与|没搞|没办|没制定|未制定)"
                        # 偷税漏税、失信，都没有 (the clause ends there; …，也没有偷税 goes on)
                        r"|^[^，,。；;]{0,4}[，,]\s*(?:都|也|均|全都)(?:没有|没|无)"
                        r"(?=\s*(?:$|[，,。；;！!？?]))")
_EFF_BAD = re.compile(r"低于|不如|未达到|未(?:高于|优于|超过)|没有?(?:高于|优于|达到|超过)|持平|"
                      r"等于|"
                      r"相当|差不多|一样"
                      r"|比(?:行业)?基准值?(?:还|更)?(?:差|低)")
# facts said by what follows the keyword rather than a verb before it
_BODY = r"(?:管委会|运营管理机构|运营机构|管理机构)"
_SAID_AFTER: list[tuple[str, str, Any]] = [
    # 国际交流 一次没参加过 (before …交流…参加 reads it as taken part)
    ("open_cooperation", r"(?:合作|交流)[^，,。；;]{0,6}(?:一次|一回)?(?:都|也)?"
                         r"(?:没|未|从未|从没)(?:有)?(?:参加|参与)", False),
    ("three_year_plan", r"规划[^，,。；;]{0,4}?(?:已经?|都|早就?)"
                        r"(?:编好|编制好|编制完成|制定好|做好|定好|出台|完成|有了|印发|发布|批复"
                        r"|制定|编制|编了|做了|做完|写好|写完|弄好"
                        r"|审定|通过)", True),
    ("three_year_plan", r"规划(?:还|尚|目前|暂时)?(?:没|未)(?:有)?"
                        r"(?:编|做|制定|出台|完成|弄)", False),
    ("operating_body", _BODY + r"[？?：:\s]*(?:还|正|目前|仍)?(?:在|处于)?(?:筹建|筹备|筹划)",
     False),
    ("operating_body", _BODY + r"[^，,。；;]{0,4}?(?:已经?|都|早就?)"
                       r"(?:成立|设立|组建|挂牌|建立|建好|运行|运转|有了|设了|建了|搭好|"
                       r"搭起来)", True),
    ("prohibited_industry", r"(?:属于|是)(?:国家)?(?:鼓励类|允许类)", False),
    # an operating body by what it does: 由…负责运营管理 / 运营管理交给了…在做 / 运营管理机构是…
    ("operating_body", r"由[^，,。；;]{2,24}?(?:负责|承担|牵头)[^，,。；;]{0,8}"
                       r"(?:运营|管理)", True),
    ("operating_body", r"运营(?:管理|和服务)?(?:工作)?"
                       r"(?:交给|委托给?|外包给?)[^，,。；;]{2,24}", True),
    ("operating_body", r"(?:设|成立|组建|建立)了?"
                       r"(?:个|一个)?[^，,。；;]{0,14}[，,]?[^，,。；;]{0,4}(?:专门)?"
                       r"(?:负责|承担)[^，,。；;]{0,8}(?:运营|管理)", True),
    ("operating_body", r"(?:管委会|运营管理机构|运营机构|管理机构)(?:是|为|就是)"
                       r"(?![^，,。；;]{0,2}(?:没|无|否))[^，,。；;]{2,}", True),
    ("operating_body", r"(?:管委会|管理委员会|促进会|服务中心|运营公司)[^，,。；;]{0,4}"
                       r"(?:负责|承担)[^，,。；;]{0,8}(?:运营|管理)", True),
    # a three-year plan by what has happened to it
    ("three_year_plan", r"规划[^，,。；;]{0,16}?"
                        r"(?:还没|尚未|没有|未|还在|正在|正|委托)[^，,。；;]{0,10}?"
                        r"(?:编|做|制定|出台|完成|开始|落地|出来)", False),
    ("three_year_plan", r"规划[^，,。；;没未]{0,16}?"
                        r"(?:编好|编制完成|编制好|做了|做好|定了|出了|有了|出台|印发|发布|批复"
                        r"|审定|制定了|制定好|完成了|已制定)(?!之前|以前|前|之后|后|的话)", True),
    ("pillar_industry", r"支柱产业(?:就)?是[^，,。；;]{0,12}主导产业", True),
    ("energy_efficiency_above_benchmark", r"能效[^。；;]{0,12}?(?:还差|差一点|差一些|没达到|未达到|"
                                          r"没到)", False),
    ("water_efficiency_above_benchmark", r"水效[^。；;]{0,12}?(?:还差|差一点|差一些|没达到|未达到|"
                                         r"没到)", False),
    ("energy_efficiency_above_benchmark", r"能效[^。；;]{0,16}?比(?:行业)?基准值?[^，,。；;]{0,2}"
                                          r"(?:高|好|优)", True),
    ("water_efficiency_above_benchmark", r"水效[^。；;]{0,16}?比(?:行业)?基准值?[^，,。；;]{0,2}"
                                         r"(?:高|好|优)", True),
    ("supply_chain_sharing", r"共享(?:机制|平台)(?:还|仍)?(?:正在|还在|正)"
                             r"(?:筹划|筹建|建设|建|谋划|规划)",
     False),
    ("supply_chain_sharing", r"共享(?:工厂|仓储|设备|物流|仓库|车间)[^，,。；;]{0,12}"
                             r"(?:都有|有|建了|建成)",
     True),
    ("open_cooperation", r"(?:合作|交流)[^，,。；;]{0,10}"
                         r"(?:是空白|空白|一次都没|从没|从来没)", False),
    ("open_cooperation", r"(?:建立|签订|签署|达成|形成|签了|签下)(?:了)?[^，,。；;]{0,12}合作"
                         r"(?:机制|协议|关系)", True),
    ("misconduct", r"列入[^，,。；;]{0,6}(?:失信|黑名单|经营异常)", True),
    ("misconduct", r"(?<![没未])(?:上了|进了|纳入|被列为|列为)[^，,。；;]{0,20}"
                   r"(?:失信|违法|黑名单|经营异常)[^，,。；;]{0,10}(?:名单|主体)", True),
    ("open_cooperation", r"(?<![没未不])参加(?:过|了)[^，,。；;]{0,8}[\u4e00-\u9fff]展"
                         r"(?![示开望])", True),
    ("high_energy_use", r"(?<![不非没])(?<!算不算)(?<!是不是)(?<!属不属于)(?:属于|是|算|为)高耗能"
                        r"|高耗能(?:行业)?(?:[、和])?(?:高用水)?(?:行业)?(?:我们)?(?:都占|都是|占了|都属于"
                        r"|都算)"
                        r"|(?:^|(?<=[，,。；;\s]))(?:属于)?高耗能(?:行业)?(?=\s|$|[，,。；;])",
     True),  # 四川宜宾的，高耗能行业，… (高耗能行业的能效要求是什么 states nothing)
    ("high_water_use", r"高耗能、高用水[^，,。；;]{0,4}都(?:占|是)", True),
    ("prohibited_industry", r"(?:不在|不属于|没在|没有列入|未列入)[^，,。；;]{0,16}"
                            r"(?:淘汰|限制|禁止)(?:类)?(?:目录|名单|清单)?", False),
    ("supply_chain_sharing", r"(?:没有?|未|还没(?:有)?)(?:建立|建|搞|形成|做)"
                             r"[^，,。；;]{0,16}共享(?:机制|平台)",
     False),
    ("supply_chain_sharing", r"共享[^，,。；;]{0,12}?(?:建起来了|建成了|建好了|投入使用|运行了|"
                             r"建成运行)", True),
    ("operating_body", r"由[^，,。；;]{0,16}(?:管委会|公司|机构|中心)(?:负责)?(?:运营|管理)", True),
    ("three_year_plan", r"规划(?:也|都|已经|早就)?有(?:了)?(?=$|[，,。；;！!？?\s])", True),
    # 管委会也有 / 集群管委会2024年成立 / 设了运营管理公司
    ("operating_body", _BODY + r"(?:也|都|已经|早就|早)?(?:有|有了|设了|成立了?)(?=$|"
                               r"[，,。；;！!？?\s])", True),
    ("operating_body", _BODY + r"(?:于|在)?\s*(?:20\d\d\s*年|去年|前年)(?:就)?(?:成立|设立|组建|"
                               r"挂牌)",
     True),
    ("operating_body", r"(?:设|成立|组建)(?:了|立了)?[^，,。；;]{0,4}运营(?:管理)?(?:公司|机构|"
                       r"平台)", True),
    # 设备、仓储、物流初步搞了共享 / 建了共享仓储和共享设计中心
    ("supply_chain_sharing", r"(?:设备|仓储|物流|人力|设计|仓库)[^，,。；;]{0,12}?(?:初步)?"
                             r"(?:搞了|建了|实现了|做了|开展了)共享", True),
    ("supply_chain_sharing", r"(?:建了|建成了?|搞了|有)[^，,。；;]{0,4}共享(?:工厂|仓储|设备|物流|"
                             r"仓库|车间|设计"
                             r"|平台|中心)", True),
    ("open_cooperation", r"(?:国际合作|合作|交流)[^，,。；;]{0,12}(?:一次也没|一回也没|一次都没|"
                         r"都没有?|也没有?)"
                         r"(?:参加|参与|搞|办)", False),
    ("open_cooperation", r"(?:办了|举办了?|承办了?|主办了?)[^，,。；;]{0,12}(?:推介会|研讨会|"
                         r"交流会|博览会|展会"
                         r"|论坛)", True),
    # 成立了促进会负责运营 / 规划还在编 / 建立了设备、物流、仓储共享机制
    ("operating_body", r"(?:成立|设立|组建|建立|搞|弄|牵头成立)了?[^，,。；;]{0,8}(?:促进会|联盟|"
                       r"协会|服务中心"
                       r"|公司|机构)[，,]?[^，,。；;]{0,4}(?:负责|承担)[^，,。；;]{0,8}(?:运营|管理)",
     True),
    ("three_year_plan", r"规划(?:还|正|目前|仍)?(?:在|正在)(?:编|编制|制定|做|起草|弄)", False),
    ("supply_chain_sharing", r"(?:没有?|未|不)(?:搞|建立?|形成|实现|做)?(?:起)?共享", False),
    ("supply_chain_sharing", r"(?:建立|建成|建了|建有|形成|搭建)(?:了|起)?[^，,。；;]{0,24}"
                             r"共享(?:机制|平台)", True),
    ("supply_chain_sharing", r"共享(?:机制|平台)[^，,。；;]{0,8}?(?:没|未)(?:有)?(?:建|搞|形成)?",
     False),
    ("supply_chain_sharing", r"共享(?:机制|平台)[^，,。；;没未]{0,4}(?:建|有|建立|建成)", True),
    # a label and its answer: 三年发展规划：对，制定了 / 运营管理机构有的 / …特色产业？是的
    ("three_year_plan", r"规划\s*[：:]\s*(?:对|是|有|已|制定)", True),
    ("three_year_plan", r"规划\s*[：:]\s*(?:没有|无|否|未|还没)", False),
    ("operating_body", _BODY + r"\s*[：:]?\s*(?:有的|有了|是的|对)", True),
    ("operating_body", _BODY + r"\s*[：:]\s*(?:没有|无|否|还没)", False),
    ("open_cooperation", r"(?:合作|交流)(?:活动|机制)?[^，,。；;]{0,4}(?:每年都|都|经常|一直|也)?"
                         r"(?:参加|参与|有参加)", True),
    # 以集群名义参加过中国—东盟博览会上主导产业的国际交流活动 / 没参加过任何国际合作
    ("open_cooperation", r"(?:没有?|未|从未|不曾)(?:参加|参与)(?:过)?[^，,。；;]{0,20}?"
                         r"(?:交流活动|合作机制|国际合作|国内合作|博览会|展会|交易会|论坛)", False),
    ("open_cooperation", r"组织(?:了)?(?:集群)?(?:内)?企业[^，,。；;]{0,10}?(?:参加|参与)(?:过|了)?"
                         r"[^，,。；;]{0,20}?"
                         r"(?:交流活动|合作机制|国际合作|国内合作|博览会|展会|交易会|论坛|洽谈会|兰洽会|广交会"
                         r"|进博会|东博会|推介会|对接会|峰会|交流会)",
     True),
    ("open_cooperation", r"(?:^|[，,。；;\s])(?:(?!企业)[^，,。；;\s]){0,12}?(?:参加|参与)(?:过|了)"
                         r"?"
                         r"[^，,。；;]{0,20}?"
                         r"(?:交流活动|合作机制|国际合作|国内合作|国际交流|国内交流|交流会|博览会|展会|交易会"
                         r"|论坛|洽谈会|兰洽会|广交会|进博会|东博会|推介会|对接会|峰会)", True),
    ("pillar_industry", r"(?:特色产业|支柱产业)[？?]\s*(?:是的|对|没错|是)", True),
    ("three_year_plan", r"(?<![没未])(?:已经|已)?把[^，,。；;]{0,20}规划(?:编|做|制定|写|弄)"
                        r"(?:出来|好|完)", True),
    # 税务、信用方面都没问题 / 集群有专门的运营公司在管 / 每年都去广交会，也和韩国同行有技术交流
    ("misconduct", r"(?:税务|纳税|信用|诚信|守法|合规)(?:[、和及与](?:税务|纳税|信用|诚信|守法|"
                   r"合规))*"
                   r"(?:方面|记录)?(?:都|也|均)?(?:没问题|没有问题|没有任何问题|正常|良好|"
                   r"干净)", False),
    ("operating_body", r"(?:专门的|专业的)?运营(?:公司|团队)[^，,。；;]{0,4}?(?:在)?(?:管|负责|"
                       r"运营|打理)",
     True),
    ("open_cooperation", r"(?<![没未不])(?:去|到)(?:过|了)?[^，,。；;]{0,6}?(?:广交会|进博会|"
                         r"东博会|兰洽会|"
                         r"博览会|展会|交易会|[\u4e00-\u9fff]展(?![示开望]))"
                         r"|(?<![没未不])(?:和|与|跟)(?:国外|境外|海外|外国|韩国|日本|德国|美国|欧洲|东南亚|俄罗斯)"
                         r"[^，,。；;]{0,10}(?:技术交流|交流|合作)", True),
    ("misconduct", r"(?:偷税漏税|偷税|漏税|逃税|虚开(?:增值税)?(?:专用)?发票|骗税|违法违规|违法|"
                   r"严重失信|失信)"
                   r"[^，,。；;]{0,12}(?:被|"
                   r"受到|受过)"
                   r"[^，,。；;]{0,10}(?:处罚|处理|查处|通报|列入|罚款|罚|查)", True),
    ("misconduct", r"(?:被|遭)[^，,。；;]{0,8}(?:查出|查处|认定|处罚|通报)[^，,。；;]{0,4}"
                   r"(?:偷税|漏税|逃税|违法|失信)", True),
    # 管委会去年挂的牌 / 规划去年就批了 / 建了共享仓库 / 能耗比行业标杆还低
    ("operating_body", _BODY + r"[^，,。；;]{0,6}(?:挂的牌|挂了牌|挂牌成立)", True),
    ("pillar_industry", r"(?:作为|当作|列为|当成)[^，,。；;]{0,4}(?:支柱|特色)产业", True),
    ("three_year_plan", r"规划[^，,。；;没未]{0,8}?(?:批了|批下来|获批|审批通过|定稿了)", True),
    ("supply_chain_sharing", r"(?:建|建了|建成|建立|搭建|购置|统一购置)[^，,。；;]{0,12}"
                             r"共享(?:工厂|仓储|设备|物流|仓库|车间|中心)|(?:企业|大家)"
                             r"共享使用", True),
    ("energy_efficiency_above_benchmark", r"能耗[^。；;]{0,10}?比(?:行业)?(?:标杆|基准)(?:水平|值)?"
                                          r"[^，,。；;]{0,3}(?:低|少)", True),
    # a self-assessment's lines: 主导产业：牦牛乳制品，县域特色产业 / 运营管理机构：集群管委会 /
    # 共享机制：…共享平台均已运行; 规划…只有思路框架，还没有正式制定; 属于…目录里的限制类
    ("pillar_industry", r"主导产业\s*[：:][^。；;\n]{0,20}?县域(?:的)?(?:支柱|特色)(?:或特色)?产业"
                        r"(?!集群)(?!\s*[（(]\s*否)", True),
    ("operating_body", _BODY + r"\s*[：:]\s*(?!无|没|否|暂无|未|还没|尚未)[^，,。；;\n]{2,}", True),
    ("operating_body", r"(?:运营|管理)[^，,。；;]{0,6}由[^，,。；;]{2,24}?(?:负责|承担|牵头)",
     True),
    ("supply_chain_sharing", r"共享(?:机制|平台)[^。；;\n]{0,30}?(?:均已|都已|已经|已)"
                             r"(?:运行|建立|建成|运转|投入)", True),
    ("three_year_plan", r"规划[^。；;\n]{0,20}?(?:还没有?|尚未|没有)(?:正式)?"
                        r"(?:制定|编制|出台|印发)", False),
    ("prohibited_industry", r"(?<![不没未])(?:属于|列入|列在|在|(?<!不)是(?!不是))[^，,。；;]{0,16}"
                            r"(?:淘汰类|限制类|禁止类)", True),
]
_ZERO_INCIDENTS = re.compile(r"零(?:安全|质量|环境|环保|生产)?事故|(?:安全|生产)?事故为零"
                             # 没有出过安全生产、质量、环保方面的事故
                             r"|(?:没有|没|未|无|从未)(?:发生|出)(?:过)?(?:任何)?"
                             r"(?:安全生产|安全|质量|环保|环境污染|环境|生产)"
                             r"(?:[、和及与或](?:安全生产|安全|质量|环保|环境污染|环境|生产))*"
                             r"(?:等)?(?:方面)?(?:的)?事故"
                             # 这几年都没再出过 (after an incident long ago)
                             r"|(?:这几年|近几年|近三年|三年来|之后|此后|以后|后来)(?:都|也|就)?(?:没|没有|未)(?:再)?"
                             r"(?:出|发生)(?:过)?(?=$|[，,。；;])"
                             # 安全生产、质量、环保都没出事
                             r"|(?<!网络)(?<!数据)(?:安全生产|安全|质量|环保|环境)"
                             r"(?:[、和及与](?:安全生产|安全|质量|环保|环境))*"
                             r"(?:方面)?(?:近三年|这几年|近几年|三年来|一直)?(?:都|均|也)?(?:没|没有|未|无)(?:出|发生)?"
                             r"(?:过)?(?:事|问题)(?![故件])")
_ZERO_CYBER = re.compile(r"(?:网络安全|数据安全)[^，,。；;]{0,4}零事件|零(?:网络安全|数据安全)事件"
                         r"|(?:网络安全|数据安全)[^，,。；;]{0,4}(?:都|也)?(?:没|没有|未)(?:出|发生)?(?:过)?"
                         r"(?:事|问题)(?!故)")
_A_NOT_A = re.compile(r"(.)[不没]\1")
_MISCONDUCT_YES = re.compile(r"(?<![没未不])(?:列入|列为|纳入)[^，,。；;]{0,12}(?:失信|黑名单)"
                             r"|(?<![没未不])(?:有|存在)(?:一家|1家|两家|几家)?(?:企业)?[^，,。；;没无]{0,8}"
                             r"(?:被罚|被处罚|被查|偷税|漏税|失信|违法)")
_ALL_OK = re.compile(r"(?:其他|其余|其它|别的|定性|非量化)(?:的)?(?:条件|要求|指标|方面)(?:也)?"
                     r"(?:[^，,。；;]{0,10}[，,])?"  # 别的条件我们自己对过，都还行
                     r"(?:都|均|全部)(?:挺|很|还)?(?:满足|符合|具备|达到|达标|没问题|好|不错|够|行)")
_NO_INCIDENT = re.compile(r"(?:没有|没|未|无|从未|不曾)(?:发生过?|出过|有过?)?(?:任何)?"
                          r"(?:安全|质量|环境|环保|生产)?"
                          r"(?:[、和及与或]?(?:安全|质量|环境污染|环境|环保))*(?:等)?(?:方面)?(?:的)?"
                          r"(?:事故|问题)")
# With 其他条件都满足 the user vouches for every yes/no criterion at once.
FAVOURABLE: dict[str, Any] = {
    "operating_body": True, "three_year_plan": True, "pillar_industry": True,
    "supply_chain_sharing": True, "open_cooperation": True, "misconduct": False,
    "prohibited_industry": False, "incident_level": "none", "cyber_incident_level": "none",
    "high_energy_use": False, "high_water_use": False,
}


_STATED = re.compile(r"(?:已经|已|均|都)?(?:设立|设有|设了|成立|建立|建有|组建|有|拥有|制定|编制|"
                     r"属于|(?<!还)是|列为|(?<!不)算"
                     r"|参与|参加|开展|在|位于|地处|处在|列入|"
                     r"发生|出现|存在|被查|查出|被罚|被处罚)(?:了|过)?[^，,。；;？?]{0,6}$")


def _stated(s: str, start: int, end: int) -> bool:
    """A fact is taken only when stated (设立了管委会, 没有…), not when merely named in a
    question (运营管理机构发生变更多久内报告)."""
    return bool(_STATED.search(s[max(0, start - 10):start])) or _negated(s, start, end)


def _negated(s: str, start: int, end: int) -> bool:
    return bool(_NEG.search(s[max(0, start - 10):start]) or _NEG_AFTER.search(s[end:end + 6]))


# a form's yes/no answer: 是否制定未来三年发展规划：是 / 高耗能行业：否
_FORM_ANSWER = re.compile(r"(?P<label>[^：:，,。；;\n]{2,30}?)(?:\s*[：:]\s*|\s+)(?:均|都|全|全都)?"
                          r"(?P<ans>是的|是|否|有的|有|无|没有|已制定|已设立|已建立|未制定|未设立"
                          r"|未建立|不是|不属于|属于)(?=\s|$|[；;，,。\n（(|｜])")
# a form's label names its fact by a word of it (县域特色产业：是 / 共享 有 / 国际交流 有)
_LABEL_KEYS = (("prohibited_industry", r"禁止|限制类|淘汰"), ("misconduct", r"偷税|漏税|失信|违法"),
               ("pillar_industry", r"县域|支柱|特色产业"), ("supply_chain_sharing", r"共享"),
               ("open_cooperation", r"国际|交流|开放合作|合作机制"),
               ("operating_body", r"管委会|运营|管理机构|服务中心"), ("three_year_plan", r"规划"),
               ("high_energy_use", r"高耗能"), ("high_water_use", r"高用水|高耗水"))
_FORM_NO = ("否", "无", "没有", "未制定", "未设立", "未建立", "不是", "不属于")


def _form_answers(s: str) -> tuple[dict[str, Any], str]:
    """Facts answered form-style, and `s` with those answers blanked (so 是否…：是 is not read
    as a negation by the rules below)."""
    facts: dict[str, Any] = {}
    chars = list(s)
    for m in _FORM_ANSWER.finditer(s):
        label = m.group("label").removeprefix("是否").strip()
        if re.search(r"[？?]|吗|呢|能不能|是不是|有没有", label):
            continue  # a question, not a form line
        matched = [k for k, p in BOOL_FACTS.items() if re.search(p, label)]
        keys = [k for k in matched if k.endswith("_above_benchmark")] or \
            [k for k, p in _LABEL_KEYS if re.search(p, label)] or matched
        if not set(keys) <= {"high_energy_use", "high_water_use"}:
            keys = keys[:1]  # (高耗能/高用水行业：均不属于 answers both)
        for key in keys:
            yes = m.group("ans") not in _FORM_NO
            facts[key] = yes != bool(key.endswith("_above_benchmark") and _EFF_BAD.search(label))
        if keys:
            chars[m.start():m.end()] = [" "] * (m.end() - m.start())
    return facts, "".join(chars)


# a key met by any of its kinds: one positive mention decides it
_EITHER = ("ethnic_or_revolutionary_area",)
_JOINERS = ("和", "、", "及", "与", "或", "或者", "以及")
_ORDER = ("none", "general", "larger", "major", "extraordinary")
_LONG_AGO = re.compile(r"(?:[四五六七八九十]|\d{1,2})年(?:以)?前|多年前|很久以前|早年")
# 没有发生较大及以上事故: at most 一般 (decides every criterion, none of which bars 一般);
# 没有重大及以上: says nothing about 较大, so nothing is stored
NONE_ABOVE = re.compile(r"(?:没有|没|未|无|从未)(?:发生|出)?(?:过)?"
                         r"(?P<w>一般|较大|重大|特别重大)及以上")
_ALL_ZERO = re.compile(r"事故[^。；;]{0,20}(?:都是零|都为零|均为零|全是零|都没有|均无)")
_FORM_NONE = re.compile(r"事故(?:的)?(?:最高)?(?:等级|级别)?\s*[：:]\s*(?:无|没有|零)")


_NONE_SINCE = re.compile(r"[^。；;]{0,12}?(?:之后|此后|以后|后来)[^。；;，,]{0,4}?(?:就)?(?:再)"
                         r"?(?:也)?"
                         r"(?:没有|没|未)(?:再)?(?:出|发生)?(?:过)?")


_ASKED_AFTER = re.compile(r"(?:了)?(?:吗|么|没有?)|[^，,。；;]{0,3}(?:吗|么)")  # 制定了吗


def _worst_level(s: str, key: str, pattern: str, questions: list[str],
                 this_year: int | None = None) -> str | None:
    """The worst incident level said for the last three years (2023年较大…2025年又一起重大 →
    major); 无/没出过 → none; a mention of years long ago is not counted."""
    found: list[str] = []
    said_none = False
    none_end: int | None = None
    for m in re.finditer(pattern, s):
        clause = s[max(s.rfind(c, 0, m.start()) for c in "，,。；;") + 1:m.end()]
        years = [int(y) for y in re.findall(r"(20\d\d)\s*年", clause)]
        since = re.search(r"20\d\d\s*年\s*(?:以后|之后|以来|后)", clause)  # 2022年以后没出过
        if _LONG_AGO.search(clause) or (this_year and years and not since and
                                        max(years) <= this_year - 4):
            if _NONE_SINCE.search(s, m.end()):  # 2019年出过一次较大事故，之后就再没有过
                said_none = True
            continue  # 五年前出过一次较大事故 / 2020年出过…, before the last three years
        line = max(s.rfind(c, 0, m.start()) for c in "\n。；;") + 1  # not the line before
        window = s[max(line, m.start() - 14):m.end()]
        bound = NONE_ABOVE.search(window)
        if bound:
            if bound.group("w") == "较大":
                found.append("general")
            continue
        rest = re.split(r"[，,。；;]", s[m.end():])[0]
        denied_after = re.fullmatch(r"(?:[和与及、或]?(?:网络安全|数据安全|安全|质量|环保|环境污染"
                                    r"|环境)?(?:事件|事故)?)*\s*(?:也|都|均|全都|一直)?(?:没有|没|未|无)"
                                    r"(?:发生|出)?(?:过)?\s*", rest) and \
            not any(w in rest for w in LEVEL_WORDS)  # 网络安全和数据安全事件也没有 (not 有影响没)
        if _negated(s, m.start(), m.end()) or denied_after or (key == "incident_level"
                                               and _NO_INCIDENT.search(window)) or (
                none_end is not None and s[none_end:m.start()] in _JOINERS):
            said_none = True  # 没有发生过网络安全事件和数据安全事件: one negation for both
            none_end = m.end()
            continue
        clauses = re.split(r"[，,。；;]", s[m.end():m.end() + 24])
        after = clauses[0][:16]  # …事件最后定的是较大级别
        if len(clauses) > 1 and (len(clauses[0]) <= 4 or re.match(
                r"\s*(?:定为|定的是|属于|是)?(?:特别重大|重大|较大|一般)(?:级别|等级|的)?\s*$",
                clauses[1])):  # 网络安全的话，2023年有过一起较大事件 / …近三年一起，一般级别
            after = (clauses[0] + "，" + clauses[1])[:24]
        level = next((v for w, v in LEVEL_WORDS.items() if w in window), None) or next(
            (v for w, v in LEVEL_WORDS.items() if w in after), None)
        if level:
            found.append(level)
        elif re.search(r"发生|出过|有过", window) and not found:
            what = "事故" if key == "incident_level" else "网络安全或数据安全事件"
            questions.append("请说明发生的" + what + "等级（一般、较大、重大或特别重大）。")
            return None
    if found:
        return max(found, key=_ORDER.index)
    if said_none or (key == "incident_level" and (_ALL_ZERO.search(s) or _FORM_NONE.search(s))):
        return "none"
    if key == "cyber_incident_level" and re.search(r"(?:事故|事件)[^。；;]{0,20}"
                                                   r"(?:网络安全|数据安全)事件[^。；;]{0,6}"
                                                   r"(?:都是零|都为零|均为零|都没有|均无)", s):
        return "none"
    return None


def extract_facts(s: str, this_year: int | None = None
                  ) -> tuple[dict[str, Any], list[str], tuple[str, ...]]:
    """(facts, questions back, vouched): `vouched` are the keys only 其他条件都满足 supplied;
    they must not overwrite what the user said before (前年出过一起较大事故). `this_year`: an
    incident in a year four or more years before it is outside the last three years."""
    facts, s = _form_answers(s)
    questions: list[str] = []
    denied: list[int] = []  # where a negated fact ends (不属于高耗能、高用水行业: both denied)
    for key, pattern in BOOL_FACTS.items():
        if key in facts:
            continue
        last_no: int | None = None
        for m in re.finditer(pattern, s):
            if _A_NOT_A.search(s[max(0, m.start() - 10):m.start() + 1]) or re.match(
                    r"[^，,。；;]{0,3}(?:有没有|是不是|是否|算不算|能不能)"
                    r"|[^，,。；;]{0,4}(?:这块|这一块|这方面|方面|这边|的话)[，,]", s[m.end():]):
                continue  # 要不要做发展规划 / 有没有管委会 / 国际合作交流这块，… (a topic)
            if not key.endswith("_above_benchmark") and not _stated(s, m.start(), m.end()) \
                    and not re.match(r"是|属于", m.group()):  # 主导产业是县里的特色产业
                continue
            if key.endswith("_above_benchmark"):
                facts[key] = not (_EFF_BAD.search(m.group()) or _negated(s, m.start(), m.end()))
            else:
                facts[key] = not _negated(s, m.start(), m.end())
            if key in _EITHER and facts[key] and last_no is not None and \
                    s[last_no:m.start()] in ("、", "和", "或", "及", "与", "或者"):
                facts[key] = False  # 不是民族地区、革命老区: one negation for the list
            if facts[key] and key in ("high_energy_use", "high_water_use") and \
                    any(s[e:m.start()] in _JOINERS for e in denied):
                facts[key] = False  # 不属于高耗能、高用水行业
            if not facts[key]:
                denied.append(m.end())
            if key in _EITHER and not facts[key]:
                last_no = m.end()
                continue  # 不是民族地区，是革命老区: either kind of area is enough
            break
    if re.search(r"(?:(?<!是)不是|并非|非|(?<!算)不算|不属于)(?:我们|咱们)?(?:县域|县里|本县|我县|"
                 r"当地|县)?(?:的)?(?:支柱|特色)", s):
        facts["pillar_industry"] = False
    for key, pattern in LEVEL_FACTS.items():
        if key in facts:
            continue
        level = _worst_level(s, key, pattern, questions, this_year)
        if level:
            facts[key] = level
    if "incident_level" in facts and "cyber_incident_level" not in facts and re.search(
            r"(?:没有|没|未|无|从未)(?:发生过?|出过|有过?)?(?:任何)?(?:事故|安全事件|问题)(?:或|和|、)?"
            r"(?:网络|数据)", s):
        facts["cyber_incident_level"] = "none"
    for key, pattern, value in _SAID_AFTER:  # 规划已经编好了, 管委会还在筹建
        said = None if key in facts else re.search(pattern, s)
        if said and not _ASKED_AFTER.match(s, said.end()):
            facts[key] = value  # not 规划已经制定了吗？
    if facts.get("misconduct") is False and _MISCONDUCT_YES.search(s):
        facts["misconduct"] = True  # 偷税漏税：没有；严重失信：有一家企业被列入了严重失信名单
    if "incident_level" not in facts and _ZERO_INCIDENTS.search(s):  # 三年内零事故
        facts["incident_level"] = "none"
    if "cyber_incident_level" not in facts and _ZERO_CYBER.search(s):  # 网络安全也零事件
        facts["cyber_incident_level"] = "none"
    vouched: tuple[str, ...] = ()
    if _ALL_OK.search(s):
        vouched = tuple(k for k in FAVOURABLE if k not in facts)
        facts = {**{k: FAVOURABLE[k] for k in vouched}, **facts}
    return facts, questions, vouched
