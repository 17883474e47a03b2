"""The journal's About page: what DOAJ asks a journal site to state (DOAJ-2, DOAJ-4, DOAJ-5)."""

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from journal.models import BoardMember
from tests.factories import make_journal
from tests.forms import journal_form_data

pytestmark = pytest.mark.django_db

SECTIONS = [
    "aims-and-scope",
    "editorial-board",
    "instructions-for-authors",
    "peer-review",
    "publication-fees",
    "open-access",
    "copyright-and-licensing",
    "contact",
]


def filled_journal(**fields):
    journal = make_journal(
        aims_scope_zh="本刊发表公共管理研究。",
        aims_scope_en="The journal publishes research in public administration.",
        author_instructions_zh="稿件须用 <i>Word</i> 提交。",
        author_instructions_en="Submit manuscripts as <i>Word</i> files.",
        peer_review_zh="双盲同行评审，至少两位审稿人。",
        peer_review_en="Double-blind peer review by at least two reviewers.",
        open_access_zh="所有文章发表后即可免费阅读。",
        open_access_en="All articles are free to read on publication.",
        publisher_address_zh="北京市海淀区示例路 1 号",
        publisher_address_en="1 Example Road, Haidian, Beijing",
        contact_email="office@journal.example.org",
        **fields,
    )
    BoardMember.objects.create(
        journal=journal,
        order=2,
        name="李华",
        name_en="Hua Li",
        role_zh="编委",
        role_en="Board member",
        affiliation_zh="示例大学",
        affiliation_en="Example University",
    )
    BoardMember.objects.create(
        journal=journal,
        order=1,
        name="王明",
        name_en="Ming Wang",
        role_zh="主编",
        role_en="Editor-in-chief",
        affiliation_zh="北京大学",
        affiliation_en="Peking University",
    )
    return journal


def page(client, journal, language):
    response = client.get(f"/{language}/{journal.slug}/about/")
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


def text_of(tree, anchor):
    return " ".join(tree.get_element_by_id(anchor).text_content().split())


def test_doaj_4_home_page_links_to_every_journal_information_section(client):
    journal = filled_journal()
    for language in ("zh-hans", "en"):
        home = lxml.html.fromstring(client.get(f"/{language}/{journal.slug}/").content)
        hrefs = set(home.xpath("//a/@href"))
        for anchor in SECTIONS:
            assert f"/{language}/{journal.slug}/about/#{anchor}" in hrefs, (language, anchor)
        # and the journal navigation on every journal page leads to the About page
        assert home.xpath(f"//nav[@class='site-nav']//a[@href='/{language}/{journal.slug}/about/']")


def test_doaj_4_about_page_has_each_section_with_its_content_in_english(client):
    journal = filled_journal()
    tree = page(client, journal, "en")
    assert tree.xpath("//h1/text()") == ["About the journal"]
    assert "public administration" in text_of(tree, "aims-and-scope")
    assert "Word files" in text_of(tree, "instructions-for-authors")
    assert tree.xpath("//section[@id='instructions-for-authors']//i/text()") == ["Word"]
    assert "Double-blind" in text_of(tree, "peer-review")
    assert "free to read" in text_of(tree, "open-access")
    assert "No fees" in text_of(tree, "publication-fees")
    contact = text_of(tree, "contact")
    assert "Axon Academic Publishing Institute" in contact
    assert "1 Example Road" in contact
    assert tree.xpath("//a[@href='mailto:office@journal.example.org']")


def test_doaj_4_editorial_board_lists_names_roles_affiliations_in_order(client):
    journal = filled_journal()
    en = page(client, journal, "en")
    members = [" ".join(li.text_content().split()) for li in en.cssselect(".board-list li")]
    assert members == [
        "Ming Wang 王明, Editor-in-chief Peking University",
        "Hua Li 李华, Board member Example University",
    ]
    assert en.xpath("//section[@id='editorial-board']//span[@lang='zh-Hans']/text()") == [
        "王明",
        "李华",
    ]
    zh = page(client, journal, "zh-hans")
    members = [" ".join(li.text_content().split()) for li in zh.cssselect(".board-list li")]
    assert members == ["王明, 主编 北京大学", "李华, 编委 示例大学"]


def test_doaj_2_about_page_states_licence_and_copyright_in_both_languages(client):
    journal = filled_journal()
    for language, name, terms in (
        ("en", "Creative Commons Attribution 4.0 International (CC BY 4.0)", "retained by"),
        ("zh-hans", "知识共享署名 4.0 协议国际版 (CC BY 4.0)", "版权归作者所有"),
    ):
        section = page(client, journal, language).get_element_by_id("copyright-and-licensing")
        links = section.xpath(".//a[@rel='license']")
        assert [link.get("href") for link in links] == [
            "https://creativecommons.org/licenses/by/4.0/"
        ]
        assert links[0].text_content() == name
        assert terms in section.text_content()


def test_doaj_4_fees_are_stated_either_way(client):
    free = filled_journal()
    assert "不向作者收取任何费用" in text_of(page(client, free, "zh-hans"), "publication-fees")
    paying = filled_journal(
        charges_fees=True,
        fees_zh="文章处理费 3000 元。",
        fees_en="An article processing charge of CNY 3,000.",
    )
    fees = text_of(page(client, paying, "en"), "publication-fees")
    assert "CNY 3,000" in fees
    assert "No fees" not in fees


def test_doaj_5_both_languages_have_the_same_sections_fees_and_emails(client):
    journal = filled_journal(charges_fees=True, fees_zh="3000 元", fees_en="CNY 3000")
    trees = {language: page(client, journal, language) for language in ("zh-hans", "en")}
    for tree in trees.values():
        assert tree.xpath("//main//section/@id") == SECTIONS
        assert "3000" in text_of(tree, "publication-fees")
        assert tree.xpath("//a[starts-with(@href, 'mailto:')]/@href") == [
            "mailto:office@journal.example.org"
        ]
        assert len(tree.cssselect(".board-list li")) == 2


def test_doaj_5_a_text_given_in_one_language_shows_in_both_tagged_with_its_language(client):
    journal = make_journal(aims_scope_zh="只有中文的宗旨。", aims_scope_en="")
    en = page(client, journal, "en")
    assert en.xpath("//section[@id='aims-and-scope']//div[@lang='zh-Hans']//text()") == [
        "只有中文的宗旨。"
    ]
    # A section nobody filled in still has its heading and says so, in both languages.
    assert "not published this information" in text_of(en, "peer-review")


def test_about_page_rich_text_is_sanitised_on_save():
    journal = make_journal(aims_scope_en='<script>alert(1)</script><i onclick="x()">Scope</i>')
    journal.refresh_from_db()
    assert journal.aims_scope_en == "<i>Scope</i>"


def test_about_page_of_an_unknown_journal_is_404(client):
    assert client.get("/en/no-such-journal/about/").status_code == 404


def test_about_page_is_in_the_sitemap_with_language_alternates(client):
    journal = filled_journal()
    response = client.get(reverse("sitemap_section", kwargs={"section": "journals"}))
    body = response.content.decode()
    for language in ("zh-hans", "en"):
        assert f"<loc>http://testserver/{language}/{journal.slug}/about/</loc>" in body
    assert f'hreflang="x-default" href="http://testserver/{journal.slug}/about/"' in body


def test_about_page_is_served_from_the_page_cache_and_follows_edits(client, page_cache):
    journal = filled_journal()
    assert "Ming Wang" in client.get(f"/en/{journal.slug}/about/").content.decode()
    BoardMember.objects.filter(name="王明").update(name_en="M. Wang")  # no signal: still cached
    assert "Ming Wang" in client.get(f"/en/{journal.slug}/about/").content.decode()
    member = BoardMember.objects.get(name="王明")
    member.save()  # an edit through the admin saves the row: the page follows at once
    assert "M. Wang" in client.get(f"/en/{journal.slug}/about/").content.decode()


# The admin


def test_doaj_4_editor_fills_the_about_page_in_the_admin(client):
    journal = make_journal()
    editor = User.objects.create_user("editor", password="pw-long-enough-1", is_staff=True)
    journal.editors.add(editor)
    client.force_login(editor)
    url = reverse("admin:journal_journal_change", args=[journal.pk])
    form = client.get(url).content.decode()
    assert 'name="aims_scope_zh"' in form and 'name="aims_scope_en"' in form
    assert 'name="board_members-TOTAL_FORMS"' in form
    response = client.post(url, journal_form_data(journal))
    assert response.status_code == 302, response.content.decode()[:2000]
    journal.refresh_from_db()
    assert journal.aims_scope_zh == "宗旨"
    assert journal.aims_scope_en == "Aims <b>bold</b>"
    assert journal.charges_fees
    assert [m.name_en for m in journal.board_members.all()] == ["San Zhang"]
    client.logout()
    about = page(client, journal, "en")
    assert "San Zhang" in text_of(about, "editorial-board")
    assert "CNY 3000" in text_of(about, "publication-fees")


def test_editor_cannot_edit_another_journals_about_page(client):
    mine, theirs = make_journal(), make_journal()
    editor = User.objects.create_user("editor", password="pw-long-enough-1", is_staff=True)
    mine.editors.add(editor)
    client.force_login(editor)
    url = reverse("admin:journal_journal_change", args=[theirs.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, journal_form_data(theirs)).status_code == 403
    theirs.refresh_from_db()
    assert theirs.aims_scope_zh == ""
    assert not theirs.board_members.exists()
