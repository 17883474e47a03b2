"""Moving a journal from OJS: its Native XML export imported whole (issue #16)."""

import io
import re
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from PIL import Image

from articles.models import Article, ArticleKeyword, Author, Funding, Galley, Reference, Status
from articles.signals import article_saved
from journal.models import Issue, Section
from tests.articles import ojs_exports
from tests.articles.ojs_exports import (
    PARTICLES,
    RURAL_PDF,
    bilingual_issues,
    chinese_article,
)
from tests.factories import make_article, make_journal, pdf_bytes
from tests.pages import landing, text, tree_of

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ojs"


def keywords_of(article, language):
    links = ArticleKeyword.objects.filter(content_object=article, language=language)
    return [link.tag.name for link in links.order_by("order")]


def html(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def write(tmp_path, content, name="export.xml"):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def import_file(path, journal, *args):
    call_command("import_ojs", str(path), "--journal", journal.slug, "--no-progress", *args)


def snapshot():
    """What the database holds that an import could change."""
    return {
        model.__name__: list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in (Article, Author, Issue, Section, Galley, Reference, Funding)
    }


def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def journal(db):
    return make_journal(slug="moved")


@pytest.fixture
def bilingual(tmp_path, journal):
    return write(tmp_path, ojs_exports.export(bilingual_issues(), version="3.4"))


def test_a_bilingual_ojs_34_export_imports_whole_in_both_languages(bilingual, journal, client):
    import_file(bilingual, journal)

    assert Issue.objects.filter(journal=journal).count() == 3
    volume_issue = Issue.objects.get(journal=journal, volume=12)
    no_volume = Issue.objects.get(journal=journal, volume=None, number="5")
    double = Issue.objects.get(journal=journal, number="1-2")
    assert volume_issue.label("zh-hans") == "2021年第12卷第3期"
    assert no_volume.label("zh-hans") == "2019年第5期"
    assert "合刊" in double.label("zh-hans")
    assert (double.title_zh, double.title_en) == ("合刊", "Double issue")
    assert volume_issue.is_published and str(volume_issue.publication_date) == "2021-06-30"

    article = Article.objects.get(doi="10.5555/ojs.101")
    assert article.ojs_submission_id == 101
    assert article.language == "zh-hans"
    assert article.title_zh == "乡村治理的数字化转型——以浙江为例"
    assert article.title_en == "Digital Transformation of Rural Governance: The Case of Zhejiang"
    assert "<script>" not in article.abstract_zh and "数字治理" in article.abstract_zh
    assert "<i>digital</i>" in article.abstract_en and "<sub>2</sub>" in article.abstract_en
    assert (article.first_page, article.last_page) == ("5", "23")
    assert article.section.title_zh == "论文" and article.section.title_en == "Articles"
    assert article.status == Status.PUBLISHED and article.is_public
    assert str(article.received) == "2021-01-05"
    assert (article.copyright_holder, article.copyright_year) == ("作者", 2021)
    authors = list(article.authors.order_by("order"))
    assert [(a.family_name, a.given_name) for a in authors] == [
        ("欧阳", "修"),
        ("司马", "相如"),
        ("诸葛", "亮"),
    ]
    assert [(a.family_name_en, a.given_name_en) for a in authors] == [
        ("Ouyang", "Xiu"),
        ("Sima", "Xiangru"),
        ("Zhuge", "Liang"),
    ]
    assert [a.is_corresponding for a in authors] == [False, True, False]
    assert authors[0].orcid.endswith("0000-0002-1825-0097")
    affiliation = authors[0].affiliations.get()
    assert (affiliation.name, affiliation.name_en, affiliation.country) == (
        "浙江大学公共管理学院",
        "School of Public Affairs, Zhejiang University",
        "CN",
    )
    funding = article.funding.get()
    assert (funding.funder_zh, funding.funder_en) == (
        "国家社会科学基金",
        "National Social Science Fund of China",
    )
    references = list(article.references.order_by("order"))
    assert [r.raw_text[:6] for r in references] == ["Ostrom", "王浦劬. 国"]
    assert references[0].kind  # through the reference parser: its fields are filled
    assert references[1].doi == "10.5555/wang.2014"

    page = client.get(article.get_absolute_url())
    body = text(tree_of(client, article.get_absolute_url()))
    for expected in (
        "乡村治理的数字化转型——以浙江为例",
        "欧阳修",
        "数字治理",
        "乡村振兴",
        "公共管理",
    ):
        assert expected in body
    assert "<script>alert" not in page.content.decode()
    english = tree_of(client, landing(article, "en"))
    assert "Digital Transformation of Rural Governance" in text(english)

    galley = article.galleys.get()
    download = client.get(galley.get_absolute_url())
    assert download.status_code == 200
    assert (
        b"".join(download.streaming_content if download.streaming else [download.content])
        == RURAL_PDF
    )


def test_nine_authors_with_particles_keep_their_order_and_names(bilingual, journal, capsys):
    import_file(bilingual, journal)
    assert "(10.5555/ojs.102): keywords in fr_CA not kept" in capsys.readouterr().out
    article = Article.objects.get(doi="10.5555/ojs.102")
    assert article.title_en == "The Nine Authors & <Particles>"
    assert article.language == "en"
    assert [(a.family_name, a.given_name) for a in article.authors.order_by("order")] == [
        (family, given) if family else (given, "") for given, family in PARTICLES
    ]
    assert article.article_number == "e1021" and not article.first_page
    assert article.section.slug == "rev" and article.section.title_en == "Reviews"
    assert keywords_of(article, "en") == ["particles"]
    assert keywords_of(article, "zh-hans") == []  # fr_CA's "particules" is left out


def test_the_same_file_imported_again_changes_nothing(bilingual, journal, settings, capsys):
    import_file(bilingual, journal)
    before = snapshot()
    stamps = dict(Article.objects.values_list("pk", "updated_at"))
    files = media_files(settings)
    capsys.readouterr()

    import_file(bilingual, journal)

    out = capsys.readouterr().out
    assert "0 articles were created, 0 updated, 4 unchanged" in out
    assert snapshot() == before
    assert dict(Article.objects.values_list("pk", "updated_at")) == stamps
    assert media_files(settings) == files


def test_a_re_export_after_corrections_updates_what_changed(
    tmp_path, bilingual, journal, settings, capsys
):
    import_file(bilingual, journal)
    galley_file = Article.objects.get(doi="10.5555/ojs.101").galleys.get().file.name
    undoi = Article.objects.get(ojs_submission_id=103)
    issues = bilingual_issues()
    issues[0]["articles"][0]["titles"]["zh_CN"] = "乡村治理的数字化转型（修订）"
    issues[1]["articles"][0]["titles"] = {"zh_CN": "无卷号的期（更正）"}  # no DOI: found by OJS id
    corrected = write(tmp_path, ojs_exports.export(issues, version="3.4"), "corrected.xml")
    capsys.readouterr()

    import_file(corrected, journal)

    assert "0 articles were created, 2 updated, 2 unchanged" in capsys.readouterr().out
    article = Article.objects.get(doi="10.5555/ojs.101")
    assert article.title_zh == "乡村治理的数字化转型（修订）——以浙江为例"
    assert article.galleys.get().file.name == galley_file  # same PDF: not stored again
    assert Article.objects.get(pk=undoi.pk).title_zh == "无卷号的期（更正）"
    assert Article.objects.filter(journal=journal).count() == 4


def test_a_dry_run_writes_nothing(bilingual, journal, settings, capsys):
    before = snapshot()
    import_file(bilingual, journal, "--dry-run")
    out = capsys.readouterr().out
    assert "4 articles would be created" in out and "3 issues would be created" in out
    assert snapshot() == before
    assert media_files(settings) == []


def test_after_an_import_search_oai_sitemaps_and_citations_follow(bilingual, journal, client):
    import_file(bilingual, journal)
    article = Article.objects.get(doi="10.5555/ojs.101")
    assert article.citations  # rendered (inline in tests, by the worker in production)
    found = client.get("/zh-hans/search/", {"q": "数字化转型"})
    assert article.get_absolute_url() in found.content.decode()
    oai = client.get("/oai/", {"verb": "ListRecords", "metadataPrefix": "oai_dc"})
    assert "10.5555/ojs.101" in oai.content.decode()
    sitemap_index = client.get("/sitemap.xml").content.decode()
    sitemaps = "".join(
        client.get(url.split("://", 1)[-1].split("/", 1)[-1].join(["/", ""])).content.decode()
        for url in tree_of_xml(sitemap_index)
    )
    assert article.get_absolute_url() in sitemaps


def tree_of_xml(index):
    from lxml import etree

    return [loc.text for loc in etree.fromstring(index.encode()).iter("{*}loc")]


@pytest.mark.parametrize("version", ["3.2", "3.3", "3.4", "3.5"])
def test_each_ojs_version_imports(tmp_path, journal, version, capsys):
    path = write(tmp_path, ojs_exports.export(bilingual_issues()[:1], version=version))
    import_file(path, journal)
    assert f"OJS {version} export: 2 articles were created" in capsys.readouterr().out
    article = Article.objects.get(doi="10.5555/ojs.101")
    assert article.title_zh == "乡村治理的数字化转型——以浙江为例"
    assert article.galleys.count() == 1
    assert article.references.count() == 2
    assert keywords_of(article, "zh-hans") == ["数字治理", "乡村振兴", "公共管理"]
    assert keywords_of(article, "en") == ["digital governance", "rural revitalisation"]
    assert article.funding.get().funder_en == "National Social Science Fund of China"
    first = article.authors.order_by("order").first().affiliations.get()
    assert first.name_en == "School of Public Affairs, Zhejiang University"


def test_ojs_35_locales_and_ror_affiliations(tmp_path, journal):
    issue = bilingual_issues()[0]
    article = chinese_article(locale="zh_Hans")
    article["titles"] = {"zh_Hans": "简体中文区域码", "en": "A zh_Hans locale"}
    article["subtitles"] = {}
    article["keywords"] = {"zh_Hans": ["数字治理"], "en": ["digital governance"]}
    article["authors"][0]["affiliation"] = {"zh_Hans": "浙江大学", "en": "Zhejiang University"}
    article["authors"][0]["ror"] = "00a2xv884"
    path = write(tmp_path, ojs_exports.export([{**issue, "articles": [article]}], version="3.5"))
    import_file(path, journal)
    imported = Article.objects.get(doi="10.5555/ojs.101")
    assert (imported.language, imported.title_zh, imported.title_en) == (
        "zh-hans",
        "简体中文区域码",
        "A zh_Hans locale",
    )
    assert keywords_of(imported, "zh-hans") == ["数字治理", "公共管理"]
    assert keywords_of(imported, "en") == ["digital governance"]
    affiliation = imported.authors.order_by("order").first().affiliations.get()
    assert (affiliation.name, affiliation.name_en, affiliation.ror) == (
        "浙江大学",
        "Zhejiang University",
        "https://ror.org/00a2xv884",
    )


def test_pkps_own_test_issue_imports(journal, capsys):
    import_file(FIXTURES / "pkp-testissue.xml", journal)
    out = capsys.readouterr().out
    assert "OJS 3.2 export: 2 articles were created" in out and "2 galleys were stored" in out
    article = Article.objects.get(journal=journal, ojs_submission_id=1)
    # The current publication (version 1, published), not the queued version 2.
    assert (
        article.title_en
        == "The Signalling Theory Dividends: A Review Of The Literature And Empirical Evidence"
    )
    assert "versions" in out
    assert article.copyright_holder == "Journal of Public Knowledge"


def test_a_galley_whose_file_is_missing_is_named_and_the_rest_imports(tmp_path, journal, capsys):
    issue = bilingual_issues()[0]
    export = ojs_exports.export([issue]).replace(
        b'<submission_file_ref id="', b'<submission_file_ref id="9'
    )
    import_file(write(tmp_path, export), journal)
    out = capsys.readouterr().out
    assert "galley “PDF”: its file (9" in out and "is not in the export" in out
    assert Article.objects.get(doi="10.5555/ojs.101").galleys.count() == 0


def png_bytes(size=(600, 800), colour=(40, 90, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def with_cover(content):
    issue = bilingual_issues()[0]
    issue["covers"] = {"zh_CN": (content, "第12卷第3期封面"), "en_US": (content, "Cover of 12(3)")}
    return issue


def test_an_issue_cover_comes_with_its_alt_texts_once(tmp_path, journal, client, settings):
    path = write(tmp_path, ojs_exports.export([with_cover(png_bytes())]))
    import_file(path, journal)
    issue = Issue.objects.get(journal=journal, volume=12)
    assert issue.cover and issue.cover_renditions
    assert (issue.cover_alt_zh, issue.cover_alt_en) == ("第12卷第3期封面", "Cover of 12(3)")
    archive = tree_of(client, reverse("journal:archive", kwargs={"journal": journal.slug}))
    assert "第12卷第3期封面" in [img.get("alt") for img in archive.iter("img")]
    stamp, files = issue.updated_at, media_files(settings)

    import_file(path, journal)  # again: the cover is not stored again, the issue not touched

    assert Issue.objects.get(pk=issue.pk).updated_at == stamp
    assert media_files(settings) == files


def test_a_cover_that_is_not_an_image_is_refused(tmp_path, journal, settings):
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        import_file(write(tmp_path, ojs_exports.export([with_cover(b"<svg onload=x>")])), journal)
    assert "issue Vol. 12 No. 3 (2021), cover image:" in str(refused.value)
    assert snapshot() == before and media_files(settings) == []


def test_a_dry_run_with_a_cover_leaves_no_file(tmp_path, journal, settings):
    import_file(
        write(tmp_path, ojs_exports.export([with_cover(png_bytes())])), journal, "--dry-run"
    )
    assert media_files(settings) == []
    assert not Issue.objects.filter(journal=journal).exists()


def test_an_article_export_places_articles_by_their_issue_identification(tmp_path, journal):
    article = chinese_article(issue={"volume": 3, "number": "S1", "year": 2022})
    path = write(tmp_path, ojs_exports.export(articles=[article], version="3.4"))
    import_file(path, journal)
    imported = Article.objects.get(doi="10.5555/ojs.101")
    assert (imported.issue.volume, imported.issue.number, imported.issue.year) == (3, "S1", 2022)


def test_a_galley_linked_by_a_path_next_to_the_export_is_imported(tmp_path, journal):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "paper.pdf").write_bytes(pdf_bytes("Linked galley"))
    article = chinese_article(galleys=[{"label": "PDF", "href": "files/paper.pdf"}])
    path = write(
        tmp_path,
        ojs_exports.export([{**bilingual_issues()[0], "articles": [article]}], version="3.3"),
    )
    import_file(path, journal)
    galley = Article.objects.get(doi="10.5555/ojs.101").galleys.get()
    assert galley.file.read() == (tmp_path / "files" / "paper.pdf").read_bytes()


def test_a_galley_linked_by_url_is_downloaded(tmp_path, journal):
    served = tmp_path / "served"
    served.mkdir()
    (served / "paper.pdf").write_bytes(pdf_bytes("Downloaded galley"))
    handler = partial(SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/paper.pdf"
        article = chinese_article(galleys=[{"label": "PDF", "href": url}])
        path = write(
            tmp_path,
            ojs_exports.export([{**bilingual_issues()[0], "articles": [article]}], version="3.4"),
        )
        import_file(path, journal)
    finally:
        server.shutdown()
    galley = Article.objects.get(doi="10.5555/ojs.101").galleys.get()
    assert galley.file.read() == (served / "paper.pdf").read_bytes()


# Hostile and broken files: refused with a clear message, the database and storage unchanged.

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE issues [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<issues xmlns="http://pkp.sfu.ca"><issue><id>&xxe;</id></issue></issues>
"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<issues xmlns="http://pkp.sfu.ca" a="&lol9;"/>
"""


def hostile_files():
    valid = ojs_exports.export(bilingual_issues()[:1], version="3.4")
    not_pdf = ojs_exports.export(
        [
            {
                **bilingual_issues()[0],
                "articles": [chinese_article(galleys=[{"content": b"<html>not a pdf</html>"}])],
            }
        ]
    )
    return {
        "not-xml": (pdf_bytes("I am a PDF"), "not XML"),
        "truncated": (valid[: len(valid) // 2], "not well-formed XML: line "),
        "other-xml": (
            b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
            "root element is “rss”",
        ),
        "wrong-schema": (
            valid.replace(b"<pages>5-23</pages>", b"<pages>5-23</pages><pagecount>19</pagecount>"),
            "line ",
        ),
        "xxe": (XXE, "declares a DTD"),
        "billion-laughs": (LAUGHS, "declares a DTD"),
        "galley-not-pdf": (not_pdf, "This file is not a PDF"),
    }


@pytest.mark.parametrize("case", list(hostile_files()))
def test_a_hostile_or_broken_file_is_refused_and_nothing_changes(tmp_path, journal, settings, case):
    content, message = hostile_files()[case]
    make_article(journal=journal, title_zh="已有文章")
    before = snapshot()
    with pytest.raises(CommandError, match="Nothing was imported") as refused:
        import_file(write(tmp_path, content), journal)
    assert message in str(refused.value)
    assert snapshot() == before
    assert media_files(settings) == []


def test_a_doi_of_another_journals_article_is_refused(tmp_path, journal, settings):
    other = make_journal(slug="other")
    taken = make_article(journal=other, title_zh="他刊文章", doi="10.5555/ojs.101")
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        import_file(write(tmp_path, ojs_exports.export(bilingual_issues())), journal)
    with translation.override("en"):
        assert f"10.5555/ojs.101 is the DOI of “{taken}” in the journal “{other}”" in str(
            refused.value
        )
    assert snapshot() == before
    assert media_files(settings) == []


def test_a_schema_error_names_its_line(tmp_path, journal):
    broken = ojs_exports.export(bilingual_issues()[:1]).replace(
        b"<year>2021</year>", b"<year>MMXXI</year>"
    )
    line = next(n for n, row in enumerate(broken.decode().splitlines(), 1) if "MMXXI" in row)
    with pytest.raises(CommandError) as refused:
        import_file(write(tmp_path, broken), journal)
    assert f"line {line}:" in str(refused.value) and "MMXXI" in str(refused.value)


def test_the_command_names_an_unknown_journal(bilingual):
    with pytest.raises(CommandError, match="No journal has the slug “nowhere”"):
        call_command("import_ojs", str(bilingual), "--journal", "nowhere", "--no-progress")


def test_the_command_shows_progress_and_elapsed_time(bilingual, journal):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_ojs", str(bilingual), "--journal", journal.slug, "--dry-run", stdout=out, stderr=err
    )
    assert "Reading articles and files" in err.getvalue() and "100%" in err.getvalue()
    assert re.search(r"\(\d+\.\d s\)\. Dry run: nothing was written\.", out.getvalue())


# The admin: Journals → Import from OJS, scoped to the editor's journals.


def test_an_editor_previews_then_confirms_an_ojs_import(desk, bilingual):
    client, journal = desk["client"], desk["journal"]
    url = reverse("admin:journal_journal_import_ojs")
    changelist = client.get(reverse("admin:journal_journal_changelist"))
    assert url in changelist.content.decode()
    form = client.get(url)
    options = [o.text for o in html(form).iter("option") if o.get("value")]
    assert options == [str(journal)]  # only the journals they edit

    with open(bilingual, "rb") as upload:
        preview = client.post(url, {"journal": journal.pk, "file": upload})
    assert preview.status_code == 200
    summary = text(html(preview).get_element_by_id("import-summary"))
    assert "4 articles will be created" in summary and "3 new issues" in summary
    assert not Article.objects.filter(doi="10.5555/ojs.101").exists()
    token = html(preview).xpath("//input[@name='token']/@value")[0]

    confirmed = client.post(url, {"journal": journal.pk, "token": token, "_confirm": "1"})
    assert confirmed.status_code == 302
    assert Article.objects.filter(journal=journal, ojs_submission_id__isnull=False).count() == 4
    again = client.post(url, {"journal": journal.pk, "token": token, "_confirm": "1"})
    assert "expired" in again.content.decode()  # a token imports once


def test_an_editor_cannot_import_into_another_journal(desk, bilingual):
    client = desk["client"]
    url = reverse("admin:journal_journal_import_ojs")
    with open(bilingual, "rb") as upload:
        response = client.post(url, {"journal": desk["b"].journal.pk, "file": upload})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Article.objects.filter(doi="10.5555/ojs.101").exists()


def test_the_admin_shows_why_a_file_is_refused(desk, tmp_path):
    client, journal = desk["client"], desk["journal"]
    path = write(tmp_path, XXE)
    with open(path, "rb") as upload:
        response = client.post(
            reverse("admin:journal_journal_import_ojs"), {"journal": journal.pk, "file": upload}
        )
    errors = text(html(response).get_element_by_id("import-errors"))
    assert "declares a DTD" in errors


def test_the_admin_does_not_fetch_from_local_addresses(desk, tmp_path):
    client, journal = desk["client"], desk["journal"]
    article = chinese_article(galleys=[{"label": "PDF", "href": "http://127.0.0.1:9/secret.pdf"}])
    path = write(tmp_path, ojs_exports.export([{**bilingual_issues()[0], "articles": [article]}]))
    with open(path, "rb") as upload:
        response = client.post(
            reverse("admin:journal_journal_import_ojs"), {"journal": journal.pk, "file": upload}
        )
    errors = text(html(response).get_element_by_id("import-errors"))
    assert "private or local address" in errors
    assert not Article.objects.filter(doi="10.5555/ojs.101").exists()


def test_an_import_announces_its_articles_together(bilingual, journal):
    """Search, citations and related lists follow once per import, not once per article
    (each refresh of a journal's related lists reads the whole journal)."""
    calls = []

    def receiver(sender, article_ids, **kwargs):
        calls.append(set(article_ids))

    article_saved.connect(receiver, dispatch_uid="test_import_together")
    try:
        import_file(bilingual, journal)
    finally:
        article_saved.disconnect(dispatch_uid="test_import_together")
    assert calls == [set(Article.objects.filter(journal=journal).values_list("pk", flat=True))]
    assert len(calls[0]) == 4


def test_a_superuser_imports_into_any_journal_in_the_admin(client, bilingual, journal):
    admin = User.objects.create_superuser("root", password="pw-long-enough-1")
    client.force_login(admin)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    other = make_journal(slug="other")
    url = reverse("admin:journal_journal_import_ojs")
    offered = [o.get("value") for o in html(client.get(url)).iter("option") if o.get("value")]
    assert sorted(offered) == sorted([str(journal.pk), str(other.pk)])
    with open(bilingual, "rb") as upload:
        preview = client.post(url, {"journal": other.pk, "file": upload})
    token = html(preview).xpath("//input[@name='token']/@value")[0]
    confirmed = client.post(url, {"journal": other.pk, "token": token, "_confirm": "1"})
    assert confirmed.status_code == 302
    assert Article.objects.filter(journal=other).count() == 4
    assert not Article.objects.filter(journal=journal).exists()
