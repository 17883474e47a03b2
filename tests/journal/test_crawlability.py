"""GS-23: every published article is reachable from the journal home by plain links.

A crawler that runs no JavaScript starts at the journal home page and follows
``<a href>`` only, the way Google Scholar's does. Moved URLs: this project has no
slug for articles (nor a history of old URLs): an article is addressed by its
numeric id, ``/<lang>/<journal>/article/<id>/``, which never changes, so there
is nothing to answer 301 for (DOAJ-9: the full-text URL is derived from the id).
"""

from collections import deque
from datetime import timedelta
from urllib.parse import urldefrag, urlsplit

import lxml.html
import pytest
from django.utils import timezone

from articles.models import Status
from tests.factories import make_article, make_issue, make_journal, make_section

pytestmark = pytest.mark.django_db

MAX_DEPTH = 10
# Downloads and machine formats: no links to follow in them.
SKIP = ("/galley/", "/cite", "/feed/")


def crawl(client, start, max_depth=MAX_DEPTH):
    """{path: depth} of every HTML page reached from ``start`` by <a href> links."""
    seen = {start: 0}
    queue = deque([start])
    while queue:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code in (301, 302):
            target = response["Location"]
            if target not in seen:
                seen[target] = seen[path]
                queue.append(target)
            continue
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        if seen[path] == max_depth:
            continue
        tree = lxml.html.fromstring(response.content)
        for href in tree.xpath("//a/@href"):
            link = urldefrag(href)[0]
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not link.startswith("/"):
                continue  # other hosts, mailto:, fragments of this page
            if link.startswith("/admin/") or any(part in link for part in SKIP):
                continue
            if link not in seen:
                seen[link] = seen[path] + 1
                queue.append(link)
    return seen


@pytest.fixture
def site():
    journal = make_journal(slug="gov")
    section = make_section(journal)
    old_issue = make_issue(journal, volume=1, number=1, year=2023)
    new_issue = make_issue(journal, volume=2, number=1, year=2024)
    published = [
        make_article(
            journal=journal,
            issue=issue,
            section=section,
            first_page=str(page),
            last_page=str(page + 4),
        )
        for issue in (old_issue, new_issue)
        for page in range(1, 40, 5)
    ]
    # Online first: in no issue yet.
    published.append(make_article(journal=journal, issue=None, section=section))
    hidden = [
        make_article(
            journal=journal,
            issue=new_issue,
            section=section,
            status=Status.DRAFT,
            published_at=None,
        ),
        make_article(
            journal=journal,
            issue=new_issue,
            section=section,
            status=Status.PUBLISHED,
            published_at=timezone.now() + timedelta(days=2),
        ),
        make_article(
            journal=journal, issue=make_issue(journal, volume=3, number=1, is_published=False)
        ),
    ]
    return {"journal": journal, "published": published, "hidden": hidden, "old_issue": old_issue}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_gs_23_every_published_article_is_reachable_from_the_journal_home(client, site, language):
    reached = crawl(client, f"/{language}/gov/")
    for article in site["published"]:
        path = f"/{language}/gov/article/{article.pk}/"
        assert path in reached, f"article {article.pk} is not linked from the journal home"
        assert reached[path] <= MAX_DEPTH
    # Home → archive → issue → article: the archive path is three links deep.
    assert reached[f"/{language}/gov/issues/{site['old_issue'].pk}/"] <= 2
    for article in site["hidden"]:
        assert f"/{language}/gov/article/{article.pk}/" not in reached


def test_gs_23_the_site_root_leads_to_the_journals(client, site):
    reached = crawl(client, "/", max_depth=3)
    assert any(path.startswith("/zh-hans/gov/article/") for path in reached) or any(
        path.startswith("/en/gov/article/") for path in reached
    )


def test_gs_23_article_urls_are_built_from_the_immutable_id(client, site):
    """No slug to change: the landing page is /<lang>/<journal>/article/<id>/ (DOAJ-9)."""
    article = site["published"][0]
    article.title_en = "A corrected title"
    article.save()
    assert article.get_absolute_url() == f"/zh-hans/gov/article/{article.pk}/"
    assert client.get(article.get_absolute_url()).status_code == 200
