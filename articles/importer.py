"""Import articles from CSL-JSON, as Zotero and Crossref export it.

CSL-JSON has no place for a translation, a reference list, a section or a
publication status; this project reads them from the item's ``custom`` object
(the one ``articles.citation.csl_export`` writes). The README documents it.

Everything is validated before anything is written, and all items are written in
one transaction: a file imports completely or not at all.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from django.utils.translation import gettext as _

from articles.keywords import set_keywords
from articles.models import Affiliation, Article, Author, Funding, Galley, Reference, Status
from articles.publishing import save_article
from articles.signals import announced_together, article_saved
from journal.images import IMAGE_DIRECTORY, apply_issue_cover, prepare_issue_cover
from journal.models import Issue, Journal, Section
from scholarly.classification import (
    DocumentCode,
    normalize_caj_article_id,
    normalize_clc_codes,
    validate_caj_article_id,
    validate_clc_codes,
)
from scholarly.dates import PartialDate
from scholarly.identifiers import (
    normalize_doi,
    normalize_funder_id,
    normalize_issn,
    validate_doi,
    validate_funder_id,
    validate_issn,
    validate_orcid,
)
from scholarly.languages import Language, is_cjk, other_language, script_language
from scholarly.licences import LICENCES, LicenceChoice, licence_from_name, licence_from_url
from scholarly.numbering import is_elocator, is_page, printed, split_pages
from scholarly.richtext import clean_html

# The model's lengths: a longer value is an error naming the field, not a database error.
VOLUME_LENGTH = 9  # digits: any volume, and within every database's integer column
ISSUE_NUMBER_LENGTH = Issue._meta.get_field("number").max_length
PAGE_LENGTH = Article._meta.get_field("first_page").max_length
ARTICLE_NUMBER_LENGTH = Article._meta.get_field("article_number").max_length
ABBREVIATION_LENGTH = Journal._meta.get_field("abbreviation").max_length
SLUG_LENGTH = Journal._meta.get_field("slug").max_length

# "ISSN" as Zotero writes several in one field: "0028-0836, 1476-4687" (or ";", or spaces).
ISSN_SEPARATORS_RE = re.compile(r"[,;\s]+")
# Crossref's "issn-type" names each ISSN's medium.
ISSN_MEDIA = {"print": "issn_print", "electronic": "issn_online"}
# Language names and codes sources write ("zh-CN", "chi", "Chinese", "中文", "en-GB", "eng").
CHINESE = ("zh", "chi", "zho", "cmn", "chinese", "中文", "汉语", "漢語")
ENGLISH = ("en", "eng", "english", "英文", "英语")
# Crossref's abstracts are JATS: <jats:p>, <jats:italic>, and a <jats:title> ("Abstract").
JATS_TITLE_RE = re.compile(r"<jats:title>.*?</jats:title>", re.DOTALL)
JATS_TAGS = {"p": "p", "italic": "i", "bold": "b", "sup": "sup", "sub": "sub"}
JATS_TAG_RE = re.compile(r"<(/?)jats:([a-z-]+)[^>]*>")


class ImportFailed(Exception):
    """The file cannot be imported; ``errors`` names each item and field."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportResult:
    article: Article
    created: bool
    notes: list = field(default_factory=list)  # what the import filled in, for the preview
    unchanged: bool = False  # imported before from the same record: nothing written


def item_name(position, label):
    """How messages name an item: its position in the file and its id or DOI."""
    if label:
        return _("item %(position)s (%(label)s)") % {"position": position, "label": label}
    return _("item %(position)s") % {"position": position}


def field_error(name, field, message):
    """One line of an ImportFailed: the item, the field (as the file spells it), the problem."""
    return _("%(item)s, field “%(field)s”: %(message)s") % {
        "item": name,
        "field": field,
        "message": message,
    }


def language_of(value):
    """The site language a source's ``language`` names, or None: "zh-CN", "Chinese",
    "中文" and "chi" are Chinese; "en-GB", "English" and "eng" English."""
    value = (value or "").strip().lower()
    primary = re.split(r"[-_\s]", value, maxsplit=1)[0]
    if value in CHINESE or primary in CHINESE:
        return Language.ZH_HANS
    if value in ENGLISH or primary in ENGLISH:
        return Language.EN
    return None


def jats_to_html(value):
    """Crossref's JATS abstract as our HTML: paragraphs and emphasis kept, its "Abstract"
    heading dropped (the page has its own)."""
    value = JATS_TITLE_RE.sub("", value)
    return JATS_TAG_RE.sub(
        lambda m: f"<{m.group(1)}{JATS_TAGS[m.group(2)]}>" if m.group(2) in JATS_TAGS else "",
        value,
    )


def suffix(language):
    return "zh" if language == Language.ZH_HANS else "en"


def parse_day(value):
    """A day: a CSL date of year, month and day, or an ISO string (2019-05-03); None when
    empty. ValueError for anything else, a year or month alone included: these dates
    (received, accepted…) are days, and no day is made up."""
    date = PartialDate.from_csl(value.strip()[:10] if isinstance(value, str) else value)
    if date is not None and not date.day:
        raise ValueError(value)
    return date.first_day() if date else None


def not_one_of(value, choices):
    return _("“%(value)s” is not one of %(choices)s") % {
        "value": value,
        "choices": ", ".join(choices),
    }


def pages_as_printed(page, article_number=""):
    """(first page, last page, article number) of a page range as a source prints it:
    5-23, iii-xii, S12-S19; an eLocator (e1021) where there is no article number is the
    article number. ValueError, with the message for the editor, for anything else."""
    page = printed(page)
    if page and page == article_number:
        page = ""  # our own export: the article number where there are no pages
    elif is_elocator(page) and not article_number:
        article_number, page = page, ""
    first, last = split_pages(page)
    if page and not (is_page(first) and (not last or is_page(last))):
        raise ValueError(
            _("“%(value)s” is not pages as printed, like 5-23, iii-xii, S12-S19 or e1021")
            % {"value": page}
        )
    return first, last, article_number


class ItemReader:
    """Reads and validates one CSL-JSON item; collects errors instead of stopping."""

    def __init__(self, item, position):
        self.item = item if isinstance(item, dict) else {}
        self.label = str(self.item.get("id") or self.item.get("DOI") or "")
        self.name = item_name(position, self.label)
        self.errors = []
        if not isinstance(item, dict):
            self.fail("(item)", _("is not a JSON object"))
        self.custom = self.mapping(self.item.get("custom"), "custom")

    def fail(self, field, message):
        self.errors.append(field_error(self.name, field, message))

    # A part of the wrong JSON type is an error, not a crash (the admin would answer 500).
    def mapping(self, value, field):
        """``value`` if it is a JSON object; {} if absent; else {} and an error."""
        if isinstance(value, dict) or value in (None, ""):
            return value or {}
        self.fail(field, _("is not a JSON object"))
        return {}

    def array(self, value, field):
        """``value`` if it is a JSON array; [] if absent; else [] and an error."""
        if isinstance(value, list) or value in (None, ""):
            return value or []
        self.fail(field, _("is not a JSON array"))
        return []

    @staticmethod
    def strings(mapping):
        """A JSON object's values as text: slugs and titles to look up, never a dict or list."""
        return {key: "" if value is None else str(value).strip() for key, value in mapping.items()}

    def keywords(self, value, field):
        """Keywords as one string or a list of strings."""
        if isinstance(value, str) or value is None:
            return value or ""
        if isinstance(value, list) and all(isinstance(keyword, str) for keyword in value):
            return value
        self.fail(field, _("is not a string or a list of strings"))
        return ""

    def text(self, key, default=""):
        value = self.item.get(key, default)
        if isinstance(value, list):
            value = value[0] if value else ""
        return str(value).strip() if value is not None else ""

    def read(self):
        custom = self.custom
        data = {"title": self.text("title"), "label": self.label}
        if not data["title"]:
            self.fail("title", _("is missing"))
        data["notes"] = []  # what this import fills in that the file does not say
        data["language"] = self.read_language(data["title"], data["notes"])

        data["doi"] = normalize_doi(self.text("DOI"))
        if data["doi"]:
            try:
                validate_doi(data["doi"])
            except ValidationError:
                self.fail(
                    "DOI", _("“%(value)s” is not a DOI (10.NNNN/…)") % {"value": self.text("DOI")}
                )

        journal_custom = self.strings(self.mapping(custom.get("journal"), "custom.journal"))
        data.update(self.read_issns(journal_custom))
        data["journal"] = journal_custom
        data["container_title"] = self.text("container-title")
        # Zotero's older exports say "journalAbbreviation"; Crossref often repeats the
        # full title there, which is no abbreviation.
        abbreviation = self.text("container-title-short") or self.text("journalAbbreviation")
        if abbreviation == data["container_title"]:
            abbreviation = ""
        data["abbreviation"] = self.limited(
            "container-title-short", abbreviation, ABBREVIATION_LENGTH
        )
        data["publisher"] = str(journal_custom.get("publisher") or self.text("publisher"))
        if not data["container_title"] and not data["issns"] and not journal_custom.get("slug"):
            self.fail("container-title", _("is missing (or give an ISSN)"))

        data["issued"] = self.publication_date()
        self.read_numbering(data)

        status = str(custom.get("status") or Status.DRAFT)
        if status == "scheduled":  # exports from before #14: a published article, time to come
            status = Status.PUBLISHED
        if status not in Status.values:
            self.fail("custom.status", not_one_of(status, Status.values))
        data["status"] = status
        published_at = custom.get("published_at")
        if published_at:
            data["published_at"] = parse_datetime(str(published_at))
            if data["published_at"] is None:
                self.fail("custom.published_at", _("is not an ISO date-time"))
            elif timezone.is_naive(data["published_at"]):
                data["published_at"] = timezone.make_aware(data["published_at"])
        elif data["issued"]:
            # The moment it goes public here (not a printed date): the start of what is known.
            data["published_at"] = timezone.make_aware(
                datetime.combine(data["issued"].first_day(), time())
            )
        else:
            data["published_at"] = None
        if status != Status.DRAFT and not data["published_at"]:
            self.fail("issued", _("a published or scheduled article needs a date"))

        for key in ("received", "revised", "accepted", "online_first"):
            try:
                data[key] = parse_day(custom.get(key))
            except (ValueError, TypeError):
                self.fail(f"custom.{key}", _("is not a date"))
                data[key] = None
        if not data["online_first"]:
            data["online_first"] = self.online_first_day()

        data["licence"] = self.read_licence()

        abstract = str(custom.get("abstract_html") or jats_to_html(self.text("abstract")))
        data["abstract"] = clean_html(abstract)
        data["keywords"] = self.keywords(custom.get("keywords"), "custom.keywords") or self.text(
            "keyword"
        )
        translation = self.mapping(custom.get("translation"), "custom.translation")
        data["translation"] = {
            "title": str(translation.get("title") or "").strip(),
            "abstract": clean_html(
                str(translation.get("abstract_html") or translation.get("abstract") or "")
            ),
            "keywords": self.keywords(translation.get("keywords"), "custom.translation.keywords"),
        }
        data["section"] = self.strings(self.mapping(custom.get("section"), "custom.section"))
        data["authors"] = self.read_authors()
        data["references"] = self.read_references()
        data["funding"] = self.read_funding()
        self.read_classification(data)
        return data

    def publication_date(self):
        """The publication date at the precision the item gives (a year, a month or a day):
        ``issued``, else Crossref's ``published-print``, else ``published-online``."""
        for key in ("issued", "published-print", "published-online"):
            if self.item.get(key) in (None, "", {}):
                continue
            try:
                return PartialDate.from_csl(self.item[key])
            except (ValueError, TypeError, AttributeError):
                self.fail(key, _("is not a date (a year, a year and month, or a day)"))
                return None
        return None

    def online_first_day(self):
        """The online-first day: CSL's ``available-date``, else Crossref's
        ``published-online``, when the item gives a day (a month alone is not one)."""
        for key in ("available-date", "published-online"):
            try:
                date = PartialDate.from_csl(self.item.get(key))
            except (ValueError, TypeError, AttributeError):
                continue  # not needed to import; the publication date is checked above
            if date and date.day:
                return date.first_day()
        return None

    def read_classification(self, data):
        """中图分类号, 文献标志码 and 文章编号 from ``custom``; the CLC number also from CSL's
        ``call-number`` (Zotero's CNKI translator puts it there) when it is one: another
        library's call number is not an error, only not ours to keep."""
        clc = str(self.custom.get("clc_codes") or "").strip()
        data["clc_codes"] = ""
        if clc:
            try:
                validate_clc_codes(clc)
                data["clc_codes"] = normalize_clc_codes(clc)
            except ValidationError as error:
                self.fail("custom.clc_codes", " ".join(error.messages))
        elif call_number := self.text("call-number"):
            try:
                validate_clc_codes(call_number)
                data["clc_codes"] = normalize_clc_codes(call_number)
            except ValidationError:
                pass
        code = str(self.custom.get("document_code") or "").strip().upper()
        if code and code not in DocumentCode.values:
            self.fail("custom.document_code", not_one_of(code, DocumentCode.values))
            code = ""
        data["document_code"] = code
        caj = str(self.custom.get("caj_article_id") or "").strip()
        try:
            validate_caj_article_id(caj)
            data["caj_article_id"] = normalize_caj_article_id(caj)
        except ValidationError as error:
            self.fail("custom.caj_article_id", " ".join(error.messages))
            data["caj_article_id"] = ""

    def read_funding(self):
        """Funders from ``custom.funding`` (both names), else from Crossref's ``funder``:
        [{"name", "DOI", "award": [...]}], a ROR ID in its ``id`` list."""
        rows = []
        own = self.custom.get("funding") not in (None, "", [])
        field = "custom.funding" if own else "funder"
        entries = self.array(self.custom.get("funding") if own else self.item.get("funder"), field)
        for index, entry in enumerate(entries):
            where = f"{field}[{index}]"
            if not isinstance(entry, dict):
                self.fail(where, _("is not a JSON object"))
                continue
            if own:
                names = {
                    "funder_zh": str(entry.get("funder_zh") or "").strip(),
                    "funder_en": str(entry.get("funder_en") or "").strip(),
                }
                funder_id = str(entry.get("funder_id") or "").strip()
            else:
                name = str(entry.get("name") or "").strip()
                names = {"funder_zh" if is_cjk(name) else "funder_en": name}
                funder_id = str(entry.get("DOI") or "").strip() or self.ror_of(entry, where)
            if not any(names.values()):
                self.fail(where, _("names no funder"))
                continue
            try:
                validate_funder_id(funder_id)
            except ValidationError as error:
                self.fail(f"{where}.{'funder_id' if own else 'DOI'}", " ".join(error.messages))
                continue
            awards = entry.get("award") or []
            awards = [awards] if isinstance(awards, str) else self.array(awards, f"{where}.award")
            rows.append(
                {
                    **names,
                    "award_numbers": "; ".join(str(award).strip() for award in awards if award),
                    "funder_id": normalize_funder_id(funder_id),
                }
            )
        return rows

    def ror_of(self, entry, where):
        """The ROR ID of a Crossref funder: {"id": [{"id": "https://ror.org/…",
        "id-type": "ROR"}]}."""
        for identifier in self.array(entry.get("id"), f"{where}.id"):
            if isinstance(identifier, dict) and identifier.get("id-type") == "ROR":
                return str(identifier.get("id") or "").strip()
        return ""

    def read_language(self, title, notes):
        """The article's language: the one ``language`` names, else the title's script
        (Crossref leaves ``language`` out of many records; Zotero often has it empty)."""
        given = self.text("language")
        if language := language_of(given):
            return language
        language = script_language(title)
        name = Language(language).label
        if given:
            message = _(
                "language “%(value)s” is neither Chinese nor English:"
                " %(language)s, as the title is written"
            )
            notes.append(message % {"value": given, "language": name})
        else:
            notes.append(
                _("no language given: %(language)s, as the title is written") % {"language": name}
            )
        return language

    def read_issns(self, journal_custom):
        """Every ISSN the item gives, and which is print and which online where it says.

        ``ISSN`` is a string (Zotero: one, or several separated by commas) or a list
        (Crossref); Crossref's ``issn-type`` tells print from electronic. Untyped, the
        first is taken as the online ISSN and a second as the print one.
        """
        raw = self.item.get("ISSN") or []
        if isinstance(raw, str):
            values = ISSN_SEPARATORS_RE.split(raw)
        else:
            values = list(raw) if isinstance(raw, list) else [raw]
        typed = {}
        for entry in self.array(self.item.get("issn-type"), "issn-type"):
            if isinstance(entry, dict) and entry.get("type") in ISSN_MEDIA and entry.get("value"):
                typed[ISSN_MEDIA[entry["type"]]] = str(entry["value"])
                values.append(entry["value"])
        for key in ("issn_online", "issn_print"):
            if journal_custom.get(key):
                typed[key] = journal_custom[key]
                values.append(journal_custom[key])
        issns = []
        for value in values:
            value = str(value).strip()
            if not value:
                continue
            try:
                validate_issn(value)
            except ValidationError:
                self.fail("ISSN", _("“%(value)s” is not a valid ISSN") % {"value": value})
                continue
            if normalize_issn(value) not in issns:
                issns.append(normalize_issn(value))
        typed = {key: normalize_issn(value) for key, value in typed.items()}
        untyped = [issn for issn in issns if issn not in typed.values()]
        for key in ("issn_online", "issn_print"):
            if key not in typed and untyped:
                typed[key] = untyped.pop(0)
        return {
            "issns": issns,
            "issn_online": typed.get("issn_online", ""),
            "issn_print": typed.get("issn_print", ""),
        }

    def read_licence(self):
        """Our licence choice: ``custom.licence`` (this site's export), else ``license`` as
        Crossref gives it (a list of {URL, start, content-version}) or as Zotero does (its
        Rights field: a URL or a name like "CC BY 4.0"), else CC BY 4.0.

        Of Crossref's list, the published version's licence counts (content-version "vor"
        or unspecified; "am" and "tdm" govern other copies) where the list has one.
        """
        if licence := self.custom.get("licence"):
            if licence not in LicenceChoice.values:
                self.fail("custom.licence", not_one_of(licence, LicenceChoice.values))
            return licence
        given = self.item.get("license")
        if not given:
            return LicenceChoice.CC_BY_4
        if isinstance(given, str):
            if choice := licence_from_url(given) or licence_from_name(given):
                return choice
            urls = [given]
        else:
            given = [given] if isinstance(given, dict) else given  # one licence, unlisted
            entries = [entry for entry in self.array(given, "license") if isinstance(entry, dict)]
            published = [
                entry
                for entry in entries
                if entry.get("content-version", "unspecified") in ("vor", "unspecified")
            ]
            urls = [str(entry.get("URL") or "") for entry in published or entries]
            for url in urls:
                if choice := licence_from_url(url):
                    return choice
        message = _(
            "“%(value)s” is not a licence this site publishes under (%(choices)s);"
            " leave the field out for CC BY 4.0"
        )
        self.fail(
            "license",
            message
            % {
                "value": ", ".join(url for url in urls if url) or given,
                "choices": ", ".join(licence.short_name for licence in LICENCES.values()),
            },
        )
        return LicenceChoice.CC_BY_4

    def limited(self, key, value, limit):
        """``value``, or "" and an error naming ``key`` when it is longer than ``limit``."""
        if len(value) > limit:
            message = _("“%(value)s” is longer than %(limit)d characters")
            self.fail(key, message % {"value": value, "limit": limit})
            return ""
        return value

    def printed_text(self, key, value, limit):
        """``value`` as printed (``numbering.printed``), or "" and an error past ``limit``."""
        return self.limited(key, printed(value), limit)

    def read_numbering(self, data):
        """Volume (optional, a whole number), issue as printed ("5", "1-2", "S1"), pages as
        printed ("5-23", "iii-xii", "S12-S19") and the article number: ``number`` or
        ``article-number`` (Crossref), else a ``page`` that is an eLocator (e1021), as
        Zotero exports one."""
        volume = self.printed_text("volume", self.text("volume"), VOLUME_LENGTH)
        if volume and not volume.isdigit():
            self.fail("volume", _("“%(value)s” is not a whole number") % {"value": volume})
        data["volume"] = int(volume) if volume.isdigit() else None
        data["issue"] = self.printed_text("issue", self.text("issue"), ISSUE_NUMBER_LENGTH)
        year = self.mapping(self.custom.get("issue"), "custom.issue").get("year")
        if year is not None and not re.fullmatch(r"[0-9]{1,4}", str(year)):
            self.fail("custom.issue.year", _("is not a year"))
            year = None
        data["issue_year"] = int(year) if year is not None else None
        number = self.text("number") or self.text("article-number")
        data["article_number"] = self.printed_text("number", number, ARTICLE_NUMBER_LENGTH)
        try:
            first, last, data["article_number"] = pages_as_printed(
                self.text("page"), data["article_number"]
            )
        except ValueError as error:
            self.fail("page", str(error))
            first = last = ""
        data["first_page"] = self.printed_text("page", first, PAGE_LENGTH)
        data["last_page"] = self.printed_text("page", last, PAGE_LENGTH)
        order = self.custom.get("order", 0)
        if not isinstance(order, int) or isinstance(order, bool) or order < 0:
            self.fail("custom.order", _("is not a whole number"))
            order = 0
        data["order"] = order

    def read_authors(self):
        names = self.array(self.item.get("author"), "author")
        extras = self.array(self.custom.get("authors"), "custom.authors")
        authors = []
        for index, name in enumerate(names):
            if not isinstance(name, dict):
                self.fail(f"author[{index}]", _("is not a JSON object"))
                continue
            extra = extras[index] if index < len(extras) else {}
            extra = self.mapping(extra, f"custom.authors[{index}]")
            family, given = self.name_parts(name)
            if not family:
                self.fail(f"author[{index}]", _("has no family name"))
                continue
            orcid = str(extra.get("orcid") or name.get("ORCID") or "").strip()
            try:
                validate_orcid(orcid)
            except ValidationError:
                self.fail(
                    f"custom.authors[{index}].orcid",
                    _("“%(value)s” is not a valid ORCID iD") % {"value": orcid},
                )
            romanised = self.mapping(extra.get("romanised"), f"custom.authors[{index}].romanised")
            affiliations = self.array(
                extra.get("affiliations"), f"custom.authors[{index}].affiliations"
            ) or self.array(name.get("affiliation"), f"author[{index}].affiliation")
            authors.append(
                {
                    "family_name": family,
                    "given_name": given,
                    "family_name_en": str(romanised.get("family") or "").strip(),
                    "given_name_en": str(romanised.get("given") or "").strip(),
                    "orcid": orcid,
                    "email": str(extra.get("email") or "").strip(),
                    "is_corresponding": bool(extra.get("corresponding")),
                    "address": str(extra.get("address") or "").strip(),
                    "biography_zh": clean_html(str(extra.get("biography_zh") or "")),
                    "biography_en": clean_html(str(extra.get("biography_en") or "")),
                    "affiliations": [
                        {
                            "name": str(aff.get("name") or ""),
                            "name_en": str(aff.get("name_en") or ""),
                        }
                        if isinstance(aff, dict)
                        else {"name": str(aff)}
                        for aff in affiliations
                    ],
                }
            )
        return authors

    @staticmethod
    def name_parts(name):
        """(family, given) of a CSL name. An organisation is "literal" in CSL and "name" in
        Crossref's records; a name of one part, which Crossref gives as "given" alone
        (Madhuri), is kept whole as the family name, as a name of one part is cited."""
        family = str(name.get("family") or name.get("literal") or name.get("name") or "").strip()
        given = str(name.get("given") or "").strip()
        return (family, given) if family else (given, "")

    def read_references(self):
        references = []
        for index, entry in enumerate(
            self.array(self.custom.get("references"), "custom.references")
        ):
            entry = {"text": entry} if isinstance(entry, str) else entry
            text = str(entry.get("text") or "").strip() if isinstance(entry, dict) else ""
            if not text:
                self.fail(f"custom.references[{index}]", _("has no text"))
                continue
            references.append(
                {
                    "raw_text": text,
                    "doi": str(entry.get("doi") or "").strip(),
                    "url": str(entry.get("url") or "").strip(),
                }
            )
        return references


def load_items(raw):
    """Parse the file's text: a JSON array of items (or one item)."""
    try:
        items = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ImportFailed(
            [_("The file is not valid JSON: %(error)s") % {"error": error}]
        ) from error
    except RecursionError as error:
        raise ImportFailed([_("The file's JSON is nested too deeply.")]) from error
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list) or not items:
        raise ImportFailed([_("The file must hold a JSON array of CSL-JSON items.")])
    if _has_nul(items):
        # PostgreSQL text cannot hold U+0000 (SQLite stored it silently).
        raise ImportFailed(
            [_("The file contains a NUL character (\\u0000), which text cannot hold.")]
        )
    return items


def _has_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def read_items(items):
    """Validate every item; raise ImportFailed listing every problem found."""
    readers = [ItemReader(item, position) for position, item in enumerate(items, start=1)]
    parsed = [reader.read() if not reader.errors else None for reader in readers]
    errors = [error for reader in readers for error in reader.errors]
    if errors:
        raise ImportFailed(errors)
    return parsed


def import_items(items, *, journals=None):
    """Import CSL-JSON items (as ``load_items`` returns them); an ImportResult per item.

    ``journals`` as for ``import_articles``.
    """
    return import_articles(read_items(items), journals=journals)


def import_articles(parsed, *, journals=None, stored_files=None):
    """Write articles read from a file, all or none; returns an ImportResult per item.

    Every importer ends here (CSL-JSON now, other formats later): its reader turns
    each item into the dict ``ItemReader.read`` returns, and this checks them all
    (``check_item``) before it writes anything. ``journals`` is the set of ids of
    the journals the import may write to: an editor's journals, or the one of
    ``import_articles --journal``; None means every journal, and then (only then)
    an item may create a journal. Each article written is announced
    (``articles.signals.article_saved``): search and citations follow. The names of
    the galley files it stores are added to ``stored_files``: a caller that rolls the
    transaction back deletes them.
    """
    errors = [
        error
        for position, data in enumerate(parsed, start=1)
        for error in check_item(data, item_name(position, data["label"]), journals)
    ]
    if errors:
        raise ImportFailed(errors)
    with transaction.atomic(), announced_together():
        results = []
        for position, data in enumerate(parsed, start=1):
            try:
                results.append(write_article(data, journals, stored_files))
            except ValidationError as error:
                name = item_name(position, data["label"])
                raise ImportFailed(
                    [
                        field_error(name, field, " ".join(messages))
                        for field, messages in error.message_dict.items()
                    ]
                ) from error
        return results


def check_item(data, name, journals):
    """What would make this item write where it may not, or store what the admin refuses.

    The one scope check of every import: the journal the item names must be one
    of ``journals`` (or, with None, may be new), and a DOI shared with an article
    of any other journal is refused, never matched (it would move that article).
    Field names in the messages are CSL-JSON's.
    """
    errors = []
    for index, info in enumerate(data["funding"]):
        try:
            Funding(**info).full_clean(exclude=["article"])
        except ValidationError as error:
            errors += [
                field_error(name, f"funder[{index}].{field}", " ".join(messages))
                for field, messages in error.message_dict.items()
            ]
    for index, info in enumerate(data["references"]):
        try:
            Reference(**info).full_clean(exclude=["article"])
        except ValidationError as error:
            errors += [
                field_error(name, f"custom.references[{index}].{field}", " ".join(messages))
                for field, messages in error.message_dict.items()
            ]
    named, field, value = journals_named(data)
    if len(named) > 1:
        errors.append(
            field_error(
                name,
                field,
                _("“%(value)s” names several journals: %(journals)s")
                % {"value": value, "journals": journal_list(named)},
            )
        )
    if journals is None:
        if not named and not data["publisher"] and not Journal.objects.site_publisher():
            message = _(
                "is missing, and this site names no publisher to use instead"
                " (set SITE_NAME, or add the journal first)"
            )
            errors.append(field_error(name, "publisher", message))
        return errors
    if not named:
        errors.append(
            field_error(
                name,
                field,
                _(
                    "“%(value)s” names no journal on this site, and this import may not create"
                    " one (an editor’s import never does): an administrator must add the"
                    " journal first."
                )
                % {"value": value},
            )
        )
    elif outside := [journal for journal in named if journal.pk not in journals]:
        errors.append(
            field_error(
                name,
                field,
                _(
                    "names the journal “%(journal)s”, which this import may not write to;"
                    " it may write to: %(allowed)s."
                )
                % {
                    "journal": outside[0],
                    "allowed": journal_list(Journal.objects.filter(pk__in=journals)),
                },
            )
        )
    if data["doi"]:
        elsewhere = (
            Article.objects.filter(doi=data["doi"])
            .exclude(journal__in=journals)
            .select_related("journal")
            .first()
        )
        if elsewhere:
            errors.append(
                field_error(
                    name,
                    "DOI",
                    _(
                        "%(doi)s is the DOI of “%(title)s” in the journal “%(journal)s”,"
                        " which this import may not change."
                    )
                    % {"doi": data["doi"], "title": elsewhere, "journal": elsewhere.journal},
                )
            )
    return errors


def journal_list(journals):
    return ", ".join(str(journal) for journal in journals)


def journals_named(data):
    """The existing journals an item names, and the field and value that name them.

    The first of ISSN, custom.journal.slug and container-title that names any
    journal decides; when none does, the list is empty and the field is the first
    one the item gives.
    """
    issns, slug, title = data["issns"], data["journal"].get("slug"), data["container_title"]
    if issns:
        named = Journal.objects.filter(Q(issn_online__in=issns) | Q(issn_print__in=issns))
        if named := list(named.order_by("pk")):
            return named, "ISSN", ", ".join(issns)
    if slug and (named := list(Journal.objects.filter(slug=slug))):
        return named, "custom.journal.slug", slug
    if title:
        named = list(Journal.objects.filter(title_zh=title).order_by("pk")) or list(
            Journal.objects.filter(title_en=title).order_by("pk")
        )
        if named:
            return named, "container-title", title
    if issns:
        return [], "ISSN", ", ".join(issns)
    if slug:
        return [], "custom.journal.slug", slug
    return [], "container-title", title


def find_journal(data):
    """The journal the item names (``check_item`` has made sure there is one), or a new one.

    A new journal takes the item's ``container-title-short`` as its abbreviation, and
    the site's publisher when the item names none; an existing journal takes the
    abbreviation only when it has none. ``data["notes"]`` says what was filled in.
    """
    named, _field, _value = journals_named(data)
    if named:
        journal = named[0]
        if data["abbreviation"] and not journal.abbreviation:
            journal.abbreviation = data["abbreviation"]
            journal.save(update_fields=["abbreviation"])
            data["notes"].append(abbreviation_note(journal))
        return journal
    slug, title = data["journal"].get("slug"), data["container_title"]
    language = Language.ZH_HANS if is_cjk(title) else Language.EN
    journal = Journal(
        slug=slug or new_journal_slug(data),
        title_zh=data["journal"].get("title_zh") or (title if language == Language.ZH_HANS else ""),
        title_en=data["journal"].get("title_en") or (title if language == Language.EN else ""),
        language=language,
        abbreviation=data["abbreviation"],
        publisher=data["publisher"] or Journal.objects.site_publisher(),
        issn_online=data["issn_online"],
        issn_print=data["issn_print"],
    )
    journal.full_clean(validate_unique=False)
    journal.save()
    if not data["publisher"]:
        data["notes"].append(
            _("new journal “%(journal)s”: no publisher given, the site’s publisher “%(publisher)s”")
            % {"journal": journal, "publisher": journal.publisher}
        )
    if journal.abbreviation:
        data["notes"].append(abbreviation_note(journal))
    return journal


def new_journal_slug(data):
    """A free slug for a journal the import creates: from its English title, else (a
    Chinese title gives no ASCII slug) its ISSN, then -2, -3… while one is taken."""
    title = data["journal"].get("title_en") or data["container_title"]
    base = slugify(title) or (f"issn-{data['issns'][0]}".lower() if data["issns"] else "journal")
    base = base[: SLUG_LENGTH - 4].strip("-")  # room for "-999"
    slug, number = base, 1
    while Journal.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def abbreviation_note(journal):
    return _("journal abbreviation “%(abbreviation)s” (from container-title-short)") % {
        "abbreviation": journal.abbreviation
    }


def find_issue(journal, data):
    """The issue the item names: by volume and number, or for a journal without volumes
    by year and number (its numbers start again each year); made when missing."""
    if data["volume"] is None and not data["issue"]:
        return None
    # An issue made here goes public with its first article: the start of its known date.
    issued = (
        (data["issued"] and data["issued"].first_day())
        or (data["published_at"] and data["published_at"].date())
        or timezone.localdate()
    )
    year = data["issue_year"] or issued.year
    place = {"volume": data["volume"], "number": data["issue"]}
    if data["volume"] is None:
        place["year"] = year
    defaults = {
        "year": year,
        "publication_date": issued,
        "issued": str(data["issued"] or ""),  # as printed: no day where none is known
        "is_published": data["status"] != Status.DRAFT,
    }
    # A source that describes its issues (OJS) says their titles, dates and state.
    defaults.update(data.get("issue_details") or {})
    issue, _created = Issue.objects.get_or_create(journal=journal, **place, defaults=defaults)
    return issue


def give_issue_cover(issue, cover, stored_files):
    """The source's cover for an issue that has none here yet (a cover chosen here is
    kept), with its alt texts; the image files it adds are named in ``stored_files``."""
    if issue is None or issue.cover:
        return
    prepared = prepare_issue_cover(cover["content"])
    added = [
        f"{IMAGE_DIRECTORY}/{rendition.name}"
        for rendition in prepared.all
        if not default_storage.exists(f"{IMAGE_DIRECTORY}/{rendition.name}")
    ]
    issue.cover_alt_zh, issue.cover_alt_en = cover["alt_zh"], cover["alt_en"]
    apply_issue_cover(issue, prepared, save=False)
    issue.save()
    if stored_files is not None:
        stored_files.extend(added)


def find_section(journal, data):
    info = data["section"]
    slug = info.get("slug") or slugify(info.get("title_en") or "") or "articles"
    section, _created = Section.objects.get_or_create(
        journal=journal,
        slug=slug,
        defaults={
            "title_zh": info.get("title_zh") or "论文",
            "title_en": info.get("title_en") or "Articles",
        },
    )
    return section


def find_article(data, journal, journals):
    """The article an item updates: the one with its DOI; else, for a source with ids
    of its own (OJS), the one imported from that id; else the journal's article with
    its title."""
    # check_item refused a DOI of another journal's article; never match one anyway.
    articles = (
        Article.objects.all() if journals is None else Article.objects.filter(journal__in=journals)
    )
    if data["doi"] and (found := articles.filter(doi=data["doi"]).first()):
        return found
    if data.get("ojs_submission_id") is not None:
        # Two OJS articles may share a title ("Editorial"): the id alone decides.
        return Article.objects.filter(
            journal=journal, ojs_submission_id=data["ojs_submission_id"]
        ).first()
    title_field = f"title_{suffix(data['language'])}"
    return Article.objects.filter(journal=journal, **{title_field: data["title"]}).first()


def write_article(data, journals, stored_files=None):
    journal = find_journal(data)
    language = data["language"]
    title_field = f"title_{suffix(language)}"
    existing = find_article(data, journal, journals)
    if existing and data.get("digest") and existing.import_digest == data["digest"]:
        return ImportResult(article=existing, created=False, notes=data["notes"], unchanged=True)
    article = existing or Article(journal=journal)
    translation = data["translation"]
    other = suffix(other_language(language))
    article.journal = journal
    article.issue = find_issue(journal, data)
    if data.get("issue_cover"):
        give_issue_cover(article.issue, data["issue_cover"], stored_files)
    article.section = find_section(journal, data)
    article.language = language
    setattr(article, title_field, data["title"])
    setattr(article, f"title_{other}", translation["title"])
    setattr(article, f"abstract_{suffix(language)}", data["abstract"])
    setattr(article, f"abstract_{other}", translation["abstract"])
    for key in (
        "doi",
        "first_page",
        "last_page",
        "article_number",
        "order",
        "status",
        "published_at",
        "received",
        "revised",
        "accepted",
        "online_first",
        "licence",
        "clc_codes",
        "document_code",
        "caj_article_id",
    ):
        setattr(article, key, data[key])
    for key in ("ojs_submission_id", "copyright_holder", "copyright_year"):
        if key in data:
            setattr(article, key, data[key])
    article.import_digest = data.get("digest", "")
    article.issued = str(data["issued"] or "")
    article.full_clean()
    save_article(article=article)  # an update to "draft" withdraws it (OAI deleted record)

    article.authors.all().delete()
    for order, info in enumerate(data["authors"]):
        affiliations = info.pop("affiliations")
        author = Author(article=article, order=order, **info)
        author.full_clean(exclude=["article"])
        author.save()
        author.affiliations.set(
            Affiliation.objects.get_or_create(
                name=aff["name"],
                defaults={
                    "name_en": aff.get("name_en", ""),
                    "country": aff.get("country", ""),
                    "ror": aff.get("ror", ""),
                },
            )[0]
            for aff in affiliations
            if aff.get("name")
        )
    article.funding.all().delete()
    for order, info in enumerate(data["funding"]):
        Funding.objects.create(article=article, order=order, **info)
    article.references.all().delete()
    for order, info in enumerate(data["references"]):
        Reference.objects.create(article=article, order=order, **info)
    set_keywords(article=article, language=language, keywords=data["keywords"])
    set_keywords(
        article=article, language=other_language(language), keywords=translation["keywords"]
    )
    if "galleys" in data:
        write_galleys(article, data["galleys"], stored_files)
    article_saved.send(sender=Article, article_ids={article.pk})
    return ImportResult(article=article, created=existing is None, notes=data["notes"])


def file_digest(handle):
    """The SHA-256 of an open binary file's content, read in blocks."""
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def write_galleys(article, galleys, stored_files):
    """Make the article's galleys the item's, in order: a galley whose PDF is already
    stored with the same content keeps its file; a new PDF is stored, and its name
    added to ``stored_files`` (None: not tracked)."""
    stored = {}
    for galley in article.galleys.all():
        try:
            with galley.file.open("rb") as handle:
                stored.setdefault(file_digest(handle), galley)
        except OSError:  # its file is missing from storage: replaced below
            pass
    keep = []
    for order, info in enumerate(galleys):
        galley = stored.pop(info["sha256"], None) or Galley(article=article)
        galley.label, galley.language, galley.order = info["label"], info["language"], order
        if galley.pk is None:
            with open(info["path"], "rb") as handle:
                galley.file.save("galley.pdf", File(handle), save=False)
            if stored_files is not None:
                stored_files.append(galley.file.name)
        galley.save()
        keep.append(galley.pk)
    article.galleys.exclude(pk__in=keep).delete()
