"""Reference lists pasted by editors: split into entries, parse each into fields.

Two printed styles are understood: GB/T 7714—2015 (``作者. 题名[J]. 刊名, 年, 卷(期): 页.``)
and APA 7 (``Surname, I., & Surname, I. (2020). Title. Journal, 1(2), 3–4. https://doi.org/…``).
Half-width and full-width punctuation parse alike. Whatever the parser cannot place stays in
``raw_text``, the citation as printed, which is never altered beyond its numbering.

No maintained PyPI package parses printed GB/T or APA strings: gb7714 and bib2gbt go from
BibTeX to GB/T, refparse reads WoS/Scopus/CSSCI exports, refkit reads BibTeX/CSL-JSON, and
refextract (INSPIRE) leaves title and journal unsplit and mangles Chinese entries.
"""

import re
from dataclasses import dataclass, field

from scholarly.identifiers import find_doi
from scholarly.languages import script_language

# GB/T 7714—2015 Annex B: document types and carriers (standards GBT-2).
TYPE_CODES = {"M", "C", "G", "N", "J", "D", "R", "S", "P", "DB", "CP", "EB", "A", "CM", "DS", "Z"}
CARRIER_CODES = {"MT", "DK", "CD", "OL"}

# Full-width marks as Chinese typesetting prints them, mapped to the half-width form.
# Separators get a space after them; runs of spaces are collapsed afterwards.
FULL_WIDTH = str.maketrans(
    {
        "，": ", ",
        "：": ": ",
        "；": "; ",
        "．": ". ",
        "（": "(",
        "）": ")",
        "［": "[",
        "］": "]",
        "／": "/",
        "－": "-",
        "＆": "&",
        "\u3000": " ",
        **{chr(0xFF10 + digit): str(digit) for digit in range(10)},
    }
)

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TYPE_MARK_RE = re.compile(r"\[\s*([A-Z]{1,2})\s*(?:/\s*([A-Z]{2}))?\s*\]")
NUMBER_MARK_RE = re.compile(
    r"^\s*(?:\[\s*(\d{1,4})\s*\]|［\s*(\d{1,4})\s*］|(\d{1,4})\s*[.．、](?!\d))\s*"
)
INLINE_MARK_RE = re.compile(r"[\[［]\s*(\d{1,4})\s*[\]］]")
URL_RE = re.compile(r"https?://[^\s<>\"，。；]+")
DOI_LABEL_RE = re.compile(r"\bDOI\s*:\s*10\.\d{4,9}/\S+", re.IGNORECASE)
BARE_DOI_RE = re.compile(r"\b10\.\d{4,9}/\S+")
CITED_DATE_RE = re.compile(r"\[\s*(\d{4}-\d{1,2}-\d{1,2})\s*\]")
UPDATED_DATE_RE = re.compile(r"\(\s*(\d{4}-\d{1,2}-\d{1,2})(?:\s+[\d:]+)?\s*\)")
DATE_RE = re.compile(r"\b(\d{4})-\d{1,2}-\d{1,2}\b")
YEAR_RE = re.compile(r"\b(1[5-9]\d\d|20\d\d)[a-z]?\b")
# The author segment ends at the first period that is not inside a number (2.0, 3792.4).
SEGMENT_END_RE = re.compile(r"\.(?!\d)\s*")
ET_AL_RE = re.compile(r"(?:,\s*)?(?:等|et\s+al\.?)\s*$", re.IGNORECASE)
SUFFIX_RE = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?$")
PAGES = r"[A-Za-z]?\d+[A-Za-z]?(?:\s*[-–—~]\s*[A-Za-z]?\d+[A-Za-z]?)?(?:\s*,\s*\d+(?:-\d+)?)*"
JOURNAL_TAIL_RE = re.compile(
    rf"^(?P<container>.+?),\s*(?P<year>\d{{4}})[a-z]?"
    rf"(?:\s*,\s*(?P<volume>[^(:,\s]+))?"
    rf"(?:\s*\((?P<issue>[^)]+)\))?"
    rf"(?:\s*:\s*(?P<pages>{PAGES}))?\s*\.?\s*$"
)
PUBLISHER_RE = re.compile(
    rf"(?:^|\.\s+)(?:(?P<place>[^.:]+?)\s*:\s*)?(?P<publisher>[^:]+?),\s*(?P<year>\d{{4}})[a-z]?"
    rf"(?:\((?P<issue>[^)]+)\))?(?:\s*:\s*(?P<pages>{PAGES}))?\s*\.?\s*$"
)
NEWSPAPER_RE = re.compile(
    r"^(?P<container>.+?),\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})\s*(?:\((?P<pages>[^)]+)\))?"
)
NUMBER_IN_TITLE_RE = re.compile(
    r":\s*(?P<number>[A-Z]{0,4}[A-Z/ ]*\s*\d[\d.]*(?:\s*[—–-]\s*\d{4})?[A-Z]?)$"
)

# APA 7.
APA_HEAD_RE = re.compile(
    r"^(?P<authors>.+?)\s*\((?P<year>\d{4}[a-z]?|n\.\s?d\.)(?:,\s*[^)]*)?\)\.\s*(?P<rest>.*)$"
)
APA_EDITION_RE = re.compile(r"\s*\((?:\d+\w*\s+ed\.|Vol\.[^)]*|Rev\. ed\.)\)\.?$")
PUBLISHER_NAME_RE = re.compile(r"Press|Publish|Books|Wiley|SAGE|Sage|Springer|Elsevier|Routledge")
NEWSPAPER_NAME_RE = re.compile(r"Times|Post|News|Daily|Guardian|Herald|Tribune|Journal")
APA_YEAR_RE = re.compile(r"\((?:\d{4}[a-z]?|n\.\s?d\.)(?:,[^)]*)?\)\.")
APA_JOURNAL_RE = re.compile(
    rf"(?:^|(?<=[.?!])\s+)(?P<container>[^.?!]+?),\s*(?P<volume>\d+)(?:\s*\((?P<issue>[^)]+)\))?"
    rf"(?:,\s*(?:Article\s+)?(?P<pages>{PAGES}))?\.?\s*$"
)
APA_CHAPTER_RE = re.compile(
    rf"^(?P<title>.+?[.?!])\s+In\s+(?:(?P<editors>.+?)\s+\(Eds?\.\),\s*)?(?P<container>.+?)"
    rf"(?:\s*\((?:[^()]*?,\s*)?pp?\.\s*(?P<pages>{PAGES})\))?\.\s*(?P<publisher>[^.]*)\.?\s*$"
)
APA_THESIS_RE = re.compile(
    r"\[(?P<what>(?:Unpublished )?(?:[Dd]octoral dissertation|[Mm]aster's thesis)[^\]]*?)"
    r"(?:,\s*(?P<school>[^\]]+))?\]"
)


@dataclass
class ParsedReference:
    raw_text: str
    kind: str = ""
    authors: list[str] = field(default_factory=list)
    et_al: bool = False
    title: str = ""
    container_title: str = ""
    year: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    url: str = ""
    language: str = ""
    # Printed facts the Reference model has no column for yet.
    editors: list[str] = field(default_factory=list)
    place: str = ""
    publisher: str = ""
    date: str = ""
    cited_date: str = ""
    number: str = ""


def normalize(text):
    """Half-width punctuation, single spaces, no space inside brackets."""
    text = (text or "").translate(FULL_WIDTH)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.:;)\]])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    return text.strip()


def strip_number(text):
    """The entry without its printed number: [1], ［1］, 1. or 1、."""
    return NUMBER_MARK_RE.sub("", text, count=1).strip()


# --- Splitting -------------------------------------------------------------------------------


def _marker_number(line):
    match = NUMBER_MARK_RE.match(line)
    if not match:
        return None
    return int(next(group for group in match.groups() if group))


def _split_inline(line, expected):
    """A line holding several bracketed entries ([1] … [2] …), cut at the next numbers."""
    pieces, start, position = [], 0, 0
    while True:
        match = INLINE_MARK_RE.search(line, position)
        if not match:
            break
        if int(match.group(1)) == expected and match.start() > 0:
            pieces.append(line[start : match.start()])
            start = match.start()
            expected += 1
        position = match.end()
    pieces.append(line[start:])
    return pieces


AUTHOR_START_RES = [
    # Chinese names: 王名, / 王名. / 王名等.
    re.compile(rf"^[{CJK}·]{{2,8}}(?:\s*[,，、]|\s*[.．]|等)"),
    # GB/T Western: KANAMORI H. / Ansell C, / Salamon L M.
    re.compile(r"^[A-Z][A-Za-z'’\-]+(?:\s[A-Z][A-Za-z'’\-]+)*(?:\s[A-Z]){1,3}\s*[,.]"),
    # APA: Ansell, C.
    re.compile(r"^[A-Z][\w'’\-]+(?:\s[\w'’\-]+)*,\s[A-Z]\."),
    # Corporate authors: World Health Organization. Title / 国务院办公厅. 题名
    re.compile(r"^[A-Z][\w&'’\- ]{2,80}\.\s+[A-Z]"),
    re.compile(rf"^[{CJK}]{{2,30}}\s*[.．]"),
    # APA corporate or any author followed by (2020).
    re.compile(r"^\S.{0,200}?\(\d{4}[a-z]?(?:,[^)]*)?\)\."),
]


def _looks_like_entry_start(line):
    return any(pattern.match(line) for pattern in AUTHOR_START_RES)


def _has_entry_marker(text):
    """A GB/T type code ([J], [EB/OL]) or an APA year ((2020).) inside the text."""
    return bool(_type_mark(normalize(text)) or APA_YEAR_RE.search(text))


def _looks_complete(entry):
    """Ends like an entry (a full stop or a URL) and has a year or n.d. in it."""
    ends = re.search(r"[.。]\s*$", entry) or URL_RE.search(entry.split()[-1])
    return bool(ends and (YEAR_RE.search(entry) or APA_YEAR_RE.search(entry)))


def split_references(text):
    """The entries of a pasted reference list, each on one line, numbering left on.

    Numbered lists ([1], ［1］, 1., 1、) start an entry at each number in sequence; an
    unnumbered list starts one at a blank line, or at a line that looks like an author
    list after a line that finished an entry. Line breaks inside an entry become spaces
    (none between two Chinese characters).
    """
    lines = [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    numbered = any(_marker_number(line) is not None for line in lines if line)
    entries = []
    current = []
    expected = None

    def close():
        if current:
            entries.append(_join_lines(current))
            current.clear()

    for line in lines:
        if not line:
            if not numbered:
                close()
            continue
        if numbered:
            number = _marker_number(line)
            if number is not None and (expected is None or number == expected):
                close()
                expected = number + 1
            elif not current and number is None and not entries:
                pass  # text before the first number, e.g. a "References" heading
            pieces = _split_inline(line, expected) if expected is not None else [line]
            current.append(pieces[0])
            for piece in pieces[1:]:
                close()
                current.append(piece)
            if len(pieces) > 1:
                expected = _marker_number(pieces[-1]) + 1
        else:
            entry = " ".join(current)
            if (
                current
                and _looks_complete(entry)
                and (
                    _looks_like_entry_start(line)
                    or (_has_entry_marker(entry) and _has_entry_marker(line))
                )
            ):
                close()
            current.append(line)
    close()
    if numbered:
        # A heading line before the first number is not an entry.
        entries = [entry for entry in entries if _marker_number(entry) is not None]
    return entries


def _join_lines(lines):
    joined = lines[0]
    for line in lines[1:]:
        if re.search(rf"[{CJK}]$", joined) and re.match(rf"^[{CJK}]", line):
            joined += line
        elif joined.endswith("-") and re.search(r"https?://\S*$", joined):
            joined += line  # a URL broken at a hyphen
        else:
            joined += " " + line
    return joined.strip()


# --- Parsing ---------------------------------------------------------------------------------


def parse_reference(text):
    """One printed reference, GB/T 7714 or APA 7, as a ParsedReference."""
    raw = strip_number(re.sub(r"\s+", " ", text or "").strip())
    parsed = ParsedReference(raw_text=raw, language=str(script_language(raw)))
    body = normalize(raw)
    body = _take_identifiers(body, parsed)
    mark = _type_mark(body)
    if mark:
        _parse_gbt(body, mark, parsed)
    elif match := APA_HEAD_RE.match(body):
        _parse_apa(match, parsed)
    else:
        parsed.title = body.rstrip(". ")
        if year := YEAR_RE.search(body):
            parsed.year = year.group(1)
    return parsed


def _type_mark(body):
    for match in TYPE_MARK_RE.finditer(body):
        kind, carrier = match.group(1), match.group(2)
        if kind in TYPE_CODES and (carrier is None or carrier in CARRIER_CODES):
            return match
    return None


def _take_identifiers(body, parsed):
    """Take the DOI and URL out of the text, so their dots do not end segments."""
    parsed.doi = find_doi(body)
    for match in URL_RE.finditer(body):
        url = match.group(0).rstrip(".,;")
        if "doi.org/10." in url:
            parsed.doi = parsed.doi or find_doi(url)
        elif not parsed.url:
            parsed.url = url
    body = URL_RE.sub(" ", body)
    body = DOI_LABEL_RE.sub(" ", body)
    body = BARE_DOI_RE.sub(" ", body)
    body = re.sub(r"\bdoi\s*:\s*(?=\s|$)", " ", body, flags=re.IGNORECASE)
    body = re.sub(r"\s+", " ", body)
    # Left-over separators where the identifiers were: "3219. ." → "3219."
    body = re.sub(r"(?:\s*\.)+\s*$", ".", body)
    body = re.sub(r"\.\s*\.", ".", body)
    return body.strip()


def _split_authors(segment):
    segment = segment.strip().rstrip(".")
    et_al = False
    if ET_AL_RE.search(segment):
        et_al = True
        segment = ET_AL_RE.sub("", segment).strip()
    names = []
    for name in re.split(r"\s*[,;、]\s*", segment):
        if not name:
            continue
        if names and SUFFIX_RE.match(name):
            names[-1] = f"{names[-1]}, {name}"
        else:
            names.append(name)
    return names, et_al


def _parse_gbt(body, mark, parsed):
    parsed.kind = mark.group(1) + (f"/{mark.group(2)}" if mark.group(2) else "")
    head, tail = body[: mark.start()].strip(), body[mark.end() :].strip()
    split = SEGMENT_END_RE.search(head)
    if split and split.end() < len(head):
        parsed.authors, parsed.et_al = _split_authors(head[: split.start()])
        title = head[split.end() :]
    else:
        title = head
    kind = mark.group(1)
    if kind in {"S", "P"} and (number := NUMBER_IN_TITLE_RE.search(title)):
        parsed.number = number.group("number").strip()
        title = title[: number.start()]
    parsed.title = title.strip().rstrip(".")

    if cited := CITED_DATE_RE.search(tail):
        parsed.cited_date = cited.group(1)
        tail = CITED_DATE_RE.sub("", tail)
    if updated := UPDATED_DATE_RE.search(tail):
        parsed.date = updated.group(1)
        tail = UPDATED_DATE_RE.sub("", tail)
    tail = re.sub(r"^[.\s]+", "", tail)
    tail = re.sub(r"\.\s*\.", ".", tail).strip()

    if tail.startswith("//"):
        _parse_host(tail[2:].strip(), parsed)
    elif kind == "J":
        _parse_journal_tail(tail, parsed)
    elif kind == "N":
        if match := NEWSPAPER_RE.match(tail):
            parsed.container_title = match.group("container").strip()
            parsed.date = match.group("date")
            parsed.pages = (match.group("pages") or "").strip()
    elif kind == "P":
        if match := DATE_RE.search(tail):
            parsed.date = match.group(0)
    else:
        _parse_publisher(tail, parsed)

    if not parsed.year:
        for source in (parsed.date, tail, parsed.cited_date):
            if match := YEAR_RE.search(source or ""):
                parsed.year = match.group(1)
                break


def _parse_journal_tail(tail, parsed):
    if match := JOURNAL_TAIL_RE.match(tail):
        parsed.container_title = match.group("container").strip()
        parsed.year = match.group("year")
        parsed.volume = match.group("volume") or ""
        parsed.issue = (match.group("issue") or "").strip()
        parsed.pages = (match.group("pages") or "").strip()
    else:
        parsed.container_title = tail.split(",")[0].strip().rstrip(".")


def _parse_publisher(tail, parsed):
    match = PUBLISHER_RE.search(tail)
    if not match:
        return ""
    parsed.place = (match.group("place") or "").strip()
    parsed.publisher = match.group("publisher").strip()
    parsed.year = match.group("year")
    parsed.issue = (match.group("issue") or "").strip()
    parsed.pages = (match.group("pages") or "").strip()
    return tail[: match.start()]


def _parse_host(host, parsed):
    """The host item of a 析出文献: ``编者. 书名. 出版地: 出版者, 年: 页.``"""
    before = _parse_publisher(host, parsed)
    if not before and not parsed.publisher:
        before = host
    segments = [segment for segment in SEGMENT_END_RE.split(before) if segment.strip()]
    if len(segments) >= 2:
        parsed.editors, _ = _split_authors(segments[0])
        parsed.container_title = ". ".join(segments[1:]).strip()
    elif segments:
        parsed.container_title = segments[0].strip()


def _split_apa_authors(segment):
    segment = segment.strip()
    et_al = bool(re.search(r"\.\.\.|…|\bet al\.", segment))
    segment = re.sub(r",?\s*(?:\.\.\.|…)\s*", ", ", segment)
    segment = re.sub(r",?\s*\bet al\.", "", segment)
    # Names end after their initials: "Ansell, C., & Gash, A." → "Ansell, C." | "Gash, A."
    parts = re.split(r"(?<=\.)\s*,\s*(?:&\s*)?|\s*,?\s*&\s*", segment)
    names = [part.strip().strip(",") for part in parts if part.strip().strip(",")]
    if len(names) == 1:
        names[0] = names[0].rstrip(".") if not re.search(r"\b[A-Z]\.$", names[0]) else names[0]
    return names, et_al


def _parse_apa(match, parsed):
    authors = re.sub(r"\s*\(Eds?\.\)\.?\s*$", "", match.group("authors"))
    parsed.authors, parsed.et_al = _split_apa_authors(authors)
    year = match.group("year")
    parsed.year = year[:4] if year[:4].isdigit() else ""
    rest = match.group("rest").strip()

    if thesis := APA_THESIS_RE.search(rest):
        parsed.kind = "D"
        parsed.title = rest[: thesis.start()].strip().rstrip(".")
        parsed.publisher = (thesis.group("school") or "").strip()
        return
    if chapter := APA_CHAPTER_RE.match(rest):
        parsed.kind = "C" if chapter.group("container").startswith("Proceedings") else "M"
        parsed.title = chapter.group("title").strip().rstrip(".")
        parsed.editors = [
            name.strip()
            for name in re.split(r",\s*&\s*|\s*&\s*|,\s*", chapter.group("editors") or "")
            if name.strip()
        ]
        parsed.container_title = chapter.group("container").strip()
        parsed.pages = (chapter.group("pages") or "").strip()
        parsed.publisher = chapter.group("publisher").strip()
        return
    if journal := APA_JOURNAL_RE.search(rest):
        parsed.kind = "J"
        parsed.title = rest[: journal.start()].strip().rstrip(".")
        parsed.container_title = journal.group("container").strip()
        parsed.volume = journal.group("volume")
        parsed.issue = (journal.group("issue") or "").strip()
        parsed.pages = (journal.group("pages") or "").strip()
        return
    # A book, a report or a web page: "Title (2nd ed.). Publisher." / "Title. Site."
    segments = re.split(r"(?<=[.?!])\s+(?=[A-Z\d])", rest)
    parsed.title = APA_EDITION_RE.sub("", segments[0]).strip().rstrip(".")
    source = " ".join(segments[1:]).strip().rstrip(".")
    if re.search(r"\bReport\b|\(Report No\.", rest):
        parsed.kind, parsed.publisher = "R", source
    elif not parsed.url or PUBLISHER_NAME_RE.search(source):
        parsed.kind, parsed.publisher = "M", source
    else:
        # A web page: the site's name is its container.
        parsed.container_title = source
        dated = "," in match.group(0)[: match.start("rest")].split("(")[-1]
        parsed.kind = "N/OL" if dated and NEWSPAPER_NAME_RE.search(source) else "EB/OL"
