"""Romanised (Hanyu Pinyin) names proposed for Chinese authors.

pypinyin reads a character by its commonest sound, which is wrong for many
surnames (单 is Shan, not Dan; 曾 is Zeng, not Ceng). Surnames are therefore read
from the table below first, longest match first (复姓 such as 尉迟 included), and
only the rest goes through pypinyin. The result is a proposal the editor confirms.
"""

from scholarly.languages import is_cjk

# Surnames whose reading differs from the character's commonest one, and
# two-character surnames. Add to it when an editor corrects a proposal.
SURNAME_READINGS = {
    "单": "shan",
    "曾": "zeng",
    "仇": "qiu",
    "朴": "piao",
    "解": "xie",
    "区": "ou",
    "查": "zha",
    "盖": "ge",
    "乐": "yue",
    "尉": "yu",
    "缪": "miao",
    "种": "chong",
    "秘": "bi",
    "召": "shao",
    "覃": "qin",
    "翟": "zhai",
    "黑": "he",
    "繁": "po",
    "员": "yun",
    "句": "gou",
    "朝": "chao",
    "宓": "fu",
    "冼": "xian",
    "能": "nai",
    "尉迟": "yuchi",
    "万俟": "moqi",
    "长孙": "zhangsun",
    "单于": "chanyu",
    "澹台": "tantai",
    "令狐": "linghu",
    "欧阳": "ouyang",
    "司马": "sima",
    "诸葛": "zhuge",
    "上官": "shangguan",
    "皇甫": "huangfu",
    "夏侯": "xiahou",
    "公孙": "gongsun",
    "慕容": "murong",
    "宇文": "yuwen",
    "东方": "dongfang",
    "闻人": "wenren",
}


def join_syllables(syllables):
    """Syllables as one word, with the apostrophe pinyin needs (Xi'an, not Xian)."""
    word = ""
    for syllable in syllables:
        if word and syllable[:1] in {"a", "o", "e"}:
            word += "'"
        word += syllable
    return word.capitalize()


def syllables(text):
    """Toneless pinyin syllables of ``text``.

    pypinyin is imported here, on an editor's first proposal: its dictionaries take
    about 56 MB, which no reader-facing worker should carry.
    """
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL)


def read_surname(family_name):
    if family_name in SURNAME_READINGS:
        return [SURNAME_READINGS[family_name]]
    head = family_name[:1]
    if head in SURNAME_READINGS:
        return [SURNAME_READINGS[head], *syllables(family_name[1:])]
    return syllables(family_name)


def propose_romanisation(family_name, given_name):
    """(family, given) in pinyin for a Chinese name, e.g. 单, 雄信 -> (Shan, Xiongxin).

    Returns None when the name is not written in Chinese characters.
    """
    family_name, given_name = family_name.strip(), given_name.strip()
    if not (is_cjk(family_name) or is_cjk(given_name)):
        return None
    family = join_syllables(read_surname(family_name)) if family_name else ""
    given = join_syllables(syllables(given_name)) if given_name else ""
    return family, given
