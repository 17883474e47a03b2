"""The OAI-PMH 2.0 endpoint, checked through the responses a harvester parses.

The OAI XSDs are not vendored (no PyPI or npm package ships them), so structure is
checked with lxml XPath against the namespaces and element names of the spec.
Test names carry the standards IDs (docs/standards.md, section 5).
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Status
from articles.publishing import (
    delete_articles,
    publish_articles,
    restore_articles,
    unpublish_articles,
    unpublish_issue,
)
from journal.models import Issue
from oai.models import Tombstone, refresh_datestamps
from tests.factories import (
    make_article,
    make_author,
    make_full_article,
    make_issue,
    make_journal,
    make_section,
)
from tests.forms import article_form_data
from tests.oai.responses import XML_LANG, error_code, identifier_of, xpath

pytestmark = pytest.mark.django_db

EARLY = datetime(2020, 1, 1, tzinfo=UTC)


def stamp(article, moment):
    """Give an article the OAI datestamp ``moment`` (its last change)."""
    Issue.objects.filter(pk=article.issue_id).update(updated_at=EARLY)
    Article.objects.filter(pk=article.pk).update(updated_at=moment, published_at=EARLY)
    refresh_datestamps(article_ids=[article.pk])  # as a save at that moment would have


def datestamps(tree):
    return [
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        for value in xpath(tree, "//o:header/o:datestamp/text()")
    ]


def identifiers(tree):
    return xpath(tree, "//o:header/o:identifier/text()")


def without_response_date(tree):
    for node in xpath(tree, "/o:OAI-PMH/o:responseDate"):
        node.text = ""
    from lxml import etree

    return etree.tostring(tree)


# OAI-1, OAI-2: binding and envelope


def test_oai_1_get_and_post_give_the_same_identify(harvest):
    make_article()
    by_get = harvest(verb="Identify")
    by_post = harvest("post", verb="Identify")
    assert without_response_date(by_get) == without_response_date(by_post)


def test_oai_1_post_list_records_works(harvest):
    article = make_article()
    tree = harvest("post", verb="ListRecords", metadataPrefix="oai_dc")
    assert identifiers(tree) == [identifier_of(article)]


def test_oai_1_other_http_methods_are_refused(client):
    assert client.put("/oai/?verb=Identify").status_code == 405


def test_oai_2_envelope_has_namespace_schema_date_and_request(harvest):
    tree = harvest(verb="ListMetadataFormats")
    assert tree.tag == "{http://www.openarchives.org/OAI/2.0/}OAI-PMH"
    location = tree.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
    assert location.split() == [
        "http://www.openarchives.org/OAI/2.0/",
        "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd",
    ]
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", xpath(tree, "string(/o:OAI-PMH/o:responseDate)")
    )
    request = xpath(tree, "/o:OAI-PMH/o:request")[0]
    assert request.text == "http://testserver/oai/"
    assert dict(request.attrib) == {"verb": "ListMetadataFormats"}


def test_oai_2_request_echoes_arguments(harvest):
    article = make_article()
    tree = harvest(verb="GetRecord", identifier=identifier_of(article), metadataPrefix="oai_dc")
    request = xpath(tree, "/o:OAI-PMH/o:request")[0]
    assert dict(request.attrib) == {
        "verb": "GetRecord",
        "identifier": identifier_of(article),
        "metadataPrefix": "oai_dc",
    }


@pytest.mark.parametrize(
    "params",
    [
        {"verb": "Nonsense"},
        {"verb": "ListRecords"},
        {"verb": "ListRecords", "metadataPrefix": "x", "from": "junk"},
    ],
)
def test_oai_2_bad_verb_and_bad_argument_request_has_no_attributes(harvest, params):
    tree = harvest(**params)
    assert error_code(tree) in {"badVerb", "badArgument"}
    assert dict(xpath(tree, "/o:OAI-PMH/o:request")[0].attrib) == {}


# OAI-3, OAI-4: Identify


@pytest.mark.parametrize(
    "verb", ["Identify", "ListMetadataFormats", "ListSets", "ListIdentifiers", "ListRecords"]
)
def test_oai_3_every_verb_answers_with_its_own_element(harvest, verb):
    """OAI-3: the six verbs are implemented (GetRecord below); none answers with an error."""
    make_article()
    params = {"metadataPrefix": "oai_dc"} if verb in ("ListIdentifiers", "ListRecords") else {}
    tree = harvest(verb=verb, **params)
    assert error_code(tree) == ""
    assert len(xpath(tree, f"/o:OAI-PMH/o:{verb}")) == 1
    assert len(xpath(tree, f"/o:OAI-PMH/o:{verb}/*")) >= 1


def test_oai_3_get_record_answers_with_the_record(harvest):
    """OAI-3: GetRecord returns one record with header and oai_dc metadata."""
    article = make_article()
    tree = harvest(verb="GetRecord", identifier=identifier_of(article), metadataPrefix="oai_dc")
    assert error_code(tree) == ""
    (record,) = xpath(tree, "/o:OAI-PMH/o:GetRecord/o:record")
    assert xpath(record, "string(o:header/o:identifier)") == identifier_of(article)
    assert len(xpath(record, "o:metadata/oai_dc:dc")) == 1


def test_oai_4_identify_has_required_fields(harvest, settings):
    settings.OAI_ADMIN_EMAIL = "oai@example.org"
    settings.SITE_NAME = "Axon Journals"
    first = make_article()
    second = make_article()
    stamp(first, datetime(2024, 3, 1, 8, 0, 0, tzinfo=UTC))
    tree = harvest(verb="Identify")
    identify = xpath(tree, "/o:OAI-PMH/o:Identify")[0]
    for name in [
        "repositoryName",
        "baseURL",
        "protocolVersion",
        "earliestDatestamp",
        "deletedRecord",
        "granularity",
    ]:
        assert len(xpath(identify, f"o:{name}")) == 1, name
    assert xpath(identify, "string(o:repositoryName)") == "Axon Journals"
    assert xpath(identify, "string(o:baseURL)") == "http://testserver/oai/"
    assert xpath(identify, "string(o:protocolVersion)") == "2.0"
    assert xpath(identify, "o:adminEmail/text()") == ["oai@example.org"]
    assert xpath(identify, "string(o:deletedRecord)") == "persistent"
    assert xpath(identify, "string(o:granularity)") == "YYYY-MM-DDThh:mm:ssZ"
    earliest = xpath(identify, "string(o:earliestDatestamp)")
    assert earliest == "2024-03-01T08:00:00Z"
    listed = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert datetime.strptime(earliest, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) <= min(
        datestamps(listed)
    )
    assert set(identifiers(listed)) == {identifier_of(first), identifier_of(second)}


def test_oai_4_identify_describes_the_oai_identifier_scheme(harvest):
    tree = harvest(verb="Identify")
    description = xpath(tree, "//o:description/id:oai-identifier")[0]
    assert xpath(description, "string(id:scheme)") == "oai"
    assert xpath(description, "string(id:repositoryIdentifier)") == "testserver"
    assert xpath(description, "string(id:delimiter)") == ":"
    assert xpath(description, "string(id:sampleIdentifier)") == "oai:testserver:article/1"


def test_oai_4_identify_of_an_empty_repository_still_has_an_earliest_datestamp(harvest):
    tree = harvest(verb="Identify")
    assert xpath(tree, "string(//o:earliestDatestamp)") == "1970-01-01T00:00:00Z"


def test_oai_12_repository_id_setting_names_identifiers(harvest, settings):
    settings.OAI_REPOSITORY_ID = "journals.example.org"
    article = make_article()
    tree = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert identifiers(tree) == [f"oai:journals.example.org:article/{article.pk}"]


# OAI-6: metadata formats


def test_oai_6_list_metadata_formats_offers_oai_dc_and_oai_jats(harvest):
    tree = harvest(verb="ListMetadataFormats")
    formats = xpath(tree, "//o:metadataFormat")
    assert len(formats) == 2
    assert xpath(formats[0], "string(o:metadataPrefix)") == "oai_dc"
    assert xpath(formats[0], "string(o:schema)") == "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    assert (
        xpath(formats[0], "string(o:metadataNamespace)")
        == "http://www.openarchives.org/OAI/2.0/oai_dc/"
    )
    assert xpath(formats[1], "string(o:metadataPrefix)") == "oai_jats"
    assert xpath(formats[1], "string(o:schema)") == (
        "https://jats.nlm.nih.gov/publishing/1.3/xsd/JATS-journalpublishing1-3.xsd"
    )


def test_oai_6_list_metadata_formats_for_one_identifier(harvest):
    article = make_article()
    tree = harvest(verb="ListMetadataFormats", identifier=identifier_of(article))
    assert xpath(tree, "//o:metadataPrefix/text()") == ["oai_dc", "oai_jats"]


# OAI-11: sets


def test_oai_11_list_sets_has_journals_and_sections(harvest):
    journal = make_journal(slug="jpa", title_zh="公共管理学报", title_en="Journal of PA")
    make_section(journal, slug="research")
    make_section(journal, slug="reviews")
    tree = harvest(verb="ListSets")
    specs = xpath(tree, "//o:set/o:setSpec/text()")
    assert specs == ["jpa", "jpa:research", "jpa:reviews"]
    assert xpath(tree, "string(//o:set[o:setSpec='jpa']/o:setName)") == "公共管理学报"
    for spec in specs:
        assert re.fullmatch(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*", spec)


def test_oai_11_set_selects_one_journal_or_one_section(harvest):
    journal = make_journal(slug="jpa")
    issue = make_issue(journal)
    research = make_section(journal, slug="research")
    reviews = make_section(journal, slug="reviews")
    in_research = make_article(issue=issue, section=research)
    in_reviews = make_article(issue=issue, section=reviews)
    elsewhere = make_article()
    whole = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc", set="jpa")
    assert set(identifiers(whole)) == {identifier_of(in_research), identifier_of(in_reviews)}
    one = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc", set="jpa:reviews")
    assert identifiers(one) == [identifier_of(in_reviews)]
    assert xpath(one, "//o:header/o:setSpec/text()") == ["jpa", "jpa:reviews"]
    other = harvest(verb="ListRecords", metadataPrefix="oai_dc", set=elsewhere.journal.slug)
    assert identifiers(other) == [identifier_of(elsewhere)]


def test_oai_11_unknown_set_matches_no_records(harvest):
    make_article()
    tree = harvest(verb="ListRecords", metadataPrefix="oai_dc", set="nope")
    assert error_code(tree) == "noRecordsMatch"


# OAI-12, OAI-13: records


def test_oai_12_identifiers_have_the_guideline_form_and_round_trip(harvest):
    article = make_article()
    listed = identifiers(harvest(verb="ListIdentifiers", metadataPrefix="oai_dc"))
    assert len(listed) == 1
    assert re.fullmatch(r"oai:[A-Za-z0-9.-]+:article/\d+", listed[0])
    tree = harvest(verb="GetRecord", identifier=listed[0], metadataPrefix="oai_dc")
    assert identifiers(tree) == [identifier_of(article)]


def test_oai_13_record_maps_the_article_to_dublin_core(harvest):
    journal = make_journal(slug="jpa", issn_online="2096-1235", issn_print="1672-6162")
    issue = make_issue(journal, volume=3, number=2, year=2025)
    article = make_full_article(
        issue=issue,
        title_zh="协同治理：政府与“社会组织”——A&B <研究>",
        title_en='Collaborative governance: "state" & society <study>',
        abstract_zh="<p>本文研究<i>协同</i>治理。</p>",
        abstract_en="<p>This paper studies <i>collaborative</i> governance &amp; more.</p>",
        copyright_year=2025,
    )
    tree = harvest(verb="GetRecord", identifier=identifier_of(article), metadataPrefix="oai_dc")
    dc = xpath(tree, "//o:record/o:metadata/oai_dc:dc")[0]
    assert dc.nsmap["dc"] == "http://purl.org/dc/elements/1.1/"

    def values(tag):
        return [(node.text, node.get(XML_LANG)) for node in xpath(dc, f"dc:{tag}")]

    assert values("title") == [
        ("协同治理：政府与“社会组织”——A&B <研究>", "zh-Hans"),
        ('Collaborative governance: "state" & society <study>', "en"),
    ]
    assert [text for text, _ in values("creator")] == ["王0, 明", "王1, 明", "王2, 明"]
    assert values("subject") == [
        ("协同治理", "zh-Hans"),
        ("社会组织", "zh-Hans"),
        ("政府购买服务", "zh-Hans"),
        ("collaborative governance", "en"),
        ("social organizations", "en"),
    ]
    assert values("description") == [
        ("本文研究协同治理。", "zh-Hans"),
        ("This paper studies collaborative governance & more.", "en"),
    ]
    assert values("publisher") == [("Axon Academic Publishing Institute", None)]
    assert values("date") == [(timezone.localdate(article.published_at).isoformat(), None)]
    types = [text for text, _ in values("type")]
    assert "info:eu-repo/semantics/article" in types
    assert "info:eu-repo/semantics/publishedVersion" in types
    assert [text for text, _ in values("format")] == ["text/html", "application/pdf"]
    landing = f"http://testserver/zh-hans/jpa/article/{article.pk}/"
    assert [text for text, _ in values("identifier")] == [
        landing,
        f"https://doi.org/{article.doi}",
    ]
    sources = [text for text, _ in values("source")]
    assert sources[0] == f"{journal.title_zh}; Vol 3 No 2 ({article.publication_date.year}); 1-12"
    assert sources[1].startswith(f"{journal.title_en}; Vol 3 No 2")
    assert sources[2:] == ["2096-1235", "1672-6162"]
    assert values("language") == [("zh-Hans", None)]
    galley = article.galleys.get()
    assert values("relation") == [(f"{landing}galley/{galley.pk}/", None)]
    rights = [text for text, _ in values("rights")]
    assert rights == [
        "Copyright (c) 2025 王0明, 王1明, 王2明",
        "https://creativecommons.org/licenses/by/4.0/",
    ]
    # Only Dublin Core elements inside oai_dc:dc.
    assert {child.tag.split("}")[0] for child in dc} == {"{http://purl.org/dc/elements/1.1/"}


def test_oai_13_landing_url_uses_site_url(harvest, settings):
    settings.SITE_URL = "https://journals.example.org"
    article = make_article(language="en")
    tree = harvest(
        verb="GetRecord",
        identifier=f"oai:journals.example.org:article/{article.pk}",
        metadataPrefix="oai_dc",
    )
    assert xpath(tree, "//dc:identifier/text()")[0] == (
        f"https://journals.example.org/en/{article.journal.slug}/article/{article.pk}/"
    )
    assert xpath(tree, "//dc:language/text()") == ["en"]
    assert xpath(tree, "string(//o:request)") == "https://journals.example.org/oai/"


def test_oai_13_injection_in_titles_comes_out_as_text(harvest, client):
    article = make_article(
        title_en="<script>alert(1)</script>]]><x/>&amp;",
        title_zh="标题\x0b含控制字符",
    )
    make_author(article, family_name="<b>Evil</b>", given_name="&", family_name_en="")
    response = client.get(
        "/oai/",
        {"verb": "GetRecord", "identifier": identifier_of(article), "metadataPrefix": "oai_dc"},
    )
    assert b"<script>" not in response.content
    from lxml import etree

    tree = etree.fromstring(response.content)
    assert xpath(tree, "//script") == []
    titles = xpath(tree, "//dc:title/text()")
    assert "<script>alert(1)</script>]]><x/>&amp;" in titles
    assert "标题含控制字符" in titles
    assert xpath(tree, "//dc:creator/text()") == ["<b>Evil</b>, &"]


def test_oai_13_request_arguments_are_escaped_in_the_echo(harvest):
    tree = harvest(verb="GetRecord", identifier='<x a="1">&', metadataPrefix="oai_dc")
    assert error_code(tree) == "idDoesNotExist"
    assert xpath(tree, "string(//o:request/@identifier)") == '<x a="1">&'


# XC-2: only published articles


def test_xc_2_drafts_scheduled_and_unpublished_issues_never_appear(harvest):
    public = make_article()
    draft = make_article(status=Status.DRAFT, published_at=None)
    scheduled = make_article(
        status=Status.PUBLISHED, published_at=timezone.now() + timedelta(days=3)
    )
    hidden_issue = make_issue(is_published=False)
    in_hidden_issue = make_article(issue=hidden_issue)
    tree = harvest(verb="ListRecords", metadataPrefix="oai_dc")
    assert identifiers(tree) == [identifier_of(public)]
    for article in (draft, scheduled, in_hidden_issue):
        got = harvest(verb="GetRecord", identifier=identifier_of(article), metadataPrefix="oai_dc")
        assert error_code(got) == "idDoesNotExist"


# OAI-9: deleted records. Every path that takes a public article off the site leaves
# a tombstone (oai.receivers, on the articles_withdrawn signal), and the tombstone
# outlives even a hard delete, so Identify says deletedRecord=persistent.


def assert_deleted_record(harvest, article_pk, withdrawn_after):
    identifier = f"oai:testserver:article/{article_pk}"
    tombstone = Tombstone.objects.get(record_id=article_pk)
    assert tombstone.deleted_at >= withdrawn_after
    tree = harvest(verb="GetRecord", identifier=identifier, metadataPrefix="oai_dc")
    header = xpath(tree, "//o:record/o:header")[0]
    assert header.get("status") == "deleted"
    assert xpath(tree, "//o:record/o:metadata") == []
    assert xpath(tree, "//o:record/o:about") == []
    assert xpath(header, "string(o:datestamp)") == tombstone.deleted_at.astimezone(UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    listed = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert identifier in xpath(listed, "//o:header[@status='deleted']/o:identifier/text()")
    records = harvest(verb="ListRecords", metadataPrefix="oai_dc")
    assert identifier in xpath(records, "//o:header[@status='deleted']/o:identifier/text()")
    return header


@pytest.fixture
def editor_client(client):
    User.objects.create_superuser("chief", password="pw-long-enough-1")
    client.login(username="chief", password="pw-long-enough-1")
    return client


def test_oai_9_unpublish_service_makes_a_deleted_record(harvest):
    article = make_article()
    before = timezone.now().replace(microsecond=0)
    unpublish_articles(articles=Article.objects.filter(pk=article.pk))
    header = assert_deleted_record(harvest, article.pk, before)
    assert xpath(header, "o:setSpec/text()") == [
        article.journal.slug,
        f"{article.journal.slug}:{article.section.slug}",
    ]


def test_oai_9_unpublish_admin_action_makes_a_deleted_record(harvest, editor_client):
    article = make_article()
    before = timezone.now().replace(microsecond=0)
    editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    editor_client.logout()
    assert_deleted_record(harvest, article.pk, before)


def test_oai_9_status_changed_to_draft_in_the_admin_form_makes_a_deleted_record(
    harvest, editor_client
):
    article = make_article(doi="10.5555/oai.9")
    before = timezone.now().replace(microsecond=0)
    data = article_form_data(article.issue, article.section, status=Status.DRAFT)
    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    editor_client.logout()
    assert_deleted_record(harvest, article.pk, before)


def test_oai_9_publication_time_moved_into_the_future_in_the_admin_makes_a_deleted_record(
    harvest, editor_client
):
    article = make_article()
    before = timezone.now().replace(microsecond=0)
    later = timezone.localtime() + timedelta(days=30)
    data = article_form_data(
        article.issue,
        article.section,
        status=Status.PUBLISHED,
        published_at_0=later.strftime("%Y-%m-%d"),
        published_at_1="09:00:00",
    )
    editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    editor_client.logout()
    assert_deleted_record(harvest, article.pk, before)


def test_oai_9_soft_deleted_article_is_a_deleted_record(harvest, editor_client):
    article = make_article()
    before = timezone.now().replace(microsecond=0)
    response = editor_client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert Article.objects.deleted().filter(pk=article.pk).exists()
    editor_client.logout()
    assert_deleted_record(harvest, article.pk, before)


def test_oai_9_unpublished_issue_makes_its_articles_deleted_records(harvest):
    issue = make_issue()
    article = make_article(issue=issue)
    draft = make_article(issue=issue, status=Status.DRAFT, published_at=None)
    before = timezone.now().replace(microsecond=0)
    unpublish_issue(issue=issue)
    assert_deleted_record(harvest, article.pk, before)
    assert not Tombstone.objects.filter(record_id=draft.pk).exists()


def test_oai_9_issue_unpublished_in_the_admin_form_makes_its_articles_deleted_records(
    harvest, editor_client
):
    issue = make_issue()
    article = make_article(issue=issue)
    before = timezone.now().replace(microsecond=0)
    response = editor_client.post(
        reverse("admin:journal_issue_change", args=[issue.pk]),
        {
            "journal": issue.journal.pk,
            "volume": issue.volume,
            "number": issue.number,
            "year": issue.year,
            "publication_date": "2025-06-30",
            # "is_published" unticked
        },
    )
    assert response.status_code == 302
    editor_client.logout()
    assert_deleted_record(harvest, article.pk, before)


def test_oai_9_republished_and_restored_articles_are_live_again(harvest):
    unpublished, deleted = make_article(), make_article()
    unpublish_articles(articles=Article.objects.filter(pk=unpublished.pk))
    delete_articles(articles=Article.objects.filter(pk=deleted.pk))
    assert Tombstone.objects.count() == 2
    publish_articles(articles=Article.objects.filter(pk=unpublished.pk))
    restore_articles(articles=Article.objects.filter(pk=deleted.pk))
    assert not Tombstone.objects.exists()
    for article in (unpublished, deleted):
        tree = harvest(verb="GetRecord", identifier=identifier_of(article), metadataPrefix="oai_dc")
        assert xpath(tree, "//o:header/@status") == []
        assert len(xpath(tree, "//oai_dc:dc")) == 1


def test_oai_9_draft_never_public_leaves_no_tombstone(harvest):
    draft = make_article(status=Status.DRAFT, published_at=None)
    unpublish_articles(articles=Article.objects.filter(pk=draft.pk))
    delete_articles(articles=Article.objects.filter(pk=draft.pk))
    assert not Tombstone.objects.exists()
    tree = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert error_code(tree) == "noRecordsMatch"


def test_oai_9_hard_deleted_article_stays_a_deleted_record_for_good(harvest):
    """deletedRecord=persistent: the identifier answers as deleted after the row is gone."""
    public, withdrawn = make_article(), make_article()
    unpublish_articles(articles=Article.objects.filter(pk=withdrawn.pk))
    before = timezone.now().replace(microsecond=0)
    public_pk, withdrawn_pk = public.pk, withdrawn.pk
    public.delete()
    Article.objects.filter(pk=withdrawn_pk).delete()
    assert not Article.objects.exists()
    assert_deleted_record(harvest, public_pk, before)
    assert_deleted_record(harvest, withdrawn_pk, EARLY)
    tree = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc", set=public.journal.slug)
    assert xpath(tree, "//o:header[@status='deleted']/o:identifier/text()") == [
        f"oai:testserver:article/{public_pk}"
    ]
    identify = harvest(verb="Identify")
    assert xpath(identify, "string(//o:deletedRecord)") == "persistent"


def test_oai_7_pages_merge_public_and_deleted_records_in_datestamp_order(harvest, settings):
    settings.OAI_PAGE_SIZE = 2
    articles = [make_article() for _ in range(5)]
    for index, article in enumerate(articles):
        stamp(article, datetime(2024, 1, 1 + index, tzinfo=UTC))
    unpublish_articles(articles=Article.objects.filter(pk__in=[articles[1].pk, articles[3].pk]))
    Tombstone.objects.filter(record_id=articles[1].pk).update(
        deleted_at=datetime(2024, 1, 2, tzinfo=UTC)
    )
    Tombstone.objects.filter(record_id=articles[3].pk).update(
        deleted_at=datetime(2024, 1, 4, tzinfo=UTC)
    )
    seen = []
    tree = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc")
    while True:
        seen += identifiers(tree)
        token = xpath(tree, "string(//o:resumptionToken)")
        if not token:
            break
        tree = harvest(verb="ListIdentifiers", resumptionToken=token)
    assert seen == [identifier_of(article) for article in articles]


# OAI-5, OAI-10: selective harvesting by date


def test_oai_5_from_and_until_at_day_granularity_include_whole_days(harvest):
    early = make_article()
    late = make_article()
    stamp(early, datetime(2024, 5, 1, 23, 59, 59, tzinfo=UTC))
    stamp(late, datetime(2024, 5, 2, 0, 0, 0, tzinfo=UTC))
    tree = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc", until="2024-05-01")
    assert identifiers(tree) == [identifier_of(early)]
    tree = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2024-05-02"})
    assert identifiers(tree) == [identifier_of(late)]
    tree = harvest(
        verb="ListIdentifiers",
        metadataPrefix="oai_dc",
        **{"from": "2024-05-01", "until": "2024-05-02"},
    )
    assert identifiers(tree) == [identifier_of(early), identifier_of(late)]


def test_oai_5_from_and_until_at_second_granularity_are_inclusive(harvest):
    article = make_article()
    stamp(article, datetime(2024, 5, 1, 10, 20, 30, 500000, tzinfo=UTC))
    tree = harvest(
        verb="ListIdentifiers",
        metadataPrefix="oai_dc",
        **{"from": "2024-05-01T10:20:30Z", "until": "2024-05-01T10:20:30Z"},
    )
    assert identifiers(tree) == [identifier_of(article)]
    assert xpath(tree, "string(//o:datestamp)") == "2024-05-01T10:20:30Z"
    after = harvest(
        verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2024-05-01T10:20:31Z"}
    )
    assert error_code(after) == "noRecordsMatch"
    before = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc", until="2024-05-01T10:20:29Z")
    assert error_code(before) == "noRecordsMatch"


def test_oai_5_datestamps_are_utc(harvest, settings):
    article = make_article()
    stamp(article, datetime(2024, 5, 1, 23, 30, tzinfo=UTC))  # 07:30 next day in Shanghai
    tree = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert xpath(tree, "string(//o:datestamp)") == "2024-05-01T23:30:00Z"


def test_oai_10_editing_an_article_updates_its_datestamp(harvest):
    article = make_article()
    stamp(article, EARLY)
    checkpoint = timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert (
        error_code(harvest(verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": checkpoint}))
        == "noRecordsMatch"
    )
    article.refresh_from_db()
    article.title_en = "A corrected title"
    article.save()
    tree = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": checkpoint})
    assert identifiers(tree) == [identifier_of(article)]


def test_oai_10_publishing_an_issue_updates_its_articles_datestamps(harvest):
    issue = make_issue(is_published=False)
    article = make_article(issue=issue)
    Article.objects.filter(pk=article.pk).update(updated_at=EARLY, published_at=EARLY)
    refresh_datestamps(article_ids=[article.pk])
    checkpoint = timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    issue.is_published = True
    issue.save()
    tree = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": checkpoint})
    assert identifiers(tree) == [identifier_of(article)]


# OAI-8: every error code


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Explode"}, "badVerb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-45"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T00:00"},
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2024-01-01",
                "until": "2023-01-01",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2024-01-01",
                "until": "2024-02-01T00:00:00Z",
            },
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "a b"}, "badArgument"),
        (
            {"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"},
            "badArgument",
        ),
        ({"verb": "ListRecords", "resumptionToken": "garbage"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "garbage"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "marcxml"}, "cannotDisseminateFormat"),
        (
            {"verb": "GetRecord", "identifier": "PUBLISHED", "metadataPrefix": "mods"},
            "cannotDisseminateFormat",
        ),
        (
            {
                "verb": "GetRecord",
                "identifier": "oai:testserver:article/999999",
                "metadataPrefix": "oai_dc",
            },
            "idDoesNotExist",
        ),
        (
            {
                "verb": "GetRecord",
                "identifier": "oai:elsewhere.org:article/PK",
                "metadataPrefix": "oai_dc",
            },
            "idDoesNotExist",
        ),
        (
            {"verb": "ListMetadataFormats", "identifier": "oai:testserver:article/x"},
            "idDoesNotExist",
        ),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2999-01-01"},
            "noRecordsMatch",
        ),
    ],
)
def test_oai_8_error_codes(harvest, params, code):
    article = make_article()
    for key, value in params.items():
        if value == "PUBLISHED":
            params[key] = identifier_of(article)
        elif isinstance(value, str) and value.endswith("/PK"):
            params[key] = value.replace("PK", str(article.pk))
    tree = harvest(**params)
    assert error_code(tree) == code
    assert xpath(tree, "string(/o:OAI-PMH/o:error)")
    # An error response carries no verb element (never an empty list).
    assert len(tree) == 3


def test_oai_8_token_of_another_verb_is_rejected(harvest, settings):
    settings.OAI_PAGE_SIZE = 1
    make_article()
    make_article()
    tree = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = xpath(tree, "string(//o:resumptionToken)")
    assert token
    assert error_code(harvest(verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert error_code(harvest(verb="ListIdentifiers", resumptionToken=tampered)) == (
        "badResumptionToken"
    )


# OAI-7: flow control


def page_through(harvest, verb, **params):
    tree = harvest(verb=verb, metadataPrefix="oai_dc", **params)
    pages = [tree]
    while token := xpath(tree, "string(//o:resumptionToken)"):
        tree = harvest(verb=verb, resumptionToken=token)
        pages.append(tree)
    return pages


@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords"])
def test_oai_7_pages_cover_every_record_once_and_end_with_an_empty_token(harvest, settings, verb):
    settings.OAI_PAGE_SIZE = 2
    articles = [make_article() for _ in range(5)]
    pages = page_through(harvest, verb)
    assert len(pages) == 3
    seen = [identifier for page in pages for identifier in identifiers(page)]
    assert sorted(seen) == sorted(identifier_of(article) for article in articles)
    tokens = [xpath(page, "//o:resumptionToken")[0] for page in pages]
    assert [token.get("cursor") for token in tokens] == ["0", "2", "4"]
    assert {token.get("completeListSize") for token in tokens} == {"5"}
    assert tokens[-1].text is None
    assert dict(xpath(pages[1], "/o:OAI-PMH/o:request")[0].attrib) == {
        "verb": verb,
        "resumptionToken": tokens[0].text,
    }


def test_oai_7_one_page_has_no_token(harvest):
    make_article()
    tree = harvest(verb="ListRecords", metadataPrefix="oai_dc")
    assert xpath(tree, "//o:resumptionToken") == []


def test_oai_7_tokens_keep_the_original_arguments(harvest, settings):
    settings.OAI_PAGE_SIZE = 1
    journal = make_journal(slug="kept")
    issue = make_issue(journal)
    wanted = [make_article(issue=issue) for _ in range(3)]
    make_article()
    pages = page_through(harvest, "ListIdentifiers", set="kept")
    seen = [identifier for page in pages for identifier in identifiers(page)]
    assert sorted(seen) == sorted(identifier_of(article) for article in wanted)


def test_oai_7_harvest_stays_correct_while_articles_are_added(harvest, settings):
    settings.OAI_PAGE_SIZE = 2
    existing = [make_article() for _ in range(4)]
    first = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = xpath(first, "string(//o:resumptionToken)")
    added = [make_article() for _ in range(3)]
    seen = identifiers(first)
    tree = first
    while token := xpath(tree, "string(//o:resumptionToken)"):
        tree = harvest(verb="ListIdentifiers", resumptionToken=token)
        seen += identifiers(tree)
    assert len(seen) == len(set(seen))
    assert set(seen) == {identifier_of(article) for article in existing + added}


def test_oai_7_token_is_idempotent(harvest, settings):
    settings.OAI_PAGE_SIZE = 2
    for _ in range(3):
        make_article()
    token = xpath(
        harvest(verb="ListRecords", metadataPrefix="oai_dc"), "string(//o:resumptionToken)"
    )
    once = identifiers(harvest(verb="ListRecords", resumptionToken=token))
    again = identifiers(harvest(verb="ListRecords", resumptionToken=token))
    assert once == again and len(once) == 1


# Constant query count (developers' guide)


def journal_with_articles(count):
    journal = make_journal()
    issue = make_issue(journal)
    section = make_section(journal)
    for _ in range(count):
        make_full_article(issue=issue, section=section, authors=2, references=0, journal=journal)
    return journal


@pytest.mark.parametrize("count", [1, 50])
def test_list_records_runs_a_constant_number_of_queries(harvest, django_assert_num_queries, count):
    journal_with_articles(count)
    # counts and pages of public articles and of tombstones; authors, keywords, galleys
    with django_assert_num_queries(7):
        tree = harvest(verb="ListRecords", metadataPrefix="oai_dc")
    assert len(xpath(tree, "//oai_dc:dc")) == count


@pytest.mark.parametrize("count", [1, 50])
def test_list_identifiers_runs_a_constant_number_of_queries(
    harvest, django_assert_num_queries, count
):
    journal_with_articles(count)
    with django_assert_num_queries(4):  # counts and pages of public articles and of tombstones
        tree = harvest(verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert len(identifiers(tree)) == count
