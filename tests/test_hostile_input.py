"""Hostile input never gives a 500.

Every URL pattern the resolver knows is requested with hostile path segments and query
strings, under both language prefixes and unknown ones; the OAI-PMH endpoint gets bad verbs,
arguments and tokens (GET and POST); the admin gets hostile lookups, searches and POSTs from
a logged-in editor; and `import_articles` gets malformed files. Each answer must be a 2xx,
3xx or 4xx (a clear message), never a server error.
"""

import itertools
import re
from io import BytesIO, StringIO
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from lxml import html
from pypdf import PdfWriter

from tests.factories import (
    encrypted_pdf_bytes,
    make_article,
    make_full_article,
    make_galley,
    make_journal,
    pdf_bytes,
)
from tests.forms import galley_data

HOSTILE = [
    "",
    "x" * 3000,
    "\x00",
    "a\x00b",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "' OR '1'='1' --",
    "1; DROP TABLE articles_article; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "\u202egnp.exe",
    "\xff\xfe",
    "😀" * 50,
    "\ufeff\u200b\u0301",
    "ｆｕｌｌｗｉｄｔｈ",
    "-1",
    "0",
    "99999999999999999999999999",
    "9223372036854775808",
    "1e309",
    "NaN",
    "%",
    "%%32%65",
    "\r\nSet-Cookie: hacked=1",
    "//evil.example.org",
    "{{7*7}}",
    "${jndi:ldap://x}",
]
INTEGERS = ["0", "99999999999999999999999999", "9223372036854775808", "2147483648", "007"]
PAGES = ["-1", "0", "abc", "99999999999999999999", "1e9", "\x00", "last", "2"]
QUERIES = [
    {},
    *({"page": value} for value in PAGES),
    {"q": "<script>alert(1)</script>"},
    {"q": "x" * 3000},
    {"q": "\x00' OR 1=1 --"},
    {"language": "xx", "lang": "\ufffe"},
    {"\x00": "\x00", "a" * 500: "b"},
]
LANGUAGE_PREFIXES = ["zh-hans", "en"]
BAD_PREFIXES = ["xx", "zh", "zh-hant", "EN", "..", "%00", "😀"]
PLACEHOLDER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def encode(value):
    return quote(value, safe="")


def query_string(params):
    def raw(text):
        return text.encode("utf-8", "surrogatepass")

    return urlencode({raw(k): raw(v) for k, v in params.items()})


def routes(patterns=None, prefix=""):
    """(route, i18n?) for every URL pattern: 'articles/<slug:journal>/...'."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            i18n = type(pattern.pattern).__name__ == "LocalePrefixPattern"
            for inner, inner_i18n in routes(pattern.url_patterns, prefix + ("" if i18n else route)):
                yield inner, inner_i18n or i18n
        elif isinstance(pattern, URLPattern):
            if route.startswith("^"):  # the admin's regex patterns: one literal example
                route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<str:\1>", route.strip("^$"))
                route = route.replace("\\", "")
            yield prefix + route, False


def fill(route, valid, hostile_name=None, hostile_value=None):
    def replace(match):
        name, converter = match["name"], match["converter"] or "str"
        if name == hostile_name:
            return encode(hostile_value)
        return encode(valid.get(name, {"int": "1"}.get(converter, "x")))

    return PLACEHOLDER.sub(replace, route)


def paths(route, valid):
    names = [(m["name"], m["converter"] or "str") for m in PLACEHOLDER.finditer(route)]
    yield fill(route, valid)
    for name, converter in names:
        values = INTEGERS if converter in {"int", "path"} and name != "path" else HOSTILE
        for value in values if converter != "int" else INTEGERS + HOSTILE[:6]:
            yield fill(route, valid, name, value)


@pytest.fixture
def site(db):
    article = make_full_article()
    galley = article.galleys.first() or make_galley(article)
    return {
        "journal": article.journal.slug,
        "article": str(article.pk),
        "galley": str(galley.pk),
        "volume": str(article.issue.volume),
        "number": str(article.issue.number),
        "section": article.section.slug,
        "slug": "collaborative-governance",
        "section_slug": article.section.slug,
        "app_label": "articles",
        "model_name": "article",
        "object_id": str(article.pk),
        "content_type_id": "1",
        "uidb64": "x",
        "token": "x",
    }


class Tally:
    def __init__(self):
        self.count = 0
        self.failures = []

    def check(self, response, label):
        self.count += 1
        if response.status_code >= 500:
            self.failures.append(f"{response.status_code} {label}")


def get(client, tally, path, params=None):
    query = query_string(params or {})
    response = client.get(path, QUERY_STRING=query) if query else client.get(path)
    tally.check(response, f"GET {path}?{query}")


@pytest.mark.slow  # every URL pattern × ~10,000 hostile requests (minutes)
def test_every_public_url_pattern_resists_hostile_input(site):
    client = Client(raise_request_exception=False)
    tally = Tally()
    all_routes = list(routes())
    assert len(all_routes) > 20
    rotation = itertools.cycle(QUERIES[1:])
    for route, i18n in all_routes:
        if route.startswith("admin/"):
            continue  # the admin has its own test below, logged in
        prefixes = LANGUAGE_PREFIXES if i18n else [""]
        for number, path in enumerate(paths(route, site)):
            for prefix in prefixes:
                url = f"/{prefix}/{path}" if prefix else f"/{path}"
                # The valid path gets every hostile query; the others one each, in turn.
                hostile_queries = [{}, *(next(rotation) for _ in range(5))]
                for params in QUERIES if number == 0 else hostile_queries:
                    get(client, tally, url, params)
            if i18n:
                for bad in BAD_PREFIXES:
                    get(client, tally, f"/{encode(bad)}/{path}")
        # Bytes that are not UTF-8 at all.
        for raw in ("%FF", "%ED%A0%80", "%C0%AF"):
            get(client, tally, "/" + route.replace("<slug:journal>", raw), {})
    print(f"\nhostile requests to public URLs: {tally.count}")
    assert tally.failures == []
    assert tally.count >= 9_500


OAI_VERBS = [
    "Identify",
    "ListRecords",
    "ListIdentifiers",
    "GetRecord",
    "ListSets",
    "ListMetadataFormats",
    "listrecords",
    "Bogus",
    "",
    "\x00",
]
OAI_ARGUMENTS = {
    "metadataPrefix": ["oai_dc", "marcxml", "", "\x00", "<x>"],
    "identifier": ["oai:testserver:article/1", "oai:x:article/99999999999999999999", "\ufffe"],
    "resumptionToken": ["garbage", "!!!", "eyJ4IjoxfQ==", "0" * 2000, "\x00"],
    "from": ["2020-13-45", "99999-01-01", "2020-01-01T25:00:00Z", "0000-00-00", "\x00"],
    "until": ["1000-01-01", "2020-01-01T00:00:00+08:00", "tomorrow"],
    "set": ["journal:x", "journal:" + "x" * 500, "::", "\x00"],
    "bogus": ["1"],
}


def test_oai_pmh_resists_bad_verbs_and_arguments(site):
    client = Client(raise_request_exception=False)
    tally = Tally()
    for verb in OAI_VERBS:
        for name, values in OAI_ARGUMENTS.items():
            for value in values:
                for extra in ({}, {"metadataPrefix": "oai_dc"}):
                    params = {"verb": verb, **extra, name: value}
                    get(client, tally, "/oai/", params)
                    response = client.post(
                        "/oai/",
                        query_string(params),
                        content_type="application/x-www-form-urlencoded",
                    )
                    tally.check(response, f"POST /oai/ {params!r}")
    # Repeated arguments are an error too.
    response = client.get("/oai/", QUERY_STRING="verb=Identify&verb=Identify")
    tally.check(response, "repeated verb")
    print(f"\nhostile OAI-PMH requests: {tally.count}")
    assert tally.failures == []


ADMIN_MODELS = [
    "articles/article",
    "articles/author",
    "articles/reference",
    "articles/galley",
    "journal/journal",
    "journal/issue",
    "journal/section",
]
ADMIN_PARAMS = [{"q": value} for value in HOSTILE[:12]] + [
    {"o": "99"},
    {"o": "-1.x"},
    {"p": "-1"},
    {"p": "99999999999999999999"},
    {"e": "1"},
    {"id__in": "x,y"},
    {"pk__gt": "\x00"},
    {"status__exact": "<x>"},
    {"journal__id__exact": "99999999999999999999"},
    {"_changelist_filters": "a=b&c"},
    {"all": "", "_popup": "1", "_to_field": "password"},
]


@pytest.mark.slow  # every admin changelist and form, hostile (tens of seconds)
def test_admin_resists_hostile_lookups_and_posts(site):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-long-enough")
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username="editor"))
    tally = Tally()
    for model in ADMIN_MODELS:
        if client.get(f"/admin/{model}/").status_code == 404:
            continue
        for params in ADMIN_PARAMS:
            get(client, tally, f"/admin/{model}/", params)
        for object_id in [*HOSTILE, *INTEGERS]:
            for action in ("change", "delete", "history"):
                get(client, tally, f"/admin/{model}/{encode(object_id)}/{action}/")
        fields = client.get(f"/admin/{model}/add/").context
        form_fields = list(fields["adminform"].form.fields) if fields else []
        for value in HOSTILE:
            data = {name: value for name in form_fields}
            response = client.post(f"/admin/{model}/add/", data)
            tally.check(response, f"POST /admin/{model}/add/ {value!r}")
            response = client.post(f"/admin/{model}/{site['article']}/change/", data)
            tally.check(response, f"POST /admin/{model}/1/change/ {value!r}")
    for value in HOSTILE[:10]:
        response = Client(raise_request_exception=False).post(
            "/admin/login/", {"username": value, "password": value}
        )
        tally.check(response, f"login {value!r}")
    print(f"\nhostile admin requests: {tally.count}")
    assert tally.failures == []


NOTHING = "Nothing was imported:\n"
NOT_JSON = NOTHING + "  The file is not valid JSON"
NO_JOURNAL = "field “container-title”: is missing (or give an ISSN)"
NUL = NOTHING + "  The file contains a NUL character (\\u0000), which text cannot hold."
# A malformed file and what the editor is told: every problem, by item and field.
MALFORMED_IMPORTS = [
    (b"", [NOT_JSON]),
    (b"\xff\xfe\x00garbage", ["import.json is not UTF-8 text."]),
    (b"\x00\x00\x00", [NOT_JSON]),
    (b"not json", [NOT_JSON]),
    (b"{}", [NOTHING, "item 1, field “title”: is missing", NO_JOURNAL]),
    (
        b"[1, 2, 3]",
        [NOTHING, *(f"item {n}, field “(item)”: is not a JSON object" for n in (1, 2, 3))],
    ),
    (b"[null]", [NOTHING, "item 1, field “(item)”: is not a JSON object"]),
    (b"[[]]", [NOTHING, "item 1, field “(item)”: is not a JSON object"]),
    (b'[{"type": "article-journal"}]', [NOTHING, "item 1, field “title”: is missing"]),
    (
        b'[{"title": null, "issued": "yesterday"}]',
        [NOTHING, "item 1, field “title”: is missing", "item 1, field “issued”: is not a date"],
    ),
    (
        b'[{"title": "x", "issued": {"date-parts": [[99999999999999999999]]}}]',
        [NOTHING, "item 1, field “issued”: is not a date"],
    ),
    (
        b'[{"title": "x", "issued": {"date-parts": "x"}, "page": "-5--3"}]',
        [NOTHING, "field “issued”: is not a date", "“-5--3” is not pages as printed"],
    ),
    (
        b'[{"title": "x", "author": "nobody", "DOI": "<script>"}]',
        [
            NOTHING,
            "item 1 (<script>), field “DOI”: “<script>” is not a DOI (10.NNNN/…)",
            "item 1 (<script>), field “author”: is not a JSON array",
        ],
    ),
    (
        b'[{"title": "x", "author": [{"family": null}], "volume": "-1", "issue": "'
        + b"1" * 21
        + b'"}]',
        [
            NOTHING,
            "field “volume”: “-1” is not a whole number",
            f"field “issue”: “{'1' * 21}” is longer than 20 characters",
            "field “author[0]”: has no family name",
        ],
    ),
    (b'[{"title": "' + b"x" * 100_000 + b'"}]', [NOTHING, f"item 1, {NO_JOURNAL}"]),
    (b"[" * 100_000 + b"]" * 100_000, [NOTHING + "  The file's JSON is nested too deeply."]),
    (b'[{"title": "\\ud800", "container-title": "\\u0000"}]', [NUL]),
    (b'[{"title": "x", "language": "xx-\\u0000", "ISSN": ["bad"]}]', [NUL]),
]


@pytest.mark.parametrize(
    ("content", "messages"), MALFORMED_IMPORTS, ids=range(len(MALFORMED_IMPORTS))
)
def test_import_articles_rejects_malformed_files_with_a_message(
    site, tmp_path, content, messages, database_unchanged
):
    """The command stops with what is wrong, item by item, and imports nothing."""
    path = tmp_path / "import.json"
    path.write_bytes(content)
    with database_unchanged(), pytest.raises(CommandError) as refusal:
        call_command("import_articles", str(path), stdout=StringIO())
    for message in messages:
        assert message in str(refusal.value)


def test_route_enumeration_covers_the_public_pages():
    found = {route for route, _ in routes()}
    for expected in ("<slug:journal>/article/<int:article>/", "oai/", "healthz", "sitemap.xml"):
        assert expected in found


def test_combinations_are_counted():
    # A sanity check on the generator itself: one hostile value per placeholder.
    route = "<slug:journal>/article/<int:article>/"
    generated = list(paths(route, {"journal": "j", "article": "1"}))
    assert len(generated) == 1 + len(HOSTILE) + len(INTEGERS) + 6
    assert len(set(itertools.chain(generated))) > 20


def test_admin_says_when_a_keyword_is_too_long(site, admin_client):
    """Found by the admin walk on PostgreSQL: a 3,000-character keyword was a 500."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = admin_client.get(f"/admin/articles/article/{site['article']}/change/")
    form = response.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if isinstance(v, str | int)}
    data["keywords_en"] = "x" * 101
    response = admin_client.post(f"/admin/articles/article/{site['article']}/change/", data)
    assert response.status_code == 200
    assert "A keyword can have at most 100 characters." in response.content.decode()


def test_admin_autocomplete_rejects_a_hostile_id_with_a_message(site, admin_client):
    """Found by the admin walk: a non-numeric or huge journal id was a 500."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    for journal in ("../etc/passwd", "99999999999999999999999999"):
        response = admin_client.post("/admin/journal/section/add/", {"journal": journal})
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()


def pdf_without_pages():
    out = BytesIO()
    PdfWriter().write(out)
    return out.getvalue()


def pdf_locked_by_an_unknown_security_handler():
    """Locked by a DRM plug-in's own handler (FileOpen's name): pypdf raises
    NotImplementedError on it, not one of its own errors."""
    body = b"%PDF-1.4\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /FOPN_foweb /V 1 >>",
    ]
    offsets = []
    for number, content in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Root 1 0 R /Size %d /Encrypt 4 0 R >>\n" % (len(objects) + 1)
    return body + b"startxref\n%d\n%%%%EOF\n" % xref


NOT_A_PDF = "This file is not a PDF."
UNREADABLE = "This PDF cannot be read"
HOSTILE_GALLEYS = {
    "js-polyglot": ("paper.pdf", b"/* %PDF-1.4 */ alert(document.cookie);\n", NOT_A_PDF),
    "js-named-js": ("paper.js", b"/* %PDF-1.4 */ alert(document.cookie);\n", NOT_A_PDF),
    "html-polyglot": (
        "paper.pdf",
        b"<!doctype html><!-- %PDF-1.7 --><script>alert(document.cookie)</script>",
        NOT_A_PDF,
    ),
    "html-before-a-real-pdf": (
        "paper.pdf",
        b"<script>alert(1)</script>\n" + pdf_bytes(),
        NOT_A_PDF,
    ),
    "truncated": ("paper.pdf", pdf_bytes()[:400], "This PDF is incomplete"),
    "end-cut-off": ("paper.pdf", pdf_bytes()[:-40], "This PDF is incomplete"),
    "password-rc4": ("paper.pdf", encrypted_pdf_bytes("secret"), "needs a password"),
    "password-aes": ("paper.pdf", encrypted_pdf_bytes("secret", "AES_256"), "needs a password"),
    "unknown-security-handler": (
        "paper.pdf",
        pdf_locked_by_an_unknown_security_handler(),
        UNREADABLE,
    ),
    "no-pages": ("paper.pdf", pdf_without_pages(), "This PDF has no pages."),
    "header-and-eof-only": ("paper.pdf", b"%PDF-1.4\n%%EOF\n", UNREADABLE),
    "empty": ("paper.pdf", b"", "The submitted file is empty."),
}


@pytest.mark.parametrize("name, content, message", HOSTILE_GALLEYS.values(), ids=HOSTILE_GALLEYS)
def test_admin_refuses_a_hostile_galley_and_keeps_nothing(
    db, admin_client, settings, database_unchanged, name, content, message
):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    article = make_article(journal=make_journal(slug="hostile"))
    media = Path(settings.MEDIA_ROOT)
    upload = SimpleUploadedFile(name, content, "application/pdf")
    with database_unchanged():
        response = admin_client.post(
            f"/admin/articles/article/{article.pk}/change/", galley_data(article, upload)
        )
    assert response.status_code == 200
    page = html.fromstring(response.content.decode())
    errors = [li.text_content() for li in page.cssselect("#galleys-group .errorlist li")]
    assert any(message in error for error in errors), errors
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))
