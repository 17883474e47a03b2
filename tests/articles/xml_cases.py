"""The articles both JATS and the Crossref deposit are checked with (issue #17): the demo
articles and the shapes of Chinese journals, plus the hard cases made here."""

from io import StringIO

from django.core.management import call_command

from articles.keywords import set_keywords
from articles.models import Affiliation, Article, Funding, Reference
from scripts import shapes
from tests.factories import make_article, make_author, make_galley, make_issue, make_journal

BASE = "https://journals.example.org"
CROSSREF_SETTINGS = {
    "CROSSREF_DEPOSITOR_NAME": "Axon Academic Publishing Institute",
    "CROSSREF_DEPOSITOR_EMAIL": "doi@example.org",
    "CROSSREF_REGISTRANT": "Axon Academic Publishing Institute",
}
# 9 authors whose family names carry particles, in Western order, as typed.
PARTICLE_AUTHORS = [
    ("Maria", "van der Berg"),
    ("Ludwig", "van Beethoven"),
    ("Charles", "de Gaulle"),
    ("Leonardo", "da Vinci"),
    ("Otto", "von Bismarck"),
    ("Ibn", "al-Haytham"),
    ("Gabriel", "García Márquez"),
    ("Sean", "O'Neill"),
    ("Jean-Paul", "Le Pen"),
]
ESCAPE_TITLE_ZH = "“补位—承接”：A & B < C > D \"引号\" 'x' <i>x</i>（案例）、研究。"
ESCAPE_ABSTRACT_ZH = (
    "<p>研究 A &amp; B &lt; C &gt; D \"q\" 'a'，H<sub>2</sub>O 与 E=mc<sup>2</sup>：<i>斜体</i>。"
    "</p><p>第二段；“引文”《书名》……</p>"
)


def issn(n):
    """A valid ISSN made of ``n`` (its check digit computed), unique per test."""
    digits = f"{2000000 + n:07d}"
    check = -sum(int(d) * w for d, w in zip(digits, range(8, 1, -1), strict=True)) % 11
    return f"{digits[:4]}-{digits[4:]}{'X' if check == 10 else check}"


def registered_journal():
    """A journal Crossref can register articles of: it has an ISSN."""
    journal = make_journal()
    journal.issn_online = issn(journal.pk)
    journal.save()
    return journal


def demo_articles():
    call_command("load_demo", stdout=StringIO())
    return list(Article.objects.filter(journal__slug="demo"))


def shape_articles():
    shapes.load()
    return shapes.published_shapes()


def year_only_article():
    journal = make_journal(issn_print="1002-5502")
    return make_article(
        journal=journal,
        issue=make_issue(journal, volume=None, number="5", year=2019, issued="2019"),
        issued="2019",
        doi="10.5555/year.only",
    )


def particle_authors_article():
    article = make_article(
        journal=registered_journal(),
        language="en",
        title_zh="",
        abstract_zh="",
        title_en="Nine Authors with Particles",
        doi="10.5555/nine.authors",
    )
    for given, family in PARTICLE_AUTHORS:
        make_author(
            article,
            family_name=family,
            given_name=given,
            family_name_en="",
            given_name_en="",
            affiliations=["Universiteit Leiden"],
        )
    return article


def compound_surnames_article():
    article = make_article(journal=registered_journal(), doi="10.5555/compound.surnames")
    make_author(
        article,
        family_name="欧阳",
        given_name="晓光",
        family_name_en="Ouyang",
        given_name_en="Xiaoguang",
        orcid="0000-0002-1825-0097",
        is_corresponding=True,
        email="ouyang@example.org",
        affiliations=["北京大学政府管理学院"],
    )
    make_author(
        article,
        family_name="司马",
        given_name="迁",
        family_name_en="Sima",
        given_name_en="Qian",
        affiliations=["北京大学政府管理学院", "清华大学公共管理学院"],
    )
    make_author(article, family_name="诸葛亮", given_name="", family_name_en="", given_name_en="")
    affiliation = Affiliation.objects.get(name="北京大学政府管理学院")
    affiliation.name_en = "School of Government, Peking University"
    affiliation.ror = "https://ror.org/02v51f717"
    affiliation.country = "China"
    affiliation.save()
    return article


def funded_article():
    article = make_article(
        journal=registered_journal(),
        doi="10.5555/funded",
        received="2024-01-05",
        accepted="2024-05-01",
    )
    article.revised = "2024-03-02"
    article.save()
    Funding.objects.create(
        article=article,
        funder_zh="国家自然科学基金",
        funder_en="National Natural Science Foundation of China",
        award_numbers="72074123; 71974054",
        funder_id="10.13039/501100001809",
    )
    Funding.objects.create(
        article=article,
        order=1,
        funder_zh="国家社会科学基金",
        funder_id="https://ror.org/05ygsee60",
    )
    Reference.objects.create(
        article=article, raw_text="Ostrom E. Governing the Commons. doi:10.1017/CBO9780511807763"
    )
    Reference.objects.create(article=article, order=1, raw_text="王明. 治理研究[J]. 2020.")
    set_keywords(article=article, language="zh-hans", keywords="协同治理；社会组织")
    set_keywords(article=article, language="en", keywords="collaborative governance")
    make_galley(article)
    return article


def no_doi_article():
    return make_article(journal=registered_journal(), doi="")


def escaping_article():
    return make_article(
        journal=registered_journal(),
        title_zh=ESCAPE_TITLE_ZH,
        title_en="Filling In & Taking Over: <b>\"Quotes\"</b> 'and' <sup>2</sup>",
        abstract_zh=ESCAPE_ABSTRACT_ZH,
        abstract_en="<p>CO<sub>2</sub> &amp; <i>in vivo</i> &lt;tags&gt;</p>",
        doi="10.5555/escaping",
    )


def every_case():
    """(name, article) of every case the issue lists."""
    cases = [(f"demo {article.pk}", article) for article in demo_articles()]
    cases += [(f"shape {name}", article) for name, article in shape_articles().items()]
    cases += [
        ("year only", year_only_article()),
        ("9 authors with particles", particle_authors_article()),
        ("compound Chinese surnames", compound_surnames_article()),
        ("funding", funded_article()),
        ("no DOI", no_doi_article()),
        ("escaping", escaping_article()),
    ]
    return cases
