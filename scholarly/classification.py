"""What Chinese journals print on an article's first page beside the title.

Their layout comes from the CAJ-CD B/T 1-2006 specification (《中国学术期刊（光盘版）检索与
评价数据规范》), which CNKI indexes by:

- 中图分类号, the Chinese Library Classification (CLC) number(s): "G633.3", "TP391.1; F27-0".
- 文献标志码 (文献标识码), one letter for the kind of document, A to E.
- 文章编号, ISSN(year)issue-first page-page count: "1000-0135(2019)05-0032-07".
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# One of the 22 main classes (industrial technology, T, has a second letter: TP, TN),
# then digits with the CLC's auxiliary signs: . (every three digits), - (general
# subdivisions: G40-03), = (time), ( ) (place), " (ethnic groups), : (combination), + and
# / (ranges). Loose after the class: the shape, not the tables. A Library of Congress
# call number (HD62.6 .S65) is not one.
CLC_CODE_RE = re.compile(r'^(?:T[BD-HJ-NPQSUV]?|[A-KN-SUVXZ])(?:[0-9][0-9.\-=:/+()"]*)?$')
# Several codes: journals print them separated by ; ； , ， or spaces.
CLC_SEPARATOR_RE = re.compile(r"[;；,，、\s]+")
CLC_LABEL_RE = re.compile(r"^\s*(?:中图分类号|分类号|CLC(?:\s+number)?)\s*[:：]?\s*", re.IGNORECASE)

CAJ_LABEL_RE = re.compile(r"^\s*(?:文章编号|Article\s+ID)\s*[:：]?\s*", re.IGNORECASE)
# ISSN(year)issue-first page-page count; the issue may be a supplement (S1) or a double
# issue written as its first number; the page a roman or letter-prefixed one.
CAJ_ARTICLE_ID_RE = re.compile(
    r"^[0-9]{4}-[0-9]{3}[0-9X]\([0-9]{4}\)[0-9A-Z]{1,4}-[0-9A-Z]{1,6}-[0-9]{1,3}$"
)


def clc_codes(value):
    """The codes in ``value``, in order, as printed: ["G633.3", "TP391.1"]."""
    value = CLC_LABEL_RE.sub("", value or "")
    return [code.upper() for code in CLC_SEPARATOR_RE.split(value) if code]


def normalize_clc_codes(value):
    """One written form for the field: codes separated by "; "."""
    return "; ".join(clc_codes(value))


def validate_clc_codes(value):
    wrong = [code for code in clc_codes(value) if not CLC_CODE_RE.match(code)]
    if wrong:
        raise ValidationError(
            _(
                "“%(value)s” is not a CLC number: a class letter or two, then digits "
                "(G633.3, TP391.1, F27-0); separate several with semicolons."
            ),
            code="invalid_clc",
            params={"value": wrong[0]},
        )


def normalize_caj_article_id(value):
    """Without the printed label and spaces: 文章编号：1000-0135 (2019) 05-0032-07 → …"""
    value = CAJ_LABEL_RE.sub("", value or "")
    return re.sub(r"\s+", "", value).replace("（", "(").replace("）", ")").upper()


def validate_caj_article_id(value):
    if value and not CAJ_ARTICLE_ID_RE.match(normalize_caj_article_id(value)):
        raise ValidationError(
            _(
                "“%(value)s” is not an article ID as CNKI numbers them: ISSN(year)issue-"
                "first page-page count, e.g. 1000-0135(2019)05-0032-07."
            ),
            code="invalid_caj_article_id",
            params={"value": value},
        )


class DocumentCode(models.TextChoices):
    """文献标志码 as CAJ-CD B/T 1-2006 defines it; other texts (news in brief, notices,
    advertisements) have none."""

    A = "A", pgettext_lazy("document code", "A: theoretical or applied research")
    B = "B", pgettext_lazy("document code", "B: report of practical results or experience")
    C = "C", pgettext_lazy("document code", "C: professional guidance or management")
    D = "D", pgettext_lazy("document code", "D: general news and events")
    E = "E", pgettext_lazy("document code", "E: documents and materials")
