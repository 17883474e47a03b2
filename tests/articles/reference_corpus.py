"""Labelled reference strings for the paste parser: GB/T 7714 and APA 7, as printed.

Each case is (text, expected). ``expected`` names the fields the parser must find; a field
left out is expected empty. ``authors`` is the list of names as printed (without 等/et al.,
which is ``et_al``). Used by tests/articles/test_reference_parser.py and
bench/reference_parser_accuracy.py.
"""

FIELDS = [
    "kind",
    "authors",
    "title",
    "container_title",
    "year",
    "volume",
    "issue",
    "pages",
    "doi",
    "url",
]

JPART = "Journal of Public Administration Research and Theory"

# The 14 references of the seed article, as pasted from its landing page.
SEED = [
    (
        "[1] Ansell C, Gash A. Collaborative Governance in Theory and Practice[J]. "
        "Journal of Public Administration Research and Theory, 2023, 33(1): 5-23.",
        {
            "kind": "J",
            "authors": ["Ansell C", "Gash A"],
            "title": "Collaborative Governance in Theory and Practice",
            "container_title": JPART,
            "year": "2023",
            "volume": "33",
            "issue": "1",
            "pages": "5-23",
        },
    ),
    (
        "[2] 陈晓晓.政府与社会组织合作中的障碍及应对策略研究[D]. 广州: 广州大学, 2025.",
        {
            "kind": "D",
            "authors": ["陈晓晓"],
            "title": "政府与社会组织合作中的障碍及应对策略研究",
            "year": "2025",
        },
    ),
    (
        "[3] 金小琴.地方政府购买社会组织服务的问题研究——以成都市W区为例[J]."
        "西部经济管理论坛,2018,29(05):24-30.",
        {
            "kind": "J",
            "authors": ["金小琴"],
            "title": "地方政府购买社会组织服务的问题研究——以成都市W区为例",
            "container_title": "西部经济管理论坛",
            "year": "2018",
            "volume": "29",
            "issue": "05",
            "pages": "24-30",
        },
    ),
    (
        "[4] 刘群,王瑢.互动中的自主性建构:政府适应性监管策略与社会组织的动态回应[J]. "
        "重庆三峡学院学报, 2025, 41(1): 1-10.",
        {
            "kind": "J",
            "authors": ["刘群", "王瑢"],
            "title": "互动中的自主性建构:政府适应性监管策略与社会组织的动态回应",
            "container_title": "重庆三峡学院学报",
            "year": "2025",
            "volume": "41",
            "issue": "1",
            "pages": "1-10",
        },
    ),
    (
        "[5] Moore M. Public Value Governance: Moving Beyond Traditional Public Administration "
        "and New Public Management[M]. Harvard University Press, 2021.",
        {
            "kind": "M",
            "authors": ["Moore M"],
            "title": "Public Value Governance: Moving Beyond Traditional Public Administration "
            "and New Public Management",
            "year": "2021",
        },
    ),
    (
        "[6] Ostrom E. Governing the Commons: The Evolution of Institutions for Collective "
        "Action[M]. Cambridge University Press, 2019.",
        {
            "kind": "M",
            "authors": ["Ostrom E"],
            "title": "Governing the Commons: The Evolution of Institutions for Collective Action",
            "year": "2019",
        },
    ),
    (
        "[7] 王名等.中国社会组织(1978-2018):社会共治——正在生成的未来[M]. "
        "社会科学文献出版社, 2018(9): 47-71.",
        {
            "kind": "M",
            "authors": ["王名"],
            "et_al": True,
            "title": "中国社会组织(1978-2018):社会共治——正在生成的未来",
            "year": "2018",
            "issue": "9",
            "pages": "47-71",
        },
    ),
    (
        "[8] 王松磊,柯瑞,蒋祖存.公共服务供给中社会组织与政府的协作机制研究——"
        "来自合肥市X街道的养老案例考察[J].黄冈师范学院学报,2024,44(05):121-128.",
        {
            "kind": "J",
            "authors": ["王松磊", "柯瑞", "蒋祖存"],
            "title": "公共服务供给中社会组织与政府的协作机制研究——来自合肥市X街道的养老案例考察",
            "container_title": "黄冈师范学院学报",
            "year": "2024",
            "volume": "44",
            "issue": "05",
            "pages": "121-128",
        },
    ),
    (
        "[9] 韦诸霞, 莫桥芳. 社会组织对公共服务供给水平的影响研究[J]. 攀枝花学院学报, "
        "2025, 42(2): 1-12.",
        {
            "kind": "J",
            "authors": ["韦诸霞", "莫桥芳"],
            "title": "社会组织对公共服务供给水平的影响研究",
            "container_title": "攀枝花学院学报",
            "year": "2025",
            "volume": "42",
            "issue": "2",
            "pages": "1-12",
        },
    ),
    (
        "[10] 徐家良,赵挺.资源依赖视角下政府与社会组织的合作关系研究[J]. 公共管理学报, "
        "2021, 18(3): 89-101.",
        {
            "kind": "J",
            "authors": ["徐家良", "赵挺"],
            "title": "资源依赖视角下政府与社会组织的合作关系研究",
            "container_title": "公共管理学报",
            "year": "2021",
            "volume": "18",
            "issue": "3",
            "pages": "89-101",
        },
    ),
    (
        "[11] 余欣瑶.嵌入视角下社会组织参与政府购买养老志愿服务实务研究[D]. 广州: "
        "广东工业大学, 2025.",
        {
            "kind": "D",
            "authors": ["余欣瑶"],
            "title": "嵌入视角下社会组织参与政府购买养老志愿服务实务研究",
            "year": "2025",
        },
    ),
    (
        "[12] 张序,劳承玉.公共服务能力建设:一个研究框架[J].理论与改革,2013(2):25-29.",
        {
            "kind": "J",
            "authors": ["张序", "劳承玉"],
            "title": "公共服务能力建设:一个研究框架",
            "container_title": "理论与改革",
            "year": "2013",
            "issue": "2",
            "pages": "25-29",
        },
    ),
    (
        "[13] Salamon L M. The Tools of Government: A Guide to the New Governance[M]. "
        "Oxford University Press, 2021.",
        {
            "kind": "M",
            "authors": ["Salamon L M"],
            "title": "The Tools of Government: A Guide to the New Governance",
            "year": "2021",
        },
    ),
    (
        "[14] Emerson K, Nabatchi T, Balogh S. An Integrative Framework for Collaborative "
        "Governance[J]. Journal of Public Administration Research and Theory, 2022, 32(4): "
        "640-662.",
        {
            "kind": "J",
            "authors": ["Emerson K", "Nabatchi T", "Balogh S"],
            "title": "An Integrative Framework for Collaborative Governance",
            "container_title": JPART,
            "year": "2022",
            "volume": "32",
            "issue": "4",
            "pages": "640-662",
        },
    ),
]

# Standards GBT-8, E1–E17 (GB/T 7714—2015 examples), keyed by their number.
GBT_EXAMPLES = {
    "E1": (
        "袁训来, 陈哲, 肖书海, 等. 蓝田生物群: 一个认识多细胞生物起源和早期演化的新窗口[J]. "
        "科学通报, 2012, 57(34): 3219.",
        {
            "kind": "J",
            "authors": ["袁训来", "陈哲", "肖书海"],
            "et_al": True,
            "title": "蓝田生物群: 一个认识多细胞生物起源和早期演化的新窗口",
            "container_title": "科学通报",
            "year": "2012",
            "volume": "57",
            "issue": "34",
            "pages": "3219",
            "language": "zh-hans",
        },
    ),
    "E2": (
        "KANAMORI H. Shaking without quaking[J]. Science, 1998, 279(5359): 2063.",
        {
            "kind": "J",
            "authors": ["KANAMORI H"],
            "title": "Shaking without quaking",
            "container_title": "Science",
            "year": "1998",
            "volume": "279",
            "issue": "5359",
            "pages": "2063",
            "language": "en",
        },
    ),
    "E3": (
        "FRESE K S, KATUS H A, MEDER B. Next-generation sequencing: from understanding biology "
        "to personalized medicine[J/OL]. Biology, 2013, 2(1): 378-398[2013-03-19]. "
        "http://www.mdpi.com/2079-7737/2/1/378. DOI:10.3390/biology2010378.",
        {
            "kind": "J/OL",
            "authors": ["FRESE K S", "KATUS H A", "MEDER B"],
            "title": "Next-generation sequencing: from understanding biology to personalized "
            "medicine",
            "container_title": "Biology",
            "year": "2013",
            "volume": "2",
            "issue": "1",
            "pages": "378-398",
            "cited_date": "2013-03-19",
            "url": "http://www.mdpi.com/2079-7737/2/1/378",
            "doi": "10.3390/biology2010378",
        },
    ),
    "E4": (
        "MYBURG A A, GRATTAPAGLIA D, TUSKAN G A, et al. The genome of Eucalyptus grandis[J/OL]. "
        "Nature, 2014, 510: 356-362[2014-06-25]. "
        "http://www.nature.com/nature/journal/v510/n7505/pdf/nature13308.pdf. "
        "DOI:10.1038/nature13308.",
        {
            "kind": "J/OL",
            "authors": ["MYBURG A A", "GRATTAPAGLIA D", "TUSKAN G A"],
            "et_al": True,
            "title": "The genome of Eucalyptus grandis",
            "container_title": "Nature",
            "year": "2014",
            "volume": "510",
            "pages": "356-362",
            "cited_date": "2014-06-25",
            "url": "http://www.nature.com/nature/journal/v510/n7505/pdf/nature13308.pdf",
            "doi": "10.1038/nature13308",
        },
    ),
    "E5": (
        "陈登原. 国史旧闻: 第1卷[M]. 北京: 中华书局, 2000: 29.",
        {
            "kind": "M",
            "authors": ["陈登原"],
            "title": "国史旧闻: 第1卷",
            "place": "北京",
            "publisher": "中华书局",
            "year": "2000",
            "pages": "29",
        },
    ),
    "E6": (
        "哈里森, 沃尔德伦. 经济数学与金融数学[M]. 谢远涛, 译. 北京: 中国人民大学出版社, "
        "2012: 235-236.",
        {
            "kind": "M",
            "authors": ["哈里森", "沃尔德伦"],
            "title": "经济数学与金融数学",
            "place": "北京",
            "publisher": "中国人民大学出版社",
            "year": "2012",
            "pages": "235-236",
        },
    ),
    "E7": (
        "PEEBLES P Z, Jr. Probability, random variables, and random signal principles[M]. "
        "4th ed. New York: McGraw-Hill, 2001.",
        {
            "kind": "M",
            "authors": ["PEEBLES P Z, Jr"],
            "title": "Probability, random variables, and random signal principles",
            "place": "New York",
            "publisher": "McGraw-Hill",
            "year": "2001",
        },
    ),
    "E8": (
        "程根伟. 1998年长江洪水的成因与减灾对策[M]//许厚泽, 赵其国. 长江流域洪涝灾害与科技对策. "
        "北京: 科学出版社, 1999: 32-36.",
        {
            "kind": "M",
            "authors": ["程根伟"],
            "title": "1998年长江洪水的成因与减灾对策",
            "editors": ["许厚泽", "赵其国"],
            "container_title": "长江流域洪涝灾害与科技对策",
            "place": "北京",
            "publisher": "科学出版社",
            "year": "1999",
            "pages": "32-36",
        },
    ),
    "E9": (
        "贾东琴, 柯平. 面向数字素养的高校图书馆数字服务体系研究[C]//中国图书馆学会. "
        "中国图书馆学会年会论文集: 2011年卷. 北京: 国家图书馆出版社, 2011: 45-52.",
        {
            "kind": "C",
            "authors": ["贾东琴", "柯平"],
            "title": "面向数字素养的高校图书馆数字服务体系研究",
            "editors": ["中国图书馆学会"],
            "container_title": "中国图书馆学会年会论文集: 2011年卷",
            "place": "北京",
            "publisher": "国家图书馆出版社",
            "year": "2011",
            "pages": "45-52",
        },
    ),
    "E10": (
        "牛志明, 斯温兰德, 雷光春. 综合湿地管理国际研讨会论文集[C]. 北京: 海洋出版社, 2012.",
        {
            "kind": "C",
            "authors": ["牛志明", "斯温兰德", "雷光春"],
            "et_al": False,
            "title": "综合湿地管理国际研讨会论文集",
            "place": "北京",
            "publisher": "海洋出版社",
            "year": "2012",
        },
    ),
    "E11": (
        "CAIRNS B R. Infrared spectroscopic studies on solid oxygen[D]. Berkeley: Univ. of "
        "California, 1965.",
        {
            "kind": "D",
            "authors": ["CAIRNS B R"],
            "title": "Infrared spectroscopic studies on solid oxygen",
            "place": "Berkeley",
            "publisher": "Univ. of California",
            "year": "1965",
        },
    ),
    "E12": (
        "马欢. 人类活动影响下海河流域典型区水循环变化分析[D]. 北京: 清华大学, 2011: 27.",
        {
            "kind": "D",
            "authors": ["马欢"],
            "title": "人类活动影响下海河流域典型区水循环变化分析",
            "place": "北京",
            "publisher": "清华大学",
            "year": "2011",
            "pages": "27",
        },
    ),
    "E13": (
        "丁文详. 数字革命与竞争国际化[N]. 中国青年报, 2000-11-20(15).",
        {
            "kind": "N",
            "authors": ["丁文详"],
            "title": "数字革命与竞争国际化",
            "container_title": "中国青年报",
            "date": "2000-11-20",
            "year": "2000",
            "pages": "15",
        },
    ),
    "E14": (
        "BAWDEN D. Origins and concepts of digital literacy[EB/OL]. (2008-05-04)[2013-03-08]. "
        "http://www.soi.city.ac.uk/~dbawden/digital%20literacy%20chapter.pdf.",
        {
            "kind": "EB/OL",
            "authors": ["BAWDEN D"],
            "title": "Origins and concepts of digital literacy",
            "date": "2008-05-04",
            "cited_date": "2013-03-08",
            "year": "2008",
            "url": "http://www.soi.city.ac.uk/~dbawden/digital%20literacy%20chapter.pdf",
        },
    ),
    "E15": (
        "World Health Organization. Factors regulating the immune response: report of WHO "
        "Scientific Group[R]. Geneva: WHO, 1970.",
        {
            "kind": "R",
            "authors": ["World Health Organization"],
            "title": "Factors regulating the immune response: report of WHO Scientific Group",
            "place": "Geneva",
            "publisher": "WHO",
            "year": "1970",
        },
    ),
    "E16": (
        "全国信息与文献标准化技术委员会. 文献著录: 第4部分 非书资料: GB/T 3792.4—2009[S]. "
        "北京: 中国标准出版社, 2010: 3.",
        {
            "kind": "S",
            "authors": ["全国信息与文献标准化技术委员会"],
            "title": "文献著录: 第4部分 非书资料",
            "number": "GB/T 3792.4—2009",
            "place": "北京",
            "publisher": "中国标准出版社",
            "year": "2010",
            "pages": "3",
        },
    ),
    "E17": (
        "邓一刚. 全智能节电器: 200610171314.3[P]. 2006-12-13.",
        {
            "kind": "P",
            "authors": ["邓一刚"],
            "title": "全智能节电器",
            "number": "200610171314.3",
            "date": "2006-12-13",
            "year": "2006",
        },
    ),
}

# Real-world strings as journals print them, GB/T 7714 first, then APA 7.
REAL_WORLD = [
    (
        "周雪光. 基层政府间的“共谋现象”——一个政府行为的制度逻辑[J]. 社会学研究, 2008(6): 1-21.",
        {
            "kind": "J",
            "authors": ["周雪光"],
            "title": "基层政府间的“共谋现象”——一个政府行为的制度逻辑",
            "container_title": "社会学研究",
            "year": "2008",
            "issue": "6",
            "pages": "1-21",
        },
    ),
    (
        "康晓光, 韩恒. 分类控制: 当前中国大陆国家与社会关系研究[J]. 社会学研究, 2005(6): 73-89.",
        {
            "kind": "J",
            "authors": ["康晓光", "韩恒"],
            "title": "分类控制: 当前中国大陆国家与社会关系研究",
            "container_title": "社会学研究",
            "year": "2005",
            "issue": "6",
            "pages": "73-89",
        },
    ),
    (
        "敬乂嘉. 社会服务中的公共非营利合作关系研究——一个基于地方改革实践的分析[J]. "
        "公共行政评论, 2011, 4(5): 5-25.",
        {
            "kind": "J",
            "authors": ["敬乂嘉"],
            "title": "社会服务中的公共非营利合作关系研究——一个基于地方改革实践的分析",
            "container_title": "公共行政评论",
            "year": "2011",
            "volume": "4",
            "issue": "5",
            "pages": "5-25",
        },
    ),
    (
        "周黎安. 中国地方官员的晋升锦标赛模式研究[J]. 经济研究, 2007, 42(7): 36-50.",
        {
            "kind": "J",
            "authors": ["周黎安"],
            "title": "中国地方官员的晋升锦标赛模式研究",
            "container_title": "经济研究",
            "year": "2007",
            "volume": "42",
            "issue": "7",
            "pages": "36-50",
        },
    ),
    (
        "郁建兴, 沈永东. 调适性合作: 十八大以来中国政府与社会组织关系的策略性变革[J]. "
        "政治学研究, 2017(3): 34-41.",
        {
            "kind": "J",
            "authors": ["郁建兴", "沈永东"],
            "title": "调适性合作: 十八大以来中国政府与社会组织关系的策略性变革",
            "container_title": "政治学研究",
            "year": "2017",
            "issue": "3",
            "pages": "34-41",
        },
    ),
    (
        "陈天祥，徐于琳．游走于国家与社会之间：草根志愿组织的行动策略——以广州启智队为例［J］．"
        "中山大学学报（社会科学版），2011，51（1）：155-168．",
        {
            "kind": "J",
            "authors": ["陈天祥", "徐于琳"],
            "title": "游走于国家与社会之间: 草根志愿组织的行动策略——以广州启智队为例",
            "container_title": "中山大学学报(社会科学版)",
            "year": "2011",
            "volume": "51",
            "issue": "1",
            "pages": "155-168",
        },
    ),
    (
        "王浦劬, 莱斯特·M·萨拉蒙, 等. 政府向社会组织购买公共服务研究: 中国与全球经验分析[M]. "
        "北京: 北京大学出版社, 2010.",
        {
            "kind": "M",
            "authors": ["王浦劬", "莱斯特·M·萨拉蒙"],
            "et_al": True,
            "title": "政府向社会组织购买公共服务研究: 中国与全球经验分析",
            "year": "2010",
        },
    ),
    (
        "费孝通. 乡土中国[M]. 北京: 北京大学出版社, 2012.",
        {"kind": "M", "authors": ["费孝通"], "title": "乡土中国", "year": "2012"},
    ),
    (
        "俞可平. 治理与善治[M]. 北京: 社会科学文献出版社, 2000: 8-11.",
        {
            "kind": "M",
            "authors": ["俞可平"],
            "title": "治理与善治",
            "year": "2000",
            "pages": "8-11",
        },
    ),
    (
        "刘洋.社区治理中社会组织参与机制研究[D].上海:华东师范大学,2020.",
        {
            "kind": "D",
            "authors": ["刘洋"],
            "title": "社区治理中社会组织参与机制研究",
            "year": "2020",
        },
    ),
    (
        "李克强. 政府工作报告[N]. 人民日报, 2018-03-23(1).",
        {
            "kind": "N",
            "authors": ["李克强"],
            "title": "政府工作报告",
            "container_title": "人民日报",
            "year": "2018",
            "pages": "1",
        },
    ),
    (
        "中共中央, 国务院. 关于加强基层治理体系和治理能力现代化建设的意见[N/OL]. 人民日报, "
        "2021-07-12(1)[2024-01-05]. "
        "http://paper.people.com.cn/rmrb/html/2021-07/12/nw.D110000renmrb_20210712_1-01.htm.",
        {
            "kind": "N/OL",
            "authors": ["中共中央", "国务院"],
            "title": "关于加强基层治理体系和治理能力现代化建设的意见",
            "container_title": "人民日报",
            "year": "2021",
            "pages": "1",
            "url": "http://paper.people.com.cn/rmrb/html/2021-07/12/"
            "nw.D110000renmrb_20210712_1-01.htm",
        },
    ),
    (
        "国务院办公厅. 关于政府向社会力量购买服务的指导意见[EB/OL]. (2013-09-30)[2024-05-10]. "
        "http://www.gov.cn/zwgk/2013-09/30/content_2498186.htm.",
        {
            "kind": "EB/OL",
            "authors": ["国务院办公厅"],
            "title": "关于政府向社会力量购买服务的指导意见",
            "year": "2013",
            "url": "http://www.gov.cn/zwgk/2013-09/30/content_2498186.htm",
        },
    ),
    (
        "中国互联网络信息中心. 第53次中国互联网络发展状况统计报告[R/OL]. (2024-03-22)"
        "[2024-06-01]. https://www.cnnic.net.cn/n4/2024/0322/c88-10964.html.",
        {
            "kind": "R/OL",
            "authors": ["中国互联网络信息中心"],
            "title": "第53次中国互联网络发展状况统计报告",
            "year": "2024",
            "url": "https://www.cnnic.net.cn/n4/2024/0322/c88-10964.html",
        },
    ),
    (
        "中华人民共和国民政部. 2022年民政事业发展统计公报[R]. 北京: 民政部, 2023.",
        {
            "kind": "R",
            "authors": ["中华人民共和国民政部"],
            "title": "2022年民政事业发展统计公报",
            "year": "2023",
        },
    ),
    (
        "中华人民共和国国家质量监督检验检疫总局, 中国国家标准化管理委员会. 信息与文献 "
        "参考文献著录规则: GB/T 7714—2015[S]. 北京: 中国标准出版社, 2015.",
        {
            "kind": "S",
            "authors": ["中华人民共和国国家质量监督检验检疫总局", "中国国家标准化管理委员会"],
            "title": "信息与文献 参考文献著录规则",
            "year": "2015",
        },
    ),
    (
        "OSBORNE S P. The new public governance?[J]. Public Management Review, 2006, 8(3): "
        "377-387. DOI:10.1080/14719030600853022.",
        {
            "kind": "J",
            "authors": ["OSBORNE S P"],
            "title": "The new public governance?",
            "container_title": "Public Management Review",
            "year": "2006",
            "volume": "8",
            "issue": "3",
            "pages": "377-387",
            "doi": "10.1080/14719030600853022",
        },
    ),
    (
        "EMERSON K, NABATCHI T, BALOGH S. An integrative framework for collaborative "
        "governance[J]. Journal of Public Administration Research and Theory, 2012, 22(1): 1-29. "
        "DOI: 10.1093/jopart/mur011.",
        {
            "kind": "J",
            "authors": ["EMERSON K", "NABATCHI T", "BALOGH S"],
            "title": "An integrative framework for collaborative governance",
            "container_title": JPART,
            "year": "2012",
            "volume": "22",
            "issue": "1",
            "pages": "1-29",
            "doi": "10.1093/jopart/mur011",
        },
    ),
    (
        "SALAMON L M. Partners in public service: government-nonprofit relations in the modern "
        "welfare state[M]. Baltimore: Johns Hopkins University Press, 1995.",
        {
            "kind": "M",
            "authors": ["SALAMON L M"],
            "title": "Partners in public service: government-nonprofit relations in the modern "
            "welfare state",
            "year": "1995",
        },
    ),
    (
        "BRYSON J M, CROSBY B C, STONE M M. The design and implementation of cross-sector "
        "collaborations: propositions from the literature[J]. Public Administration Review, "
        "2006, 66(s1): 44-55.",
        {
            "kind": "J",
            "authors": ["BRYSON J M", "CROSBY B C", "STONE M M"],
            "title": "The design and implementation of cross-sector collaborations: propositions "
            "from the literature",
            "container_title": "Public Administration Review",
            "year": "2006",
            "volume": "66",
            "issue": "s1",
            "pages": "44-55",
        },
    ),
    (
        "GIRSHICK R. Fast R-CNN[C]//Proceedings of the IEEE International Conference on Computer "
        "Vision. Santiago: IEEE, 2015: 1440-1448.",
        {
            "kind": "C",
            "authors": ["GIRSHICK R"],
            "title": "Fast R-CNN",
            "container_title": "Proceedings of the IEEE International Conference on Computer "
            "Vision",
            "year": "2015",
            "pages": "1440-1448",
        },
    ),
    (
        "HE K, ZHANG X, REN S, et al. Deep residual learning for image recognition[C]//"
        "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition. Las "
        "Vegas: IEEE, 2016: 770-778.",
        {
            "kind": "C",
            "authors": ["HE K", "ZHANG X", "REN S"],
            "et_al": True,
            "title": "Deep residual learning for image recognition",
            "container_title": "Proceedings of the IEEE Conference on Computer Vision and "
            "Pattern Recognition",
            "year": "2016",
            "pages": "770-778",
        },
    ),
    # APA 7.
    (
        "Ansell, C., & Gash, A. (2008). Collaborative governance in theory and practice. "
        "Journal of Public Administration Research and Theory, 18(4), 543–571. "
        "https://doi.org/10.1093/jopart/mum032",
        {
            "kind": "J",
            "authors": ["Ansell, C.", "Gash, A."],
            "title": "Collaborative governance in theory and practice",
            "container_title": JPART,
            "year": "2008",
            "volume": "18",
            "issue": "4",
            "pages": "543–571",
            "doi": "10.1093/jopart/mum032",
        },
    ),
    (
        "Osborne, S. P. (2006). The new public governance? Public Management Review, 8(3), "
        "377–387. https://doi.org/10.1080/14719030600853022",
        {
            "kind": "J",
            "authors": ["Osborne, S. P."],
            "title": "The new public governance?",
            "container_title": "Public Management Review",
            "year": "2006",
            "volume": "8",
            "issue": "3",
            "pages": "377–387",
            "doi": "10.1080/14719030600853022",
        },
    ),
    (
        "Bryson, J. M., Crosby, B. C., & Stone, M. M. (2015). Designing and implementing "
        "cross-sector collaborations: Needed and challenging. Public Administration Review, "
        "75(5), 647–663. https://doi.org/10.1111/puar.12432",
        {
            "kind": "J",
            "authors": ["Bryson, J. M.", "Crosby, B. C.", "Stone, M. M."],
            "title": "Designing and implementing cross-sector collaborations: Needed and "
            "challenging",
            "container_title": "Public Administration Review",
            "year": "2015",
            "volume": "75",
            "issue": "5",
            "pages": "647–663",
            "doi": "10.1111/puar.12432",
        },
    ),
    (
        "Tsai, L. L. (2007). Solidary groups, informal accountability, and local public goods "
        "provision in rural China. American Political Science Review, 101(2), 355–372. "
        "https://doi.org/10.1017/S0003055407070153",
        {
            "kind": "J",
            "authors": ["Tsai, L. L."],
            "title": "Solidary groups, informal accountability, and local public goods provision "
            "in rural China",
            "container_title": "American Political Science Review",
            "year": "2007",
            "volume": "101",
            "issue": "2",
            "pages": "355–372",
            "doi": "10.1017/S0003055407070153",
        },
    ),
    (
        "Teets, J. C. (2013). Let many civil societies bloom: The rise of consultative "
        "authoritarianism in China. The China Quarterly, 213, 19–38. "
        "https://doi.org/10.1017/S0305741012001269",
        {
            "kind": "J",
            "authors": ["Teets, J. C."],
            "title": "Let many civil societies bloom: The rise of consultative authoritarianism "
            "in China",
            "container_title": "The China Quarterly",
            "year": "2013",
            "volume": "213",
            "pages": "19–38",
            "doi": "10.1017/S0305741012001269",
        },
    ),
    (
        "Spires, A. J. (2011). Contingent symbiosis and civil society in an authoritarian state: "
        "Understanding the survival of China's grassroots NGOs. American Journal of Sociology, "
        "117(1), 1–45. https://doi.org/10.1086/660741",
        {
            "kind": "J",
            "authors": ["Spires, A. J."],
            "title": "Contingent symbiosis and civil society in an authoritarian state: "
            "Understanding the survival of China's grassroots NGOs",
            "container_title": "American Journal of Sociology",
            "year": "2011",
            "volume": "117",
            "issue": "1",
            "pages": "1–45",
            "doi": "10.1086/660741",
        },
    ),
    (
        "LeCun, Y., Bengio, Y., & Hinton, G. (2015). Deep learning. Nature, 521(7553), 436–444. "
        "https://doi.org/10.1038/nature14539",
        {
            "kind": "J",
            "authors": ["LeCun, Y.", "Bengio, Y.", "Hinton, G."],
            "title": "Deep learning",
            "container_title": "Nature",
            "year": "2015",
            "volume": "521",
            "issue": "7553",
            "pages": "436–444",
            "doi": "10.1038/nature14539",
        },
    ),
    (
        "Harris, C. R., Millman, K. J., van der Walt, S. J., Gommers, R., Virtanen, P., "
        "Cournapeau, D., Wieser, E., Taylor, J., Berg, S., Smith, N. J., Kern, R., Picus, M., "
        "Hoyer, S., van Kerkwijk, M. H., Brett, M., Haldane, A., del Río, J. F., Wiebe, M., "
        "Peterson, P., … Oliphant, T. E. (2020). Array programming with NumPy. Nature, "
        "585(7825), 357–362. https://doi.org/10.1038/s41586-020-2649-2",
        {
            "kind": "J",
            "authors": [
                "Harris, C. R.",
                "Millman, K. J.",
                "van der Walt, S. J.",
                "Gommers, R.",
                "Virtanen, P.",
                "Cournapeau, D.",
                "Wieser, E.",
                "Taylor, J.",
                "Berg, S.",
                "Smith, N. J.",
                "Kern, R.",
                "Picus, M.",
                "Hoyer, S.",
                "van Kerkwijk, M. H.",
                "Brett, M.",
                "Haldane, A.",
                "del Río, J. F.",
                "Wiebe, M.",
                "Peterson, P.",
                "Oliphant, T. E.",
            ],
            "et_al": True,
            "title": "Array programming with NumPy",
            "container_title": "Nature",
            "year": "2020",
            "volume": "585",
            "issue": "7825",
            "pages": "357–362",
            "doi": "10.1038/s41586-020-2649-2",
        },
    ),
    (
        "Fanelli, D. (2009). How many scientists fabricate and falsify research? A systematic "
        "review and meta-analysis of survey data. PLOS ONE, 4(5), Article e5738. "
        "https://doi.org/10.1371/journal.pone.0005738",
        {
            "kind": "J",
            "authors": ["Fanelli, D."],
            "title": "How many scientists fabricate and falsify research? A systematic review "
            "and meta-analysis of survey data",
            "container_title": "PLOS ONE",
            "year": "2009",
            "volume": "4",
            "issue": "5",
            "pages": "e5738",
            "doi": "10.1371/journal.pone.0005738",
        },
    ),
    (
        "Ostrom, E. (1990). Governing the commons: The evolution of institutions for collective "
        "action. Cambridge University Press.",
        {
            "kind": "M",
            "authors": ["Ostrom, E."],
            "title": "Governing the commons: The evolution of institutions for collective action",
            "year": "1990",
        },
    ),
    (
        "Salamon, L. M. (Ed.). (2002). The tools of government: A guide to the new governance. "
        "Oxford University Press.",
        {
            "kind": "M",
            "authors": ["Salamon, L. M."],
            "title": "The tools of government: A guide to the new governance",
            "year": "2002",
        },
    ),
    (
        "Kahneman, D. (2011). Thinking, fast and slow. Farrar, Straus and Giroux.",
        {
            "kind": "M",
            "authors": ["Kahneman, D."],
            "title": "Thinking, fast and slow",
            "year": "2011",
        },
    ),
    (
        "American Psychological Association. (2020). Publication manual of the American "
        "Psychological Association (7th ed.). https://doi.org/10.1037/0000165-000",
        {
            "kind": "M",
            "authors": ["American Psychological Association"],
            "title": "Publication manual of the American Psychological Association",
            "year": "2020",
            "doi": "10.1037/0000165-000",
        },
    ),
    (
        "National Academies of Sciences, Engineering, and Medicine. (2020). Social isolation and "
        "loneliness in older adults: Opportunities for the health care system. The National "
        "Academies Press. https://doi.org/10.17226/25663",
        {
            "kind": "M",
            "authors": ["National Academies of Sciences, Engineering, and Medicine"],
            "title": "Social isolation and loneliness in older adults: Opportunities for the "
            "health care system",
            "year": "2020",
            "doi": "10.17226/25663",
        },
    ),
    (
        "Bevir, M. (2011). Governance as theory, practice, and dilemma. In M. Bevir (Ed.), The "
        "SAGE handbook of governance (pp. 1–16). SAGE Publications.",
        {
            "kind": "M",
            "authors": ["Bevir, M."],
            "title": "Governance as theory, practice, and dilemma",
            "container_title": "The SAGE handbook of governance",
            "year": "2011",
            "pages": "1–16",
        },
    ),
    (
        "He, K., Zhang, X., Ren, S., & Sun, J. (2016). Deep residual learning for image "
        "recognition. In Proceedings of the IEEE Conference on Computer Vision and Pattern "
        "Recognition (pp. 770–778). IEEE. https://doi.org/10.1109/CVPR.2016.90",
        {
            "kind": "C",
            "authors": ["He, K.", "Zhang, X.", "Ren, S.", "Sun, J."],
            "title": "Deep residual learning for image recognition",
            "container_title": "Proceedings of the IEEE Conference on Computer Vision and "
            "Pattern Recognition",
            "year": "2016",
            "pages": "770–778",
            "doi": "10.1109/CVPR.2016.90",
        },
    ),
    (
        "Zhang, W. (2019). Social organizations and local governance in urban China [Doctoral "
        "dissertation, University of Oxford]. Oxford University Research Archive.",
        {
            "kind": "D",
            "authors": ["Zhang, W."],
            "title": "Social organizations and local governance in urban China",
            "year": "2019",
        },
    ),
    (
        "World Health Organization. (2023, March 15). Ageing and health. "
        "https://www.who.int/news-room/fact-sheets/detail/ageing-and-health",
        {
            "kind": "EB/OL",
            "authors": ["World Health Organization"],
            "title": "Ageing and health",
            "year": "2023",
            "url": "https://www.who.int/news-room/fact-sheets/detail/ageing-and-health",
        },
    ),
    (
        "Creative Commons. (n.d.). Attribution 4.0 International (CC BY 4.0). "
        "https://creativecommons.org/licenses/by/4.0/",
        {
            "kind": "EB/OL",
            "authors": ["Creative Commons"],
            "title": "Attribution 4.0 International (CC BY 4.0)",
            "url": "https://creativecommons.org/licenses/by/4.0/",
        },
    ),
    (
        "Carey, B. (2019, March 22). Can we get better at forgetting? The New York Times. "
        "https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html",
        {
            "kind": "N/OL",
            "authors": ["Carey, B."],
            "title": "Can we get better at forgetting?",
            "container_title": "The New York Times",
            "year": "2019",
            "url": "https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html",
        },
    ),
]

CORPUS = SEED + list(GBT_EXAMPLES.values()) + REAL_WORLD


def expected_value(expected, name):
    return expected.get(name, [] if name in {"authors", "editors"} else "")
