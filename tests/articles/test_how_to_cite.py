"""How to Cite: the widget in both languages, style switching, downloads, freshness."""

from datetime import timedelta
from io import StringIO

import bibtexparser
import pytest
import rispy
from bibtexparser import middlewares
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from lxml import html

from articles import citation_queue
from articles.citation import citation_items
from articles.citation_queue import drain, schedule_citations
from articles.how_to_cite import render_citations
from articles.models import Article, CitationJob, Status
from articles.publishing import publish_articles
from scholarly import csl
from scholarly.csl import STYLES, render_bibliography
from tests.factories import make_article, make_author, make_full_article
from tests.pages import LANDING_PAGE_QUERIES

GBT = "china-national-standard-gb-t-7714-2015-numeric"
SEED_DOI = "10.5555/demo.2025.0201"
ENGLISH_DOI = "10.5555/demo.2025.0202"


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())
    return {
        "chinese": Article.objects.get(doi=SEED_DOI),
        "english": Article.objects.get(doi=ENGLISH_DOI),
    }


def get_tree(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.content)


def widget(tree):
    return tree.cssselect(".how-to-cite")[0]


def citations(tree):
    return tree.cssselect(".how-to-cite .citation")


def rendered(article, style, *, translated=False):
    article = Article.objects.for_landing_page().get(pk=article.pk)
    items = citation_items(article)
    return render_bibliography(items["translated" if translated else "original"], style)


@pytest.mark.slow  # every CSL style in V8 (~5 s)
def test_every_offered_style_renders_for_the_demo_articles_in_both_interfaces(client, demo):
    """Every style links https://doi.org/<doi> (XREF-3; GB/T as DOI:…, GBT-7)."""
    for which, article in demo.items():
        for language in ["zh-hans", "en"]:
            for style in STYLES:
                check_widget(client, article, which, language, style)


def check_widget(client, article, which, language, style):
    where = f"{which} article, /{language}/, {style}"
    tree = get_tree(client, f"/{language}/demo/article/{article.pk}/?style={style}")
    entries = citations(tree)
    original = entries[0]
    # The stored render is citeproc-js's own output for the article's CSL item.
    assert original.get("data-text") == rendered(article, style).text, where
    assert original.get("data-style") == style, where
    assert original.get("lang") == {"chinese": "zh-Hans", "english": "en"}[which], where
    option = tree.cssselect(f'#cite-style option[value="{style}"]')[0]
    assert option.get("selected") is not None, where
    # The DOI inside the citation is a link.
    doi = article.doi
    links = original.cssselect(f'a[href="https://doi.org/{doi}"]')
    assert len(links) == 1 and links[0].text_content().endswith(doi), where
    if style.startswith("china-national-standard"):
        assert links[0].text_content() == f"DOI:{doi}", where  # standards GBT-7
    # The translated citation: only on the English page of the Chinese article.
    if which == "chinese" and language == "en":
        assert len(entries) == 2, where
        translated = entries[1]
        assert translated.get("lang") == "en"
        assert translated.get("data-text") == rendered(article, style, translated=True).text
        assert "Practical Paths" in translated.get("data-text"), where
        assert "Translated citation" in widget(tree).text_content()
    else:
        assert len(entries) == 1, where


def test_chinese_page_defaults_to_gbt_and_english_page_to_apa(client, demo):
    seed = demo["chinese"]
    zh = get_tree(client, f"/zh-hans/demo/article/{seed.pk}/")
    en = get_tree(client, f"/en/demo/article/{seed.pk}/")
    assert citations(zh)[0].get("data-style") == GBT
    assert citations(zh)[0].get("data-text") == (
        "[1] 示例作者, 样例学者. 协同治理下政府与社会组织“补位-承接”关系的实践路径研究[J/OL]. "
        "公共治理研究（示例期刊）, 2025, 3(2): 1-12. DOI:10.5555/demo.2025.0201."
    )
    assert citations(en)[0].get("data-style") == "apa"
    assert citations(en)[1].get("data-text").startswith("Author, E., & Scholar, S. (2025).")
    # Interface strings are translated.
    assert "引文格式" in widget(zh).text_content()
    assert "Citation style" in widget(en).text_content()


def test_the_widget_works_without_javascript(client, demo):
    seed = demo["chinese"]
    tree = get_tree(client, f"/en/demo/article/{seed.pk}/")
    form = tree.cssselect(".how-to-cite form")[0]
    assert form.get("method") == "get" and not form.get("action")
    assert form.cssselect('select[name="style"]') and form.cssselect('button[type="submit"]')
    assert len(form.cssselect("option")) == len(STYLES)
    # The Copy button needs JavaScript: hidden until cite.js shows it; feedback is live.
    assert all(b.get("hidden") is not None for b in tree.cssselect(".cite-copy"))
    assert tree.cssselect('.cite-feedback[role="status"][aria-live="polite"]')
    scripts = [s.get("src") for s in tree.cssselect("script[src]")]
    assert "/static/js/cite.js" in scripts
    assert tree.cssselect('script[src="/static/js/cite.js"]')[0].get("defer") is not None
    assert not [s for s in tree.cssselect("script:not([src])") if s.get("type") is None]


def test_unknown_style_falls_back_to_the_default(client, demo):
    seed = demo["chinese"]
    for style in ["nope", "", "<script>", "apa' or 1=1"]:
        tree = get_tree(client, f"/zh-hans/demo/article/{seed.pk}/?style={style}")
        assert citations(tree)[0].get("data-style") == GBT


def test_fragment_serves_the_stored_citation_for_a_style(client, demo):
    seed = demo["chinese"]
    response = client.get(f"/en/demo/article/{seed.pk}/cite/?style=ieee")
    assert response.status_code == 200
    tree = html.fromstring(response.content.decode())
    texts = [c.get("data-text") for c in tree.cssselect(".citation")]
    assert texts == [rendered(seed, "ieee").text, rendered(seed, "ieee", translated=True).text]
    assert client.get(f"/en/demo/article/{seed.pk}/cite/?style=nope").status_code == 404
    assert client.get(f"/en/demo/article/{seed.pk}/cite/").status_code == 404


def test_journal_chooses_its_styles_and_defaults(client, demo):
    seed = demo["chinese"]
    journal = seed.journal
    journal.citation_styles = ["ieee", "apa"]
    journal.citation_style_zh = GBT  # not offered: the first offered style is the default
    journal.save()
    render_citations(article=seed)
    tree = get_tree(client, f"/zh-hans/demo/article/{seed.pk}/")
    assert [o.get("value") for o in tree.cssselect("#cite-style option")] == ["ieee", "apa"]
    assert citations(tree)[0].get("data-style") == "ieee"
    assert client.get(f"/en/demo/article/{seed.pk}/cite/?style={GBT}").status_code == 404
    seed.refresh_from_db()
    assert set(seed.citations["styles"]) == {"ieee", "apa"}


def test_journal_rejects_unknown_style_ids(db):
    journal = make_article().journal
    journal.citation_styles = ["apa", "no-such-style"]
    with pytest.raises(ValidationError) as error:
        journal.full_clean()
    assert "no-such-style" in str(error.value)
    journal.citation_styles = list(STYLES)
    journal.citation_style_en = "nope"
    with pytest.raises(ValidationError):
        journal.full_clean()


def test_an_edit_makes_stored_citations_stale_until_rendered_again(client, demo):
    seed = demo["chinese"]
    seed.title_zh = "新的标题"
    seed.save()
    tree = get_tree(client, f"/zh-hans/demo/article/{seed.pk}/")
    assert not citations(tree)  # never an outdated citation
    assert "正在生成" in widget(tree).text_content()
    assert tree.cssselect('.citation-downloads a[href$="cite.ris"]')
    out = StringIO()
    call_command("render_citations", "--stale-only", stdout=out)
    assert out.getvalue().strip() == "1 rendered, 1 already current."
    tree = get_tree(client, f"/zh-hans/demo/article/{seed.pk}/")
    assert "新的标题" in citations(tree)[0].get("data-text")


@pytest.mark.parametrize("change", ["author", "issue", "journal"])
def test_edits_of_author_issue_or_journal_make_citations_stale(demo, change):
    from articles.how_to_cite import current_key

    seed = Article.objects.for_landing_page().get(doi=SEED_DOI)
    assert seed.citations["key"] == current_key(seed)
    if change == "author":
        author = seed.authors.first()
        author.family_name = "李"
        author.save()
    elif change == "issue":
        seed.issue.volume = 9
        seed.issue.save()
    else:
        seed.journal.title_zh = "新刊名"
        seed.journal.save()
    seed = Article.objects.for_landing_page().get(doi=SEED_DOI)
    assert seed.citations["key"] != current_key(seed)


def test_no_request_builds_a_citation_engine(client, demo, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a request built a citation engine")

    monkeypatch.setattr(csl, "get_engine", refuse)
    monkeypatch.setattr(csl._engine, "get_engine", refuse)
    seed = demo["chinese"]
    for url in ["/en/demo/article/{}/", "/zh-hans/demo/article/{}/", "/en/demo/article/{}/cite/"]:
        response = client.get(url.format(seed.pk) + "?style=apa")
        assert response.status_code == 200


@pytest.mark.usefixtures("landing_parts_off")
def test_landing_page_query_count_does_not_grow_with_styles(client, db, django_assert_num_queries):
    article = make_full_article(authors=5, references=10)
    render_citations(article=article)
    url = f"/zh-hans/{article.journal.slug}/article/{article.pk}/"
    with django_assert_num_queries(LANDING_PAGE_QUERIES):
        response = client.get(url + "?style=ieee")
    assert len(html.fromstring(response.content).cssselect(".citation")) == 1
    article.journal.citation_styles = ["apa"]
    article.journal.save()
    render_citations(article=article)
    with django_assert_num_queries(LANDING_PAGE_QUERIES):
        client.get(url)


def test_citation_html_is_sanitised(client, db):
    article = make_article(
        title_zh='标题<img src=x onerror="alert(1)"><script>alert(2)</script>',
        doi="10.5555/xss.1",
    )
    make_author(article)
    render_citations(article=article)
    response = client.get(article.get_absolute_url())
    tree = html.fromstring(response.content)
    entry = citations(tree)[0]
    assert not entry.cssselect("img, script") and not entry.xpath(".//@onerror")
    assert "<script>" in entry.text_content()  # shown as the text it is
    assert entry.cssselect('a[href="https://doi.org/10.5555/xss.1"]')


def test_publishing_renders_the_citations(db):
    article = make_article(status=Status.DRAFT, published_at=None)
    make_author(article)
    assert publish_articles(articles=Article.objects.filter(pk=article.pk)) == 1
    article.refresh_from_db()
    assert set(article.citations["styles"]) == set(STYLES)


def test_an_edit_queues_a_citation_job_that_the_worker_renders(client, db, settings):
    """#14: the render is a job in a table, written with the edit, drained by the worker."""
    settings.CITATIONS_RENDER = "queue"
    article = make_article(status=Status.DRAFT, published_at=None)
    make_author(article)
    publish_articles(articles=Article.objects.filter(pk=article.pk))
    assert list(CitationJob.objects.values_list("article_id", flat=True)) == [article.pk]
    article.refresh_from_db()
    assert article.citations == {}  # nothing rendered in the request
    tree = get_tree(client, article.get_absolute_url())
    assert "正在生成" in widget(tree).text_content()

    out = StringIO()
    call_command("render_citations", "--queued", stdout=out)
    assert out.getvalue().strip() == "1 queued articles rendered."
    assert not CitationJob.objects.exists()
    article.refresh_from_db()
    assert set(article.citations["styles"]) == set(STYLES)
    assert citations(get_tree(client, article.get_absolute_url()))


def test_a_job_rolled_back_with_its_edit_is_not_left_queued(db, settings):
    settings.CITATIONS_RENDER = "queue"
    article = make_article()
    with pytest.raises(RuntimeError), transaction.atomic():
        schedule_citations(articles=[article])
        raise RuntimeError("the edit failed")
    assert not CitationJob.objects.exists()


def test_a_job_requested_again_while_rendering_stays_for_the_next_round(db, settings, monkeypatch):
    settings.CITATIONS_RENDER = "queue"
    article = make_article()
    schedule_citations(articles=[article])
    original = citation_queue.render_citations

    def render_during_another_edit(*, article, stale_only):
        rendered = original(article=article, stale_only=stale_only)
        later = timezone.now() + timedelta(seconds=1)
        CitationJob.objects.filter(article=article).update(requested_at=later)
        return rendered

    monkeypatch.setattr(citation_queue, "render_citations", render_during_another_edit)
    assert drain() == 1
    assert CitationJob.objects.filter(article=article).exists()  # the newer state is due
    monkeypatch.undo()
    assert drain() == 1
    assert not CitationJob.objects.exists()


def test_a_job_whose_render_fails_stays_queued_and_the_others_go_on(db, settings, monkeypatch):
    settings.CITATIONS_RENDER = "queue"
    broken, fine = make_article(), make_article()
    make_author(fine)
    schedule_citations(articles=[broken, fine])
    original = citation_queue.render_citations

    def render(*, article, stale_only):
        if article.pk == broken.pk:
            raise RuntimeError("a style failed")
        return original(article=article, stale_only=stale_only)

    monkeypatch.setattr(citation_queue, "render_citations", render)
    assert drain() == 1
    assert list(CitationJob.objects.values_list("article_id", flat=True)) == [broken.pk]
    fine.refresh_from_db()
    assert fine.citations["styles"]


# -- downloads ---------------------------------------------------------------------------

SPECIAL_TITLE = "R&D at 50% — #1 of {many}: a_b “引号”，（全角）"


@pytest.fixture
def special(db):
    article = make_full_article(authors=2, references=0, title_zh=SPECIAL_TITLE)
    return article


def download(client, article, extension, content_type):
    response = client.get(f"{article.get_absolute_url()}cite.{extension}")
    assert response.status_code == 200
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="article-{article.pk}.{extension}"'
    )
    return response.content.decode("utf-8")


def test_ris_download_round_trips(client, special):
    text = download(client, special, "ris", "application/x-research-info-systems")
    assert text.startswith("TY  - JOUR")
    assert not [line for line in text.splitlines() if line.rstrip(".").isdigit()]
    [record] = rispy.loads(text)
    assert record["type_of_reference"] == "JOUR"
    assert record["title"] == SPECIAL_TITLE
    assert record["authors"] == ["王0, 明", "王1, 明"]
    assert record["secondary_title"] == special.journal.title_zh  # Zotero: publicationTitle
    assert record["volume"] == "3" and record["number"] == str(special.issue.number)
    assert (record["start_page"], record["end_page"]) == ("1", "12")
    assert record["doi"] == special.doi
    assert record["urls"] == [f"https://doi.org/{special.doi}"]  # XREF-3
    assert record["keywords"] == ["协同治理", "社会组织", "政府购买服务"]
    assert record["year"] == str(special.publication_date.year)


def test_bibtex_download_round_trips_with_specials_escaped(client, special):
    text = download(client, special, "bib", "application/x-bibtex")
    assert r"R\&D at 50\% — \#1 of \{many\}: a\_b “引号”，（全角）" in text
    library = bibtexparser.parse_string(
        text, append_middleware=[middlewares.LatexDecodingMiddleware()]
    )
    assert not library.failed_blocks
    [entry] = library.entries
    assert entry.entry_type == "article"
    fields = {field.key: field.value for field in entry.fields}
    assert fields["title"] == SPECIAL_TITLE
    assert fields["author"] == "王0, 明 and 王1, 明"
    assert fields["journal"] == special.journal.title_zh
    assert fields["pages"] == "1–12"  # decoded from 1--12
    assert fields["doi"] == special.doi
    assert fields["year"] == str(special.publication_date.year)


def test_endnote_download(client, special):
    text = download(client, special, "enw", "application/x-endnote-refer")
    lines = text.splitlines()
    assert lines[0] == "%0 Journal Article"
    assert "%A 王0, 明" in lines and "%A 王1, 明" in lines
    assert f"%T {SPECIAL_TITLE}" in lines
    assert f"%J {special.journal.title_zh}" in lines
    assert f"%R {special.doi}" in lines and "%P 1-12" in lines


def test_xref_3_every_citation_download_links_the_doi_url(client, special):
    """XREF-3: RIS, BibTeX and EndNote give https://doi.org/<doi>, not the landing page."""
    doi_url = f"https://doi.org/{special.doi}"
    landing = f"http://testserver{special.get_absolute_url()}"
    for extension, content_type, line in (
        ("ris", "application/x-research-info-systems", f"UR  - {doi_url}"),
        ("bib", "application/x-bibtex", f"url = {{{doi_url}}}"),
        ("enw", "application/x-endnote-refer", f"%U {doi_url}"),
    ):
        text = download(client, special, extension, content_type)
        assert line in [row.strip().rstrip(",") for row in text.splitlines()], extension
        assert landing not in text, extension


def test_xref_3_without_a_doi_downloads_link_the_landing_page(client, db):
    """XREF-3: an article without a DOI still gets a working link: its landing page."""
    article = make_article(doi="")
    text = download(client, article, "ris", "application/x-research-info-systems")
    assert f"UR  - http://testserver{article.get_absolute_url()}" in text.splitlines()


def test_downloads_of_unpublished_articles_are_404(client, db):
    article = make_article(status=Status.DRAFT, published_at=None)
    for extension in ["ris", "bib", "enw", "json"]:
        assert client.get(f"{article.get_absolute_url()}cite.{extension}").status_code == 404
    assert client.get(f"{article.get_absolute_url()}cite/?style=apa").status_code == 404
