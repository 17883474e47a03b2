"""Crossref deposits (#17): valid against Crossref's schema 5.3.1 (tests/fixtures/crossref/)
for every case the issue lists, from the admin (articles, issues) and the command; only
public articles with a DOI go in, the others are named. Nothing is ever sent in tests."""

import email
import email.policy
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from articles.crossref import DepositError, deposit, for_deposit
from articles.models import Article, CrossrefDeposit, Status
from tests.articles.xml_cases import (
    BASE,
    CROSSREF_SETTINGS,
    ESCAPE_TITLE_ZH,
    compound_surnames_article,
    escaping_article,
    every_case,
    funded_article,
    particle_authors_article,
    registered_journal,
    shape_articles,
    year_only_article,
)
from tests.factories import make_article, make_full_article, make_issue
from tests.xml_schemas import valid_crossref

pytestmark = pytest.mark.django_db

CR = "http://www.crossref.org/schema/5.3.1"
NS = {
    "cr": CR,
    "jats": "http://www.ncbi.nlm.nih.gov/JATS1",
    "fr": "http://www.crossref.org/fundref.xsd",
    "ai": "http://www.crossref.org/AccessIndicators.xsd",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(autouse=True)
def _depositor(settings):
    for name, value in CROSSREF_SETTINGS.items():
        setattr(settings, name, value)
    settings.SITE_URL = BASE
    settings.CROSSREF_SEND = False


def xpath(tree, path):
    return tree.xpath(path, namespaces=NS)


def deposit_of(*articles):
    """The deposit of ``articles``, its reasons in English (the admin gives them in the
    editor's language)."""
    with translation.override("en"):
        result = deposit(
            for_deposit(Article.objects.filter(pk__in=[a.pk for a in articles])), base_url=BASE
        )
    return result, valid_crossref(result.xml) if result.xml else None


def test_every_case_of_the_issue_is_a_valid_deposit_and_no_doi_is_refused():
    cases = every_case()
    for name, article in cases:
        result, tree = deposit_of(article)
        if not article.doi:
            assert result.refused == [(article, "no DOI")], name
            assert result.xml == b"", name
            continue
        assert result.included == [article], name
        assert xpath(tree, "//cr:doi_data/cr:doi/text()") == [article.doi], name
    # All in one batch: grouped by journal and issue, still valid.
    result, tree = deposit_of(*(article for _, article in cases))
    assert len(result.included) == len(cases) - 1
    assert len(xpath(tree, "//cr:journal_article")) == len(cases) - 1


def test_head_and_journal_from_settings_and_the_journal():
    article = year_only_article()
    result, tree = deposit_of(article)
    assert xpath(tree, "/cr:doi_batch/@version") == ["5.3.1"]
    assert xpath(tree, "//cr:head/cr:doi_batch_id/text()") == [result.batch_id]
    assert xpath(tree, "//cr:depositor/cr:depositor_name/text()") == [
        "Axon Academic Publishing Institute"
    ]
    assert xpath(tree, "//cr:depositor/cr:email_address/text()") == ["doi@example.org"]
    assert xpath(tree, "//cr:head/cr:registrant/text()")
    titles = xpath(tree, "//cr:journal_metadata/cr:full_title/text()")
    assert titles == [article.journal.title_zh, article.journal.title_en]
    (issn,) = xpath(tree, "//cr:journal_metadata/cr:issn")
    assert (issn.text, issn.get("media_type")) == ("1002-5502", "print")
    # No volume: the issue as printed, its date at its precision (a year).
    assert xpath(tree, "//cr:journal_volume") == []
    assert xpath(tree, "//cr:journal_issue/cr:issue/text()") == ["5"]
    (printed,) = xpath(tree, "//cr:journal_issue/cr:publication_date")
    assert [child.tag for child in printed] == [f"{{{CR}}}year"]
    (article_print,) = xpath(tree, "//cr:journal_article/cr:publication_date[@media_type='print']")
    assert xpath(article_print, "*/text()") == ["2019"]


def test_titles_contributors_and_abstracts():
    article = compound_surnames_article()
    _, tree = deposit_of(article)
    (node,) = xpath(tree, "//cr:journal_article")
    assert node.get("language") == "zh"
    assert xpath(node, "cr:titles/cr:title/text()") == [article.title_en]
    (original,) = xpath(node, "cr:titles/cr:original_language_title")
    assert (original.text, original.get("language")) == (article.title_zh, "zh")
    people = xpath(node, "cr:contributors/cr:person_name")
    assert [p.get("sequence") for p in people] == ["first", "additional", "additional"]
    assert {p.get("contributor_role") for p in people} == {"author"}
    first = people[0]
    assert xpath(first, "cr:surname/text()") == ["Ouyang"]
    assert xpath(first, "cr:given_name/text()") == ["Xiaoguang"]
    assert xpath(first, "cr:alt-name/cr:name/cr:surname/text()") == ["欧阳"]
    (orcid,) = xpath(first, "cr:ORCID")
    assert (orcid.text, orcid.get("authenticated")) == (
        "https://orcid.org/0000-0002-1825-0097",
        "false",
    )
    (institution,) = xpath(first, "cr:affiliations/cr:institution")
    assert xpath(institution, "cr:institution_name/text()") == [
        "School of Government, Peking University"
    ]
    assert xpath(institution, "cr:institution_id[@type='ror']/text()") == [
        "https://ror.org/02v51f717"
    ]
    # A one-part Chinese name without romanisation: the surname as written, eastern.
    assert xpath(people[2], "cr:surname/text()") == ["诸葛亮"]
    assert people[2].get("name-style") == "eastern"
    abstracts = xpath(node, "jats:abstract")
    assert [a.get(XML_LANG) for a in abstracts] == ["zh", "en"]
    assert xpath(abstracts[0], "jats:p/text()") == ["本文研究协同治理。"]


def test_an_english_articles_chinese_title_is_a_second_titles():
    article = particle_authors_article()
    article.title_zh = "九位作者"
    article.save()
    _, tree = deposit_of(article)
    assert xpath(tree, "//cr:journal_article/cr:titles/cr:title/text()") == [
        "Nine Authors with Particles",
        "九位作者",
    ]
    assert xpath(tree, "//cr:original_language_title") == []


def test_nine_authors_with_particles_in_order():
    _, tree = deposit_of(particle_authors_article())
    surnames = xpath(tree, "//cr:person_name/cr:surname/text()")
    assert surnames[:2] == ["van der Berg", "van Beethoven"] and len(surnames) == 9
    assert xpath(tree, "//cr:person_name/@sequence").count("first") == 1


def test_funding_licence_dates_full_text_and_citations():
    article = funded_article()
    _, tree = deposit_of(article)
    (node,) = xpath(tree, "//cr:journal_article")
    groups = xpath(node, "fr:program/fr:assertion[@name='fundgroup']")
    assert xpath(groups[0], "fr:assertion[@name='funder_name']/text()") == [
        "National Natural Science Foundation of China"
    ]
    assert xpath(groups[0], ".//fr:assertion[@name='funder_identifier']/text()") == [
        "https://doi.org/10.13039/501100001809"
    ]
    assert xpath(groups[0], "fr:assertion[@name='award_number']/text()") == [
        "72074123",
        "71974054",
    ]
    assert xpath(groups[1], ".//fr:assertion[@name='funder_identifier']/text()") == [
        "https://ror.org/05ygsee60"
    ]
    licences = xpath(node, "ai:program/ai:license_ref")
    assert {ref.text for ref in licences} == {"https://creativecommons.org/licenses/by/4.0/"}
    online_day = timezone.localdate(article.published_at).isoformat()
    assert {ref.get("start_date") for ref in licences} == {online_day}
    assert xpath(node, "cr:acceptance_date/cr:year/text()") == ["2024"]
    assert xpath(node, "cr:pages/cr:first_page/text()") == ["1"]
    assert xpath(node, "cr:doi_data/cr:resource/text()") == [
        f"{BASE}/zh-hans/{article.journal.slug}/article/{article.pk}/"
    ]
    (pdf,) = xpath(node, "cr:doi_data/cr:collection[@property='text-mining']/cr:item/cr:resource")
    assert pdf.get("mime_type") == "application/pdf"
    assert pdf.text == f"{BASE}{article.galleys.get().get_absolute_url()}"
    citations = xpath(node, "cr:citation_list/cr:citation")
    assert [c.get("key") for c in citations] == ["ref1", "ref2"]
    assert xpath(citations[0], "cr:doi/text()") == ["10.1017/CBO9780511807763"]
    assert xpath(citations[1], "cr:unstructured_citation/text()") == ["王明. 治理研究[J]. 2020."]


def test_article_number_goes_in_publisher_item():
    _, tree = deposit_of(shape_articles()["article-number"])
    assert xpath(tree, "//cr:publisher_item/cr:item_number/text()") == ["e1021"]
    assert xpath(tree, "//cr:publisher_item/cr:item_number/@item_number_type") == ["article_number"]
    assert xpath(tree, "//cr:journal_article/cr:pages") == []


def test_escaping():
    _, tree = deposit_of(escaping_article())
    assert xpath(tree, "//cr:original_language_title/text()") == [ESCAPE_TITLE_ZH]
    (abstract,) = xpath(tree, "//jats:abstract[@xml:lang='zh']")
    paragraph = xpath(abstract, "jats:p")[0]
    assert "".join(paragraph.itertext()) == "研究 A & B < C > D \"q\" 'a'，H2O 与 E=mc2：斜体。"
    assert xpath(paragraph, "jats:sub/text()") == ["2"]
    assert xpath(paragraph, "jats:italic/text()") == ["斜体"]


def test_only_public_articles_with_a_doi_go_in_and_the_others_are_named():
    issue = make_issue(registered_journal())
    public = make_article(issue=issue, doi="10.5555/ok")
    draft = make_article(issue=issue, doi="10.5555/draft", status=Status.DRAFT, published_at=None)
    scheduled = make_article(
        issue=issue, doi="10.5555/later", published_at=timezone.now() + timedelta(days=2)
    )
    no_doi = make_article(issue=issue, doi="")
    garbled = make_article(issue=issue, doi="10.5555/garbled")
    garbled.authors.create(family_name="???", given_name="Ann")  # a broken encoding
    no_issn = make_article(doi="10.5555/no.issn")
    deleted = make_article(issue=issue, doi="10.5555/deleted", deleted_at=timezone.now())
    result, tree = deposit_of(public, draft, scheduled, no_doi, garbled, no_issn, deleted)
    assert result.included == [public]
    reasons = {article.pk: reason for article, reason in result.refused}
    assert reasons[draft.pk] == "not published"
    assert reasons[scheduled.pk] == "scheduled, not public yet"
    assert reasons[no_doi.pk] == "no DOI"
    assert "???" in reasons[garbled.pk]
    assert reasons[no_issn.pk].startswith("the journal has no ISSN")
    assert reasons[deleted.pk] == "deleted"
    assert xpath(tree, "//cr:doi/text()") == ["10.5555/ok"]


def test_missing_depositor_settings_are_named(settings):
    settings.CROSSREF_REGISTRANT = ""
    with pytest.raises(DepositError, match="CROSSREF_REGISTRANT"):
        deposit_of(make_article(doi="10.5555/x"))


@pytest.mark.parametrize("count", [1, 10])
def test_an_issue_deposit_runs_a_fixed_number_of_queries(django_assert_num_queries, count):
    issue = make_issue(registered_journal())
    for _ in range(count):
        make_full_article(issue=issue, journal=issue.journal)
    with django_assert_num_queries(7):
        result = deposit(for_deposit(Article.objects.filter(issue=issue)), base_url=BASE)
    assert len(result.included) == count


# The admin.


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def run_action(client, model, action, pks):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return client.post(
        url, {"action": action, "_selected_action": [str(pk) for pk in pks]}, follow=False
    )


def test_admin_downloads_the_deposit_of_articles_and_shows_their_state(admin_client):
    article = funded_article()
    no_doi = make_article(doi="", title_zh="没有DOI的文章")
    response = run_action(
        admin_client, Article, "download_crossref_deposit", [article.pk, no_doi.pk]
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="crossref-')
    tree = valid_crossref(response.content)
    assert xpath(tree, "//cr:doi_data/cr:doi/text()") == [article.doi]
    batch = xpath(tree, "//cr:doi_batch_id/text()")[0]
    assert CrossrefDeposit.objects.get(article=article).batch_id == batch
    assert not CrossrefDeposit.objects.filter(article=no_doi).exists()

    changelist = admin_client.get(reverse("admin:articles_article_changelist"))
    page = changelist.content.decode()
    assert "Left out" not in page
    assert f"batch {batch}" in page
    assert "没有DOI的文章" in page and "never" in page
    messages = [str(m) for m in changelist.context["messages"]]
    assert any("没有DOI的文章" in m and "no DOI" in m for m in messages)


def test_admin_issue_action_deposits_the_issue(admin_client):
    issue = make_issue(registered_journal())
    articles = [make_full_article(issue=issue, journal=issue.journal) for _ in range(2)]
    response = run_action(admin_client, type(issue), "download_crossref_deposit", [issue.pk])
    tree = valid_crossref(response.content)
    assert sorted(xpath(tree, "//cr:journal_article/cr:doi_data/cr:doi/text()")) == sorted(
        a.doi for a in articles
    )
    assert len(xpath(tree, "//cr:journal")) == 1


def test_admin_names_what_is_left_out_in_chinese_too(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    no_doi = make_article(doi="", title_zh="没有DOI的文章")
    response = run_action(admin_client, Article, "download_crossref_deposit", [no_doi.pk])
    page = admin_client.get(response["Location"]).content.decode()
    assert "1 篇文章未纳入 Crossref 注册文件：“没有DOI的文章”" in page
    assert "没有 DOI" in page and "没有可注册的文章：未生成文件。" in page


def test_admin_says_so_when_nothing_can_be_deposited(admin_client):
    draft = make_article(doi="10.5555/d", status=Status.DRAFT, published_at=None)
    response = run_action(admin_client, Article, "download_crossref_deposit", [draft.pk])
    assert response.status_code == 302
    page = admin_client.get(response["Location"]).content.decode()
    assert "No article to deposit: nothing was written." in page
    assert not CrossrefDeposit.objects.exists()


# The command.


def test_command_writes_the_deposit_and_records_it(tmp_path):
    article = funded_article()
    make_article(issue=article.issue, journal=article.journal, doi="")
    output = tmp_path / "deposit.xml"
    call_command("crossref_deposit", "--issue", str(article.issue.pk), "-o", str(output))
    tree = valid_crossref(output.read_bytes())
    assert xpath(tree, "//cr:doi_data/cr:doi/text()") == [article.doi]
    state = CrossrefDeposit.objects.get(article=article)
    assert not state.sent
    assert xpath(tree, "//cr:doi_batch_id/text()") == [state.batch_id]


def test_command_refuses_to_send_unless_allowed_and_sends_nothing(tmp_path, settings):
    article = funded_article()
    output = tmp_path / "deposit.xml"
    with pytest.raises(CommandError, match="CROSSREF_SEND"):
        call_command("crossref_deposit", "--article", str(article.pk), "-o", str(output), "--send")
    assert output.exists()  # the file is written; nothing was sent
    assert not CrossrefDeposit.objects.exists()
    settings.CROSSREF_SEND = True
    settings.CROSSREF_USERNAME = ""
    with pytest.raises(CommandError, match="CROSSREF_USERNAME"):
        call_command("crossref_deposit", "--article", str(article.pk), "-o", str(output), "--send")


def test_command_names_what_is_missing(tmp_path):
    output = str(tmp_path / "x.xml")
    with pytest.raises(CommandError, match="No journal"):
        call_command("crossref_deposit", "--journal", "nope", "-o", output)
    with pytest.raises(CommandError, match="No article has the id 999"):
        call_command("crossref_deposit", "--article", "999", "-o", output)
    draft = make_article(status=Status.DRAFT, published_at=None, doi="10.5555/draft")
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("crossref_deposit", "--article", str(draft.pk), "-o", output)
    assert not Path(output).exists()


class DepositEndpoint(BaseHTTPRequestHandler):
    """A local stand-in for Crossref's deposit endpoint: keeps what it was sent."""

    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        message = email.message_from_bytes(
            f"Content-Type: {self.headers['Content-Type']}\r\n\r\n".encode() + body,
            policy=email.policy.HTTP,
        )
        parts = {
            part.get_param("name", header="content-disposition"): (
                part.get_filename(),
                part.get_payload(decode=True),
            )
            for part in message.iter_parts()
        }
        DepositEndpoint.received.append(parts)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body><h2>SUCCESS</h2></body></html>")

    def log_message(self, *args):
        pass


@pytest.fixture
def deposit_endpoint(settings):
    server = HTTPServer(("127.0.0.1", 0), DepositEndpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    DepositEndpoint.received = []
    settings.CROSSREF_DEPOSIT_URL = f"http://127.0.0.1:{server.server_port}/servlet/deposit"
    yield DepositEndpoint.received
    server.shutdown()
    server.server_close()


def test_send_posts_the_file_with_the_login_and_records_it(tmp_path, settings, deposit_endpoint):
    settings.CROSSREF_SEND = True
    settings.CROSSREF_USERNAME = "member/role"
    settings.CROSSREF_PASSWORD = "s3cret"
    article = funded_article()
    output = tmp_path / "deposit.xml"
    out = StringIO()
    call_command(
        "crossref_deposit", "--article", str(article.pk), "-o", str(output), "--send", stdout=out
    )
    (parts,) = deposit_endpoint
    assert parts["operation"] == (None, b"doMDUpload")
    assert parts["login_id"] == (None, b"member/role")
    assert parts["login_passwd"] == (None, b"s3cret")
    filename, xml = parts["fname"]
    assert xml == output.read_bytes()
    tree = valid_crossref(xml)
    state = CrossrefDeposit.objects.get(article=article)
    assert state.sent
    assert filename == f"{state.batch_id}.xml"
    assert xpath(tree, "//cr:doi_batch_id/text()") == [state.batch_id]
    assert "SUCCESS" in out.getvalue() and "doi@example.org" in out.getvalue()


def test_send_never_goes_to_another_host_over_plain_http(tmp_path, settings):
    settings.CROSSREF_SEND = True
    settings.CROSSREF_USERNAME, settings.CROSSREF_PASSWORD = "member", "pw"
    settings.CROSSREF_DEPOSIT_URL = "http://doi.crossref.org/servlet/deposit"
    article = funded_article()
    with pytest.raises(CommandError, match="https://"):
        call_command(
            "crossref_deposit",
            "--article",
            str(article.pk),
            "-o",
            str(tmp_path / "x.xml"),
            "--send",
        )
    assert not CrossrefDeposit.objects.exists()
