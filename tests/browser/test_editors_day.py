"""An editor's day in Chromium, as an editor of one journal (not a superuser): a new issue,
a new section, an article with three authors, keywords in both languages, ten pasted
references and a PDF; publish the issue; read the article as a reader in both languages."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from scripts.chromium import DESKTOP
from tests.factories import make_full_article, make_journal, pdf_bytes

pytestmark = pytest.mark.browser

PASSWORD = "a-long-editor-password-1"  # noqa: S105 - test account
SAVING = 60_000  # ms; a save renders the citations in every style (CITATIONS_RENDER=inline)

TITLE_ZH = "基层协同治理的一天"
TITLE_EN = "A Day of Collaborative Governance"
AUTHORS = [  # (family, given, family romanised, given romanised)
    ("王", "明", "Wang", "Ming"),
    ("李", "华", "Li", "Hua"),
    ("Ansell", "Chris", "", ""),
]
REFERENCES = [
    "陈晓晓.政府与社会组织合作研究[D]. 广州: 广州大学, 2025.",
    "Ansell C, Gash A. Collaborative governance in theory and practice[J]. Journal of Public "
    "Administration Research and Theory, 2008, 18(4): 543-571.",
    "Ostrom E. Governing the Commons[M]. Cambridge: Cambridge University Press, 1990.",
    "王名, 蔡志鸿, 王春婷. 社会共治: 多元主体共同治理的实践探索与制度创新[J]. 中国行政管理, "
    "2014(12): 16-19.",
    "Emerson K, Nabatchi T, Balogh S. An integrative framework for collaborative governance[J]. "
    "Journal of Public Administration Research and Theory, 2012, 22(1): 1-29.",
    "俞可平. 治理与善治[M]. 北京: 社会科学文献出版社, 2000.",
    "Salamon L M. The Tools of Government[M]. Oxford: Oxford University Press, 2002.",
    "敬乂嘉. 合作治理: 历史与现实的路径[J]. 南京社会科学, 2015(5): 1-9.",
    "Bryson J M, Crosby B C, Stone M M. The design and implementation of cross-sector "
    "collaborations[J]. Public Administration Review, 2006, 66(s1): 44-55.",
    "康晓光, 韩恒. 分类控制: 当前中国大陆国家与社会关系研究[J]. 社会学研究, 2005(6): 73-89.",
]


@pytest.fixture
def journals(live_server):
    """The editor's journal, and another journal with an article the editor must not see."""
    own = make_journal(slug="own", title_zh="公共治理评论", title_en="Public Governance Review")
    other = make_journal(slug="other", title_zh="别的期刊", title_en="Other Governance Journal")
    make_full_article(journal=other)  # its issue and "Research Articles" section too
    editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    own.editors.add(editor)
    return own, other


def choose_the_one(page, field, text):
    """Search ``text`` in an admin autocomplete (select2) and take the only hit: an editor
    is offered their own journal's rows alone, however many other journals match."""
    page.click(f"#id_{field} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    options = page.locator(".select2-results__option[role=option]:not(.loading-results)")
    expect(options).to_have_count(1)
    options.click()
    assert page.input_value(f"#id_{field}")


def save(page):
    page.click("input[name=_save]", timeout=SAVING)  # the click waits for the saved page
    page.wait_for_selector(".messagelist .success", timeout=SAVING)
    assert page.locator(".errornote").count() == 0


@pytest.mark.slow  # a whole day in the admin (~10 s)
def test_an_editors_day_from_a_new_issue_to_the_public_page(
    browser, page, live_server, journals, tmp_path
):
    own, other = journals
    day = timezone.localdate() - timedelta(days=1)
    base = live_server.url

    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")

    # A new issue (left unpublished until the article is ready) and a new section.
    page.goto(f"{base}/admin/journal/issue/add/")
    choose_the_one(page, "journal", "Governance")
    page.fill("#id_volume", "7")
    page.fill("#id_number", "3")
    page.fill("#id_year", str(day.year))
    page.fill("#id_title_en", "Workday")
    page.fill("#id_publication_date", day.isoformat())
    save(page)

    page.goto(f"{base}/admin/journal/section/add/")
    choose_the_one(page, "journal", "Governance")
    page.fill("#id_slug", "research")
    page.fill("#id_title_zh", "研究论文")
    page.fill("#id_title_en", "Research Articles")
    save(page)

    # The article.
    page.goto(f"{base}/admin/articles/article/add/")
    choose_the_one(page, "journal", "Governance")
    choose_the_one(page, "issue", "Workday")
    choose_the_one(page, "section", "Research")
    page.fill("#id_title_zh", TITLE_ZH)
    page.fill("#id_title_en", TITLE_EN)
    page.fill("#id_abstract_zh", "本文记录编辑的一天。")
    page.fill("#id_abstract_en", "This paper follows an editor through a day.")
    page.fill("#id_keywords_zh", "协同治理；社会组织、数字治理")
    page.fill("#id_keywords_en", "collaborative governance; digital governance")
    page.fill("#id_references_text", "\n".join(f"[{n}] {r}" for n, r in enumerate(REFERENCES, 1)))
    for index, (family, given, family_en, given_en) in enumerate(AUTHORS):
        page.click("#authors-group .add-row a")
        page.fill(f"#id_authors-{index}-family_name", family)
        page.fill(f"#id_authors-{index}-given_name", given)
        page.fill(f"#id_authors-{index}-family_name_en", family_en)
        page.fill(f"#id_authors-{index}-given_name_en", given_en)
    page.check("#id_authors-0-is_corresponding")
    pdf = pdf_bytes("An editor's day")
    galley = tmp_path / "paper.pdf"
    galley.write_bytes(pdf)
    page.click("#galleys-group .add-row a")
    page.set_input_files("#id_galleys-0-file", str(galley))
    save(page)
    assert "10 references parsed" in page.inner_text(".messagelist")

    article = Article.objects.get(title_en=TITLE_EN)
    assert article.journal == own

    # Publish the issue with its ready article.
    page.goto(f"{base}/admin/journal/issue/")
    assert "Other Governance Journal" not in page.inner_text("#result_list")
    page.check(f"input[name=_selected_action][value='{article.issue_id}']")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]", timeout=SAVING)
    page.wait_for_selector(".messagelist .success", timeout=SAVING)
    assert "published with 1 article made public" in page.inner_text(".messagelist")

    # A reader (not logged in) reads it in both languages.
    reader = browser.new_context(viewport=DESKTOP).new_page()
    expected = {  # authors' names and keywords each interface shows
        "zh-hans": (["王明", "李华", "Chris Ansell"], ["协同治理", "社会组织", "数字治理"]),
        "en": (["Ming Wang", "Hua Li", "Chris Ansell"], ["digital governance"]),
    }
    for language, (authors, keywords) in expected.items():
        response = reader.goto(f"{base}/{language}/{own.slug}/article/{article.pk}/")
        assert response.status == 200, language
        main = reader.locator("main")
        assert reader.locator(".preview-banner").count() == 0
        # The title in the full text's language, then its translation, in both interfaces.
        assert main.locator("h1").inner_text().strip() == TITLE_ZH
        assert main.locator(".article-title-translated").inner_text().strip() == TITLE_EN
        assert main.locator(".author-list .author-name").all_inner_texts() == authors
        shown_keywords = main.locator(".keyword-list li").all_inner_texts()
        assert all(keyword in shown_keywords for keyword in keywords), shown_keywords
        references = main.locator(".reference-list > li").all_inner_texts()
        assert len(references) == 10, references
        for number, (shown, typed) in enumerate(zip(references, REFERENCES, strict=True), 1):
            assert shown.startswith(typed[:20]), f"reference {number}: {shown}"
        citations = main.locator(".how-to-cite .citation").all_inner_texts()
        assert citations, f"no How to Cite in {language}"
        original = citations[0]  # GB/T 7714 in Chinese, APA in English, by default
        assert TITLE_ZH in original and own.title_zh in original and "7(3)" in original
        assert original.startswith("[1]王明, 李华" if language == "zh-hans" else "王明, 李华")
        if language == "en":  # and the citation of the English title and names
            assert TITLE_EN in citations[1] and own.title_en in citations[1]
            assert citations[1].startswith("Wang, M., Li, H., & Ansell, C.")

    # The PDF the editor uploaded is the one readers download.
    href = reader.locator("a.galley").first.get_attribute("href")
    download = reader.request.get(f"{base}{href}")
    assert download.status == 200
    assert download.body() == pdf
    reader.context.close()

    # The rows keep the order they were entered in, each its own number (#13.7).
    page.goto(f"{base}/admin/articles/article/{article.pk}/change/")
    names = [page.input_value(f"#id_authors-{i}-family_name") for i in range(len(AUTHORS))]
    assert names == [family for family, *_ in AUTHORS]
    orders = [int(page.input_value(f"#id_authors-{i}-order")) for i in range(len(AUTHORS))]
    assert orders == sorted(set(orders)), f"author orders {orders}"
