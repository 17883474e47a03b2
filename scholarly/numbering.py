"""Journal numbering as journals print it: issue numbers, pages and article numbers as text.

Many journals have no volume (cited 2019(5): 32-38), double issues (合刊, "1-2"),
supplements (增刊, "S1" or "增刊1"), roman page numbers ("iii-xii"), supplement pages
("S12-S19") and article numbers (eLocators, "e1021") instead of pages. Everything is
kept as printed; this module only tidies the typing (full-width characters, dashes,
spaces), tells the kinds of issue numbers apart for the issue's label, and reads page
ranges.
"""

import re
import unicodedata

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# Dashes an editor or a source may type between two numbers; stored as "-".
DASHES_RE = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d~～]")
# 合刊: two (or more) issues printed as one, "1-2" or "1/2".
DOUBLE_ISSUE_RE = re.compile(r"^(\d+)\s*[-/]\s*(\d+)$")
# 增刊: a supplement, "S1", "Suppl. 1", "Supplement 2", "增刊1", or just "S" or "增刊".
SUPPLEMENT_RE = re.compile(r"^(?:增刊|Suppl(?:ement)?\.?|S)\s*(\d*)$", re.IGNORECASE)
# An eLocator as Zotero and many sources put it in "page": e1021.
ELOCATOR_RE = re.compile(r"^e\d+$", re.IGNORECASE)
ROMAN_RE = re.compile(r"^(?=[ivxlcdm]+$)m*(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
PREFIXED_NUMBER_RE = re.compile(r"^([^\d]*)(\d+)$")


def printed(value):
    """A printed number or page as stored: full-width forms folded (NFKC: "１－２" is
    "1-2", "Ⅻ" is "XII"), every dash a hyphen, spaces trimmed and collapsed."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    text = DASHES_RE.sub("-", text)
    return " ".join(text.split())


def split_pages(value):
    """(first, last) of a printed page range: "5-23", "iii-xii", "S12-S19", or one page.

    The last page is "" when there is none or when it is the first again ("5-5").
    """
    text = printed(value)
    first, dash, last = text.partition("-")
    first, last = first.strip(), last.strip()
    if not dash or not last or last == first:
        return first, ""
    return first, last


def page_range(first, last, dash="-"):
    """The printed range of two pages, or the first alone (also when they are equal)."""
    first, last = printed(first), printed(last)
    if first and last and last != first:
        return f"{first}{dash}{last}"
    return first


def is_elocator(value):
    """An article number written where pages go, as Zotero exports one: e1021."""
    return bool(ELOCATOR_RE.match(printed(value)))


def is_page(value):
    """A printed page: it has a digit (5, S12, A3) or is in roman numerals (iii, XII), and
    no dash (that would be a range)."""
    text = printed(value)
    if not text or "-" in text:
        return False
    return any(char.isdigit() for char in text) or roman_value(text) is not None


def roman_value(text):
    text = text.lower()
    if not text or not ROMAN_RE.match(text):
        return None
    values = [ROMAN_VALUES[char] for char in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def page_key(page):
    """(kind, number) to compare two pages of the same article, or None when they cannot be
    compared: 5 and 23, iii and xii, S12 and S19 compare; 5 and iii do not."""
    if roman := roman_value(page):
        return ("roman", roman)
    if match := PREFIXED_NUMBER_RE.match(page):
        return (match.group(1).lower(), int(match.group(2)))
    return None


def pages_out_of_order(first, last):
    """True when the last page plainly comes before the first (23-5, xii-iii, S19-S12)."""
    first_key, last_key = page_key(printed(first)), page_key(printed(last))
    if first_key is None or last_key is None or first_key[0] != last_key[0]:
        return False
    return last_key[1] < first_key[1]


def number_part(number):
    """The issue number in the active language: "No. 5" / "第5期", "Nos. 1-2" / "第1-2期（合刊）",
    "Suppl. 1" / "增刊1"; a number with no digit ("夏季号", "Special Issue") as printed."""
    if not number:
        return ""
    if DOUBLE_ISSUE_RE.match(number):
        # Translators: a double issue (合刊), e.g. "Nos. 1-2" / "第1-2期（合刊）".
        return _("Nos. %(numbers)s") % {"numbers": number}
    if supplement := SUPPLEMENT_RE.match(number):
        if ordinal := supplement.group(1):
            # Translators: a numbered supplement (增刊), e.g. "Suppl. 1" / "增刊1".
            return _("Suppl. %(number)s") % {"number": ordinal}
        # Translators: the one supplement (增刊) of a year or volume.
        return _("Suppl.")
    if not any(char.isdigit() for char in number):
        return number
    # Translators: an issue number, e.g. "No. 5" / "第5期".
    return _("No. %(number)s") % {"number": number}


def issue_label(*, year, volume, number):
    """An issue's label in the active language, from what it has.

    zh: 2019年第5期, 2019年第3卷第2期, 2019年第1-2期（合刊）, 2019年增刊1, 2019年第3卷增刊1.
    en: 2019, No. 5; Vol. 3, No. 2 (2019); 2019, Nos. 1-2; 2019, Suppl. 1; Vol. 3, Suppl. 1 (2019).
    """
    number = number_part(number)
    values = {"year": year, "number": number}
    if volume is not None:
        # Translators: a volume, e.g. "Vol. 3" / "第3卷".
        values["volume"] = _("Vol. %(volume)s") % {"volume": volume}
        if number:
            # Translators: an issue with a volume, "Vol. 3, No. 2 (2019)" / "2019年第3卷第2期".
            return pgettext("issue label", "%(volume)s, %(number)s (%(year)s)") % values
        # Translators: a volume without issues, "Vol. 9 (2020)" / "2020年第9卷".
        return pgettext("issue label", "%(volume)s (%(year)s)") % values
    # Translators: an issue without a volume, "2019, No. 5" / "2019年第5期".
    return pgettext("issue label", "%(year)s, %(number)s") % values
