"""Citation downloads (RIS, BibTeX, EndNote) written from the article's CSL-JSON item.

Every format reads ``articles.citation.csl_item``; RIS is written by rispy and BibTeX
by bibtexparser (LaTeX specials escaped by pylatexenc). EndNote's tagged "refer"
format (.enw) has no maintained Python writer, so its dozen ``%X value`` lines are
written here.
"""

from dataclasses import dataclass

import bibtexparser
import rispy
from bibtexparser import model
from pylatexenc import latexencode

from articles.citation import first_and_last_page, inverted_name
from scholarly.dates import PartialDate
from scholarly.identifiers import doi_url


@dataclass(frozen=True)
class Format:
    extension: str
    content_type: str
    write: object


def names(item):
    """The item's authors as "Family, Given", the form every reference manager splits right."""
    return [inverted_name(name) for name in item.get("author", [])]


def issued(item):
    """The item's publication date (a PartialDate) at the precision it has, or None."""
    return PartialDate.from_csl(item.get("issued"))


def link(item):
    """The article's link in a download: its DOI URL when it has one, as Crossref asks
    (standards XREF-3); the landing page otherwise."""
    return doi_url(item["DOI"]) if item.get("DOI") else item.get("URL", "")


def keywords(item):
    return [word.strip() for word in item.get("keyword", "").split(",") if word.strip()]


class RisWriter(rispy.RisWriter):
    """rispy's writer without the "1." counter line before each record."""

    def set_header(self, count):
        return None


def to_ris(item):
    """One RIS record. Zotero reads T2 as the journal's full title, J2 as its abbreviation."""
    first, last = first_and_last_page(item)
    date = issued(item)
    fields = {
        "type_of_reference": "JOUR",
        "authors": names(item),
        "title": item.get("title", ""),
        "secondary_title": item.get("container-title", ""),
        "alternate_title1": item.get("container-title-short", ""),
        "year": str(date.year) if date else "",
        # DA as the RIS specification writes a date: YYYY/MM/DD/, unknown parts empty.
        "date": date.ris() if date and date.month else "",
        "volume": item.get("volume", ""),
        "number": item.get("issue", ""),
        "start_page": first,
        "end_page": last,
        "issn": item.get("ISSN", ""),
        "publisher": item.get("publisher", ""),
        "doi": item.get("DOI", ""),
        "urls": [link(item)] if link(item) else [],
        "language": item.get("language", ""),
        "abstract": item.get("abstract", ""),
        "keywords": keywords(item),
        "call_number": item.get("call-number", ""),  # CN: the CLC number (中图分类号)
    }
    record = {key: value for key, value in fields.items() if value}
    return rispy.dumps([record], implementation=RisWriter)


_LATEX_SPECIALS = {ord(char): "\\" + char for char in "&%#_{}$"} | {
    ord("\\"): r"\textbackslash{}",
    ord("~"): r"\textasciitilde{}",
    ord("^"): r"\textasciicircum{}",
}
# Only LaTeX's special characters are escaped; Chinese and typography stay UTF-8.
_latex = latexencode.UnicodeToLatexEncoder(
    conversion_rules=[
        latexencode.UnicodeToLatexConversionRule(latexencode.RULE_DICT, _LATEX_SPECIALS)
    ],
    unknown_char_policy="keep",
    unknown_char_warning=False,
    replacement_latex_protection="none",
)


def bibtex_key(item):
    return item.get("id", "article").replace(" ", "-")


def to_bibtex(item):
    """One ``@article`` entry; the DOI and URL are verbatim fields and stay unescaped."""
    date = issued(item)
    first, last = first_and_last_page(item)
    text_fields = {
        "author": " and ".join(names(item)),
        "title": item.get("title", ""),
        "journal": item.get("container-title", ""),
        "shortjournal": item.get("container-title-short", ""),
        # BibTeX's year and month; biblatex's date carries the day too (2019-05-03).
        "year": str(date.year) if date else "",
        "month": str(date.month) if date and date.month else "",
        "date": date.isoformat() if date and date.month else "",
        "volume": item.get("volume", ""),
        "number": item.get("issue", ""),
        "pages": f"{first}--{last}" if last else first,
        "eid": item.get("number", ""),  # biblatex's field for an article number
        "issn": item.get("ISSN", ""),
        "publisher": item.get("publisher", ""),
        "language": item.get("language", ""),
        "abstract": item.get("abstract", ""),
        "keywords": ", ".join(keywords(item)),
    }
    fields = [
        model.Field(key, _latex.unicode_to_latex(value))
        for key, value in text_fields.items()
        if value
    ]
    fields += [
        model.Field(key, value)
        for key, value in (("doi", item.get("DOI")), ("url", link(item)))
        if value
    ]
    library = bibtexparser.Library([model.Entry("article", bibtex_key(item), fields)])
    return bibtexparser.write_string(library)


def to_endnote(item):
    """EndNote's tagged import format (.enw, "refer"): one ``%X value`` line per field."""
    first, last = first_and_last_page(item)
    date = issued(item)
    lines = [("%0", "Journal Article")]
    lines += [("%A", name) for name in names(item)]
    lines += [
        ("%T", item.get("title", "")),
        ("%J", item.get("container-title", "")),
        # EndNote's Date (month and day) before the Year: Zotero's Refer import keeps the
        # first and drops a later one that it contains (2019 in 2019/05).
        ("%8", date.slashed() if date and date.month else ""),
        ("%D", str(date.year) if date else ""),
        ("%V", item.get("volume", "")),
        ("%N", item.get("issue", "")),
        ("%P", f"{first}-{last}" if last else first),
        ("%@", item.get("ISSN", "")),
        ("%I", item.get("publisher", "")),
        ("%R", item.get("DOI", "")),
        ("%U", link(item)),
        ("%G", item.get("language", "")),
        ("%X", item.get("abstract", "")),
        ("%L", item.get("call-number", "")),  # call number: the CLC number (中图分类号)
    ]
    lines += [("%K", word) for word in keywords(item)]
    return "".join(f"{tag} {' '.join(value.split())}\n" for tag, value in lines if value)


FORMATS = {
    "ris": Format("ris", "application/x-research-info-systems", to_ris),
    "bib": Format("bib", "application/x-bibtex", to_bibtex),
    "enw": Format("enw", "application/x-endnote-refer", to_endnote),
}
