"""Import an OJS site's Native XML export: issues, sections, articles, authors, galleys.

OJS 3.2 to 3.5 export a journal's back issues with Tools → Import/Export → Native
XML. The file is read twice, streaming (``lxml.etree.iterparse``), so that a 2 GB
export with embedded PDFs imports in bounded memory:

1. validation against the schema of the OJS version that wrote it (the copies in
   ``articles/ojs_schemas/``), before anything else: a file that validates against
   none is refused with its first errors and their line numbers;
2. reading: every article becomes the dict each importer hands to
   ``articles.importer.import_articles`` (which checks the journal scope and writes
   all or nothing); PDFs, embedded in base64 or linked by ``href``, are written to a
   temporary directory as they stream and checked as uploads are.

A file that declares a DTD is refused before the parser sees it: OJS never writes one,
and so no entity (XXE, "billion laughs") is ever expanded.
"""

import base64
import hashlib
import ipaddress
import json
import re
import shutil
import socket
import tempfile
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from lxml import etree

from articles.importer import (
    ARTICLE_NUMBER_LENGTH,
    ISSUE_NUMBER_LENGTH,
    PAGE_LENGTH,
    ImportFailed,
    field_error,
    file_digest,
    import_articles,
    item_name,
    language_of,
    pages_as_printed,
)
from articles.models import Status, validate_pdf
from articles.references import parsed_reference_fields
from journal.images import prepare_issue_cover
from journal.models import Issue
from scholarly.identifiers import normalize_doi, validate_doi, validate_orcid
from scholarly.languages import Language, other_language, script_language
from scholarly.licences import licence_from_url
from scholarly.numbering import printed
from scholarly.richtext import clean_html

NS = "http://pkp.sfu.ca"
SCHEMA_DIR = Path(__file__).with_name("ojs_schemas")
# Tried in this order (3.2 first when the file has 3.2's <revision> elements).
SCHEMA_VERSIONS = ("3.4", "3.3", "3.5", "3.2")
ROOTS = ("issues", "issue", "articles", "article")
PROLOG_LIMIT = 1 << 20  # bytes of comments and declarations before the root element
MAX_ERRORS = 10
# OJS's publication statuses (PKPSubmission::STATUS_*): published, and scheduled.
PUBLISHED_STATUSES = {"3", "5"}
URL_TIMEOUT = 60
# What a Chinese title puts between title and subtitle (破折号), and an English one.
SUBTITLE_SEPARATORS = {Language.ZH_HANS: "——", Language.EN: ": "}


def tag(name):
    return f"{{{NS}}}{name}"


def localname(element):
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


@dataclass
class OjsImport:
    """What an import did (or, in a dry run, would do), for the preview and the command."""

    version: str = ""
    results: list = field(default_factory=list)
    issues_created: int = 0
    galleys: int = 0
    notes: list = field(default_factory=list)  # every problem that did not stop the import

    @property
    def created(self):
        return sum(1 for result in self.results if result.created)

    @property
    def updated(self):
        return sum(1 for result in self.results if not result.created and not result.unchanged)

    @property
    def unchanged(self):
        return sum(1 for result in self.results if result.unchanged)


class Progress:
    """Told how far the reading has got; the command shows it as a progress bar."""

    def stage(self, name, total):
        pass

    def advance(self, position, counts):
        pass


def check_prolog(path):
    """Refuse a file that declares a DTD (or is no XML) before any parser reads it."""
    with open(path, "rb") as handle:
        text = handle.read(PROLOG_LIMIT).decode("utf-8", errors="replace").lstrip("\ufeff")
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if text.startswith("<?", position):
            end, skip = text.find("?>", position), 2
        elif text.startswith("<!--", position):
            end, skip = text.find("-->", position), 3
        elif text.startswith("<!", position):
            raise ImportFailed(
                [
                    _(
                        "The file declares a DTD (<!DOCTYPE …>). OJS exports never do, and this"
                        " site does not read one: its entities could read files or expand"
                        " without end. Export the issues from OJS again."
                    )
                ]
            )
        elif re.match(r"<[A-Za-z_]", text[position : position + 2]):
            return
        elif position >= len(text):
            raise ImportFailed([_("The file is empty or is not XML.")])
        else:
            raise ImportFailed([_("The file is not XML: it does not begin with an element.")])
        if end < 0:
            raise ImportFailed([_("The file is not XML: its opening declarations never end.")])
        position = end + skip


def schema(version):
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / version / "native.xsd")))


def parse(handle, **options):
    """Streaming parse with what every pass needs: files of any size (a base64 PDF is
    one long text), no network, no DTD. ``check_prolog`` has refused any DTD."""
    return etree.iterparse(
        handle,
        huge_tree=True,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        **options,
    )


def free(element):
    """Drop an element already read, and its read siblings: memory stays bounded."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def version_order(path):
    with open(path, "rb") as handle:
        head = handle.read(4 << 20)
    if re.search(rb"<revision\b", head):
        return ("3.2",) + tuple(v for v in SCHEMA_VERSIONS if v != "3.2")
    return SCHEMA_VERSIONS


def validate(path, progress):
    """The OJS version whose schema the file validates against; ImportFailed with the
    first errors and their line numbers when it is not well-formed or not valid.

    Streaming: each <article> and each <issue> (its articles, validated first, taken
    out) is validated as it ends, so memory holds one of them at a time and every error
    keeps its line. The first one decides the version; the rest must follow it.
    """
    check_prolog(path)
    progress.stage(_("Validating"), path.stat().st_size)
    compiled, version, units = {}, None, 0
    order = version_order(path)
    try:
        with open(path, "rb") as handle:
            for event, element in parse(handle, events=("start", "end")):
                parent = element.getparent()
                if event == "start":
                    if parent is None:
                        check_root(element)
                    continue
                name = localname(element)
                parent_name = localname(parent) if parent is not None else ""
                if (name, parent_name) in VALIDATED_UNITS:
                    version = validate_unit(element, [version] if version else order, compiled)
                    units += 1
                    if parent is not None:
                        parent.remove(element)  # validated: its issue is checked without it
                progress.advance(handle.tell(), {})
    except etree.XMLSyntaxError as error:
        raise ImportFailed(
            [
                _("The file is not well-formed XML: line %(line)s: %(error)s")
                % {"line": error.lineno, "error": error.msg}
            ]
        ) from error
    if not units:
        raise ImportFailed([_("The export holds no issue and no article.")])
    return version


# (element, its parent) validated on their own: articles in <articles> (of an issue or
# of an article export, or the root), issues in <issues> or the root.
VALIDATED_UNITS = {("article", "articles"), ("article", ""), ("issue", "issues"), ("issue", "")}


def validate_unit(element, versions, compiled):
    failures = {}
    for version in versions:
        checker = compiled.get(version) or compiled.setdefault(version, schema(version))
        if checker.validate(element):
            return version
        failures[version] = [
            (entry.line, entry.message)
            for entry in checker.error_log
            if entry.level_name in ("ERROR", "FATAL")
        ]
    # The schema the element follows furthest is the one it was written for.
    version, errors = max(failures.items(), key=lambda item: item[1][0][0] if item[1] else 0)
    raise ImportFailed(
        [
            _(
                "The file is not a valid OJS Native XML export (checked against the schema of"
                " OJS %(versions)s). The first errors, against the OJS %(version)s schema:"
            )
            % {"versions": ", ".join(sorted(failures)), "version": version}
        ]
        + [
            _("line %(line)s: %(message)s") % {"line": line, "message": message}
            for line, message in errors[:MAX_ERRORS]
        ]
    )


def check_root(element):
    if etree.QName(element).namespace != NS or localname(element) not in ROOTS:
        raise ImportFailed(
            [
                _(
                    "The file is XML but not an OJS Native XML export: its root element is"
                    " “%(root)s”, where OJS writes <issues>, <issue>, <articles> or <article>"
                    " in the namespace %(namespace)s."
                )
                % {"root": etree.QName(element).localname, "namespace": NS}
            ]
        )


def localized(element, name):
    """{locale: text} of an element's children ``name`` (first one of each locale)."""
    values = {}
    for child in element.findall(tag(name)):
        text = (child.text or "").strip()
        if text:
            values.setdefault(child.get("locale") or "", text)
    return values


def by_language(values, default_locale, notes=None, what=""):
    """{site language: text} of {OJS locale: text}: zh_CN, zh_Hans, zh_TW… are Chinese,
    en_US, en… English; a locale of neither is named in ``notes``."""
    result = {}
    for locale, text in values.items():
        language = language_of((locale or default_locale).replace("_", "-"))
        if language is None:
            if notes is not None:
                notes.append(
                    _("%(what)s in %(locale)s not kept: this site publishes Chinese and English")
                    % {"what": what, "locale": locale}
                )
            continue
        result.setdefault(language, text)
    return result


def text_of(element, name):
    child = element.find(tag(name))
    return (child.text or "").strip() if child is not None and child.text else ""


def internal_id(element):
    for child in element.findall(tag("id")):
        if child.get("type") == "internal" and (child.text or "").strip().isdigit():
            return int(child.text.strip())
    return None


def day_of(value):
    try:
        return date.fromisoformat((value or "").strip()[:10]) if value else None
    except ValueError:
        return None


def moment_of(day):
    return timezone.make_aware(datetime.combine(day, time())) if day else None


@dataclass
class IssueContext:
    """What an <issue> says before its articles: identification, date, sections, covers."""

    published: bool = False
    identification: dict | None = None
    date_published: date | None = None
    sections: dict = field(default_factory=dict)
    cover: dict | None = None  # {content, alt_zh, alt_en}
    notes: list = field(default_factory=list)


@dataclass
class StoredFile:
    path: Path
    sha256: str
    size: int
    is_pdf_claimed: bool
    name: str
    problem: str = ""


class ExportReader:
    """Reads the articles of a validated export into importer dicts (second pass)."""

    def __init__(self, path, journal, workdir, *, allow_local_files, allow_private_hosts):
        self.path = path
        self.journal = journal
        self.workdir = workdir
        self.allow_local_files = allow_local_files
        self.allow_private_hosts = allow_private_hosts
        self.errors = []
        self.notes = []
        self.items = []
        self.files = {}
        self.counter = 0
        self.galley_count = 0

    def read(self, progress):
        progress.stage(_("Reading articles and files"), self.path.stat().st_size)
        issue = None
        with open(self.path, "rb") as handle:
            for event, element in parse(handle, events=("start", "end")):
                name = localname(element)
                if event == "start":
                    if name == "issue":
                        issue = IssueContext(published=element.get("published") == "1")
                    elif name == "article":
                        self.files = {}
                    continue
                parent = element.getparent()
                parent_name = localname(parent) if parent is not None else ""
                if name == "submission_file" and parent_name == "article":
                    self.read_submission_file(element)
                    element.clear(keep_tail=True)
                elif parent_name == "issue" and issue is not None:
                    self.read_issue_part(element, name, issue)
                elif name == "article":
                    self.discard_files_except(self.read_article(element, issue))
                    free(element)
                elif name == "issue":
                    if issue is not None:
                        self.notes += issue.notes
                    issue = None
                    free(element)
                progress.advance(
                    handle.tell(), {"articles": len(self.items), "galleys": self.galley_count}
                )
        return self.items

    # -- issues ---------------------------------------------------------------

    def read_issue_part(self, element, name, issue):
        if name == "issue_identification":
            issue.identification = self.identification(element, issue.notes)
        elif name == "date_published":
            issue.date_published = day_of(element.text)
        elif name == "sections":
            for section in element.findall(tag("section")):
                titles = by_language(localized(section, "title"), "")
                abbrevs = by_language(localized(section, "abbrev"), "")
                ref = section.get("ref") or abbrevs.get(Language.EN) or ""
                issue.sections[ref] = {
                    "slug": slugify(ref) or slugify(titles.get(Language.EN, "")) or "articles",
                    "title_zh": titles.get(Language.ZH_HANS) or titles.get(Language.EN) or ref,
                    "title_en": titles.get(Language.EN) or titles.get(Language.ZH_HANS) or ref,
                }
        elif name == "covers":
            self.read_issue_cover(element, issue)
        elif name == "issue_galleys" and len(element):
            issue.notes.append(
                _("issue %(issue)s: the whole-issue file (issue galley) is not kept")
                % {"issue": self.issue_name(issue.identification)}
            )
        free(element)

    def read_issue_cover(self, element, issue):
        """The issue's cover (OJS keeps one per locale: the first image, both alt texts),
        checked as an upload is; an image that is not one stops the import."""
        content, alts = None, {}
        for cover in element.findall(tag("cover")):
            language = language_of((cover.get("locale") or "").replace("_", "-"))
            if language:
                alts.setdefault(language, text_of(cover, "cover_image_alt_text"))
            embed = cover.find(tag("embed"))
            if content is None and embed is not None:
                try:
                    content = base64.b64decode("".join((embed.text or "").split()), validate=True)
                except ValueError:
                    content = b""
        if content is None:
            return
        where = _("issue %(issue)s, cover image") % {"issue": self.issue_name(issue.identification)}
        try:
            prepare_issue_cover(content)
        except ValidationError as error:
            self.errors.append(f"{where}: {' '.join(error.messages)}")
            return
        issue.cover = {
            "content": content,
            "alt_zh": alts.get(Language.ZH_HANS, ""),
            "alt_en": alts.get(Language.EN, ""),
        }

    def identification(self, element, notes):
        volume = text_of(element, "volume")
        return {
            "volume": int(volume) if volume.isdigit() else None,
            "number": printed(text_of(element, "number")),
            "year": int(text_of(element, "year")) if text_of(element, "year").isdigit() else None,
            "titles": by_language(localized(element, "title"), "", notes, _("issue title")),
        }

    @staticmethod
    def issue_name(identification):
        if not identification:
            return "?"
        parts = []
        if identification["volume"] is not None:
            parts.append(f"Vol. {identification['volume']}")
        if identification["number"]:
            parts.append(f"No. {identification['number']}")
        if identification["year"]:
            parts.append(f"({identification['year']})")
        return " ".join(parts) or next(iter(identification["titles"].values()), "?")

    # -- files ----------------------------------------------------------------

    def read_submission_file(self, element):
        """Write the submission file's latest revision to the working directory."""
        file_id = element.get("id") or ""
        revisions = element.findall(tag("revision"))  # OJS 3.2
        if revisions:
            latest = max(revisions, key=lambda r: int(r.get("number") or 0))
            content = latest
            name = latest.get("filename") or ""
            mime = latest.get("filetype") or ""
            extension = Path(name).suffix.lstrip(".")
        else:
            files = element.findall(tag("file"))
            wanted = element.get("file_id")
            content = next(
                (f for f in files if f.get("id") == wanted), files[-1] if files else None
            )
            if content is None:
                return
            names = localized(element, "name")
            name = next(iter(names.values()), "")
            extension = content.get("extension") or Path(name).suffix.lstrip(".")
            mime = ""
        embed, href = content.find(tag("embed")), content.find(tag("href"))
        source = embed if embed is not None else href
        if source is None:
            return
        mime = mime or source.get("mime_type") or ""
        is_pdf_claimed = extension.lower() == "pdf" or mime == "application/pdf"
        target = self.workdir / f"file-{self.counter}"
        self.counter += 1
        stored = StoredFile(
            path=target, sha256="", size=0, is_pdf_claimed=is_pdf_claimed, name=name or file_id
        )
        try:
            if embed is not None:
                data = base64.b64decode("".join((embed.text or "").split()), validate=True)
                target.write_bytes(data)
                embed.text = None
            else:
                self.fetch(href.get("src") or "", target)
        except (ValueError, OSError) as error:
            stored.problem = str(error) or error.__class__.__name__
            self.files[file_id] = stored
            return
        with open(target, "rb") as handle:
            stored.sha256 = file_digest(handle)
            handle.seek(0)
            stored.is_pdf_claimed = is_pdf_claimed or handle.read(5) == b"%PDF-"
        stored.size = target.stat().st_size
        self.files[file_id] = stored

    def fetch(self, source, target):
        """A file an ``href`` links: an http(s) URL; or, for the command line only, a path
        next to the export. Never more than a galley may weigh."""
        parsed = urllib.parse.urlsplit(source)
        if parsed.scheme in ("http", "https"):
            if not self.allow_private_hosts:
                check_public_host(parsed.hostname or "")
            request = urllib.request.Request(source, headers={"User-Agent": "journal-ojs-import"})
            with urllib.request.urlopen(request, timeout=URL_TIMEOUT) as response:  # noqa: S310
                copy_limited(response, target)
            return
        if parsed.scheme in ("", "file") and self.allow_local_files:
            local = Path(urllib.parse.unquote(parsed.path))
            local = local if local.is_absolute() else self.path.parent / local
            with open(local, "rb") as handle:
                copy_limited(handle, target)
            return
        raise ValueError(
            _("“%(source)s” cannot be read here: a linked file must be an http(s) URL")
            % {"source": source}
        )

    def discard_files_except(self, used):
        """The article is read: delete the files of its export its galleys did not take."""
        for file_id, stored in self.files.items():
            if file_id not in used and stored.path.exists():
                stored.path.unlink()
        self.files = {}

    # -- articles -------------------------------------------------------------

    def read_article(self, element, issue):
        """Read one article into ``items`` (or its problems into ``errors``); the ids of
        the export's files its galleys took."""
        position = len(self.items) + len(self.errors) + 1
        publications = element.findall(tag("publication"))
        if not publications:
            return set()
        current = element.get("current_publication_id")
        # The current version; else the last published one; else the last.
        candidates = [p for p in publications if str(internal_id(p)) == current]
        candidates += [p for p in reversed(publications) if p.get("status") == "3"]
        publication = (candidates or publications[-1:])[0]
        doi = ""
        for holder in (publication, element):
            for child in holder.findall(tag("id")):
                if child.get("type") == "doi" and (child.text or "").strip():
                    doi = doi or normalize_doi(child.text)
        submission_id = internal_id(element)
        label = doi or (f"OJS submission {submission_id}" if submission_id else "")
        reader = ArticleReader(self, element, publication, issue, item_name(position, label))
        data = reader.read(doi, submission_id, label, len(publications))
        if reader.errors:
            self.errors += reader.errors
            return set()
        self.galley_count += len(data["galleys"])
        self.items.append(data)
        return set(data["_files"])


class ArticleReader:
    """One OJS article (its current publication) as an importer dict."""

    def __init__(self, export, element, publication, issue, name):
        self.export = export
        self.element = element
        self.publication = publication
        self.issue = issue
        self.name = name
        self.errors = []

    def fail(self, where, message):
        self.errors.append(field_error(self.name, where, message))

    def read(self, doi, submission_id, label, versions):
        pub = self.publication
        notes = []
        if versions > 1:
            notes.append(
                _("OJS keeps %(count)d versions; the current one is imported") % {"count": versions}
            )
        locale = self.element.get("locale") or pub.get("locale") or ""
        titles = self.titles(locale, notes)
        language = language_of(locale.replace("_", "-"))
        if language is None or language not in titles:
            any_title = next(iter(titles.values()), "")
            language = (
                language if language in titles else next(iter(titles), script_language(any_title))
            )
        other = other_language(language)
        if not titles:
            self.fail("publication/title", _("is missing in Chinese and in English"))
        if doi:
            try:
                validate_doi(doi)
            except ValidationError:
                self.fail("id type=doi", _("“%(value)s” is not a DOI (10.NNNN/…)") % {"value": doi})

        abstracts = {
            lang: clean_html(text)
            for lang, text in by_language(
                localized(pub, "abstract"), locale, notes, _("abstract")
            ).items()
        }
        data = {
            "label": label,
            "title": titles.get(language, ""),
            "notes": notes,
            "language": language,
            "doi": doi,
            "issns": [],
            "journal": {"slug": self.export.journal.slug},
            "container_title": "",
            "abbreviation": "",
            "publisher": "",
            "issued": None,
            "order": int(pub.get("seq") or 0) if (pub.get("seq") or "0").isdigit() else 0,
            "received": day_of(self.element.get("date_submitted")),
            "revised": None,
            "accepted": None,
            "online_first": None,
            "abstract": abstracts.get(language, ""),
            "keywords": self.keywords(language, locale),
            "translation": {
                "title": titles.get(other, ""),
                "abstract": abstracts.get(other, ""),
                "keywords": self.keywords(other, locale),
            },
            "clc_codes": "",
            "document_code": "",
            "caj_article_id": "",
            "ojs_submission_id": submission_id,
        }
        self.read_numbering(data)
        self.read_status(data)
        self.read_licence(data, language, locale)
        data["section"] = self.section()
        data["authors"] = self.authors(language, locale, notes)
        data["funding"] = self.funding(locale)
        data["references"] = [
            parsed_reference_fields(citation.text.strip())
            for citation in pub.iter(tag("citation"))
            if (citation.text or "").strip()
        ]
        for group in [*pub.findall(tag("keywords")), *pub.findall(tag("subjects"))]:
            group_locale = group.get("locale") or locale
            if language_of(group_locale.replace("_", "-")) is None:
                notes.append(
                    _("%(what)s in %(locale)s not kept: this site publishes Chinese and English")
                    % {"what": _("keywords"), "locale": group_locale}
                )
        data["galleys"], data["_files"] = self.galleys(language, notes)
        if pub.find(tag("covers")) is not None:
            notes.append(_("its cover image is not kept (this site shows the issue's)"))
        data["digest"] = digest_of(data)
        return data

    def titles(self, locale, notes):
        pub = self.publication
        titles = by_language(localized(pub, "title"), locale, notes, _("title"))
        prefixes = by_language(localized(pub, "prefix"), locale)
        subtitles = by_language(localized(pub, "subtitle"), locale)
        full = {}
        for language, title in titles.items():
            text = " ".join(filter(None, [prefixes.get(language), title]))
            if subtitle := subtitles.get(language):
                text += SUBTITLE_SEPARATORS[language] + subtitle
            full[language] = text
        return full

    def keywords(self, language, locale):
        """Keywords, then subjects, of one language, in the export's order."""
        names = []
        for vocabulary, entry in (("keywords", "keyword"), ("subjects", "subject")):
            for group in self.publication.findall(tag(vocabulary)):
                if language_of((group.get("locale") or locale).replace("_", "-")) != language:
                    continue
                for child in group.findall(tag(entry)):
                    text = vocabulary_entry(child)
                    if text and text not in names:
                        names.append(text)
        return names

    def read_numbering(self, data):
        pub = self.publication
        identification = None
        if self.issue is not None and self.issue.identification:
            identification = self.issue.identification
        elif (node := pub.find(tag("issue_identification"))) is not None:
            identification = self.export.identification(node, data["notes"])
        data["volume"] = data["issue"] = data["issue_year"] = None
        data["issue"] = ""
        if identification:
            data["volume"] = identification["volume"]
            data["issue"] = identification["number"]
            data["issue_year"] = identification["year"]
            if len(data["issue"]) > ISSUE_NUMBER_LENGTH:
                self.fail("issue_identification/number", _("is too long"))
            if data["volume"] is None and not data["issue"]:
                self.fail(
                    "issue_identification",
                    _(
                        "the issue “%(issue)s” has neither a volume nor a number; this site"
                        " names issues by them (give it a number in OJS and export again)"
                    )
                    % {"issue": self.export.issue_name(identification)},
                )
            details = {
                "title_zh": identification["titles"].get(Language.ZH_HANS, ""),
                "title_en": identification["titles"].get(Language.EN, ""),
            }
            if self.issue is not None:
                day = self.issue.date_published or (
                    date(identification["year"], 1, 1) if identification["year"] else None
                )
                if day:
                    details["publication_date"] = day
                    details["issued"] = str(self.issue.date_published or identification["year"])
                details["is_published"] = self.issue.published
            data["issue_details"] = details
            if self.issue is not None and self.issue.cover:
                data["issue_cover"] = self.issue.cover
        try:
            first, last, number = pages_as_printed(text_of(pub, "pages"))
        except ValueError as error:
            self.fail("pages", str(error))
            first = last = number = ""
        for key, value, limit in (
            ("first_page", first, PAGE_LENGTH),
            ("last_page", last, PAGE_LENGTH),
            ("article_number", number, ARTICLE_NUMBER_LENGTH),
        ):
            if len(value) > limit:
                self.fail("pages", _("“%(value)s” is too long") % {"value": value})
                value = ""
            data[key] = value

    def read_status(self, data):
        pub = self.publication
        status = pub.get("status") or self.element.get("status") or ""
        day = day_of(pub.get("date_published")) or (self.issue and self.issue.date_published)
        if status in PUBLISHED_STATUSES:
            data["status"] = Status.PUBLISHED
            data["published_at"] = moment_of(day)
            if day is None:
                self.fail("publication/date_published", _("a published article needs a date"))
        else:
            data["status"] = Status.DRAFT
            data["published_at"] = moment_of(day)

    def read_licence(self, data, language, locale):
        pub = self.publication
        url = text_of(pub, "licenseUrl")
        if url:
            data["licence"] = licence_from_url(url)
            if data["licence"] is None:
                self.fail(
                    "licenseUrl",
                    _("“%(value)s” is not a licence this site publishes under") % {"value": url},
                )
        else:
            data["licence"] = self.export.journal.default_licence
            data["notes"].append(_("no licence in the export: the journal's default"))
        holders = by_language(localized(pub, "copyrightHolder"), locale)
        data["copyright_holder"] = holders.get(language) or next(iter(holders.values()), "")
        year = text_of(pub, "copyrightYear")
        data["copyright_year"] = int(year) if year.isdigit() else None

    def section(self):
        ref = self.publication.get("section_ref") or ""
        if self.issue is not None and ref in self.issue.sections:
            return dict(self.issue.sections[ref])
        return {"slug": slugify(ref) or "articles", "title_zh": ref, "title_en": ref}

    def authors(self, language, locale, notes):
        node = self.publication.find(tag("authors"))
        if node is None:
            return []
        other = other_language(language)
        primary = self.publication.get("primary_contact_id")
        people = sorted(
            node.findall(tag("author")),
            key=lambda a: int(a.get("seq")) if (a.get("seq") or "").lstrip("-").isdigit() else 0,
        )
        authors = []
        for index, person in enumerate(people):
            where = f"authors/author[{index + 1}]"
            given = by_language(localized(person, "givenname"), locale)
            family = by_language(localized(person, "familyname"), locale)

            def name_in(lang, given=given, family=family):
                return family.get(lang, ""), given.get(lang, "")

            family_name, given_name = name_in(language)
            if not family_name and not given_name:
                family_name, given_name = name_in(other)
            if not family_name:  # a name of one part: OJS keeps it as the given name
                family_name, given_name = given_name, ""
            if not family_name:
                self.fail(where, _("has no name in Chinese or English"))
                continue
            romanised_family, romanised_given = ("", "")
            if language == Language.ZH_HANS:
                romanised_family, romanised_given = name_in(Language.EN)
                if not romanised_family:
                    romanised_family, romanised_given = romanised_given, ""
            orcid = text_of(person, "orcid")
            try:
                validate_orcid(orcid)
            except ValidationError:
                self.fail(
                    f"{where}/orcid", _("“%(value)s” is not a valid ORCID iD") % {"value": orcid}
                )
            email = text_of(person, "email")
            try:
                validate_email(email) if email else None
            except ValidationError:
                notes.append(
                    _("author %(name)s: “%(value)s” is not an email address, left out")
                    % {"name": family_name + given_name, "value": email}
                )
                email = ""
            biographies = by_language(localized(person, "biography"), locale)
            authors.append(
                {
                    "family_name": family_name,
                    "given_name": given_name,
                    "family_name_en": romanised_family,
                    "given_name_en": romanised_given,
                    "orcid": orcid,
                    "email": email,
                    "is_corresponding": bool(primary) and person.get("id") == primary,
                    "address": "",
                    "biography_zh": clean_html(biographies.get(Language.ZH_HANS, "")),
                    "biography_en": clean_html(biographies.get(Language.EN, "")),
                    "affiliations": self.affiliations(person, language, locale),
                }
            )
        return authors

    def affiliations(self, person, language, locale):
        """OJS 3.2-3.4: one affiliation, a <affiliation> per locale; 3.5: an <affiliation>
        (or <rorAffiliation>) each, with a <name> per locale."""
        country = text_of(person, "country")
        found = []
        structured = [
            child
            for child in person
            if localname(child) in ("affiliation", "rorAffiliation")
            and child.find(tag("name")) is not None
        ]
        if structured:
            names_list = [by_language(localized(child, "name"), locale) for child in structured]
            rors = [ror_url(text_of(child, "ror")) for child in structured]
        else:
            names_list = [by_language(localized(person, "affiliation"), locale)]
            rors = [""]
        for names, ror in zip(names_list, rors, strict=True):
            name = names.get(language) or next(iter(names.values()), "")
            if not name:
                continue
            english = names.get(Language.EN, "") if language == Language.ZH_HANS else ""
            found.append(
                {
                    "name": name,
                    "name_en": english if english != name else "",
                    "country": country,
                    "ror": ror,
                }
            )
        return found

    def funding(self, locale):
        """OJS's supporting agencies, as funders named in both languages (paired in order)."""
        agencies = {}
        for group in self.publication.findall(tag("agencies")):
            language = language_of((group.get("locale") or locale).replace("_", "-"))
            if language is None:
                continue
            agencies.setdefault(language, []).extend(
                vocabulary_entry(child)
                for child in group.findall(tag("agency"))
                if vocabulary_entry(child)
            )
        chinese, english = agencies.get(Language.ZH_HANS, []), agencies.get(Language.EN, [])
        return [
            {
                "funder_zh": chinese[index] if index < len(chinese) else "",
                "funder_en": english[index] if index < len(english) else "",
            }
            for index in range(max(len(chinese), len(english)))
        ]

    def galleys(self, language, notes):
        galleys, used = [], []
        for index, galley in enumerate(self.publication.findall(tag("article_galley"))):
            where = f"article_galley[{index + 1}]"
            names = localized(galley, "name")
            label = next(iter(names.values()), "PDF")[:50]
            galley_language = language_of((galley.get("locale") or "").replace("_", "-"))
            if galley.find(tag("remote")) is not None:
                notes.append(
                    _("galley “%(label)s” links to a remote URL and is not kept") % {"label": label}
                )
                continue
            reference = galley.find(tag("submission_file_ref"))
            file_id = reference.get("id") if reference is not None else None
            stored = self.export.files.get(file_id)
            if stored is None:
                notes.append(
                    _("galley “%(label)s”: its file (%(id)s) is not in the export")
                    % {"label": label, "id": file_id}
                )
                continue
            if stored.problem:
                self.fail(
                    where, _("its file cannot be read: %(problem)s") % {"problem": stored.problem}
                )
                continue
            if not stored.is_pdf_claimed:
                notes.append(
                    _(
                        "galley “%(label)s” (%(name)s) is not a PDF and is not kept: this site"
                        " publishes PDF galleys"
                    )
                    % {"label": label, "name": stored.name}
                )
                continue
            try:
                with open(stored.path, "rb") as handle:
                    validate_pdf(File(handle, name=stored.name))
            except ValidationError as error:
                self.fail(
                    where,
                    _("“%(label)s” (%(name)s): %(problem)s")
                    % {"label": label, "name": stored.name, "problem": " ".join(error.messages)},
                )
                continue
            used.append(file_id)
            galleys.append(
                {
                    "label": label,
                    "language": galley_language or language,
                    "path": stored.path,
                    "sha256": stored.sha256,
                }
            )
        return galleys, used


def vocabulary_entry(element):
    """A keyword, subject or agency: its text (OJS 3.2-3.4) or its <name> (3.5)."""
    name = element.find(tag("name"))
    return ((name.text if name is not None else element.text) or "").strip()


def ror_url(value):
    """A ROR ID as the URL ROR prints (OJS 3.5 may write the bare id)."""
    value = value.strip()
    if value and not value.startswith("http"):
        value = f"https://ror.org/{value}"
    return value


def digest_of(data):
    """What the import would write, as one hash: the same record gives the same digest."""
    described = {
        key: value
        for key, value in data.items()
        if key not in ("notes", "digest", "_files", "galleys", "issue_cover")
    }
    described["galleys"] = [
        {key: value for key, value in galley.items() if key != "path"} for galley in data["galleys"]
    ]
    text = json.dumps(described, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def check_public_host(host):
    """Refuse a URL to this machine or its network: an editor's upload must not make the
    server fetch from addresses only it can reach."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError as error:
        raise ValueError(_("cannot resolve the host “%(host)s”") % {"host": host}) from error
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise ValueError(
                _(
                    "“%(host)s” is a private or local address, which an import from the admin may"
                    " not fetch from (the command line import_ojs may)"
                )
                % {"host": host}
            )


def copy_limited(source, target):
    limit = settings.GALLEY_MAX_UPLOAD_SIZE
    copied = 0
    with open(target, "wb") as handle:
        for block in iter(lambda: source.read(1 << 20), b""):
            copied += len(block)
            if copied > limit:
                raise ValueError(
                    _("the linked file is larger than %(limit)s MB")
                    % {"limit": round(limit / 1048576, 1)}
                )
            handle.write(block)


class DryRun(Exception):
    """Raised to roll a preview back."""


def import_ojs(
    path,
    *,
    journal,
    journals,
    dry_run=False,
    allow_local_files=False,
    allow_private_hosts=False,
    progress=None,
):
    """Import (or, with ``dry_run``, preview) an OJS Native XML export into ``journal``,
    all or nothing; ``journals`` are the ids the user may write to (it must hold the
    journal's). Returns an OjsImport; raises ImportFailed, having written nothing."""
    path = Path(path)
    progress = progress or Progress()
    report = OjsImport()
    if journals is not None and journal.pk not in journals:
        raise ImportFailed(
            [_("You may not import into the journal “%(journal)s”.") % {"journal": journal}]
        )
    report.version = validate(path, progress)
    workdir = Path(tempfile.mkdtemp(prefix="ojs-import-"))
    stored_files = []
    try:
        reader = ExportReader(
            path,
            journal,
            workdir,
            allow_local_files=allow_local_files,
            allow_private_hosts=allow_private_hosts,
        )
        items = reader.read(progress)
        if reader.errors:
            raise ImportFailed(reader.errors)
        if not items:
            raise ImportFailed([_("The export holds no article.")])
        report.notes = reader.notes + [
            f"{item_name(position, item['label'])}: {note}"
            for position, item in enumerate(items, start=1)
            for note in item["notes"]
        ]
        try:
            with transaction.atomic():
                issues_before = Issue.objects.filter(journal=journal).count()
                report.results = import_articles(
                    items, journals={journal.pk}, stored_files=stored_files
                )
                report.issues_created = (
                    Issue.objects.filter(journal=journal).count() - issues_before
                )
                report.galleys = sum(
                    len(item["galleys"])
                    for item, result in zip(items, report.results, strict=True)
                    if not result.unchanged
                )
                if dry_run:
                    raise DryRun
        except DryRun:
            delete_stored(stored_files)
        except BaseException:
            delete_stored(stored_files)
            raise
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return report


def delete_stored(names):
    """Delete the galley files a rolled-back import stored."""
    for name in names:
        default_storage.delete(name)
