"""Atom and RSS 2.0 feeds: a journal's latest articles and each issue's articles.

Items read ``articles.citation.csl_item`` (title, authors, abstract, DOI), as every
other output does. Feeds live under the language prefix; item titles and authors
are the article's original ones, as on the landing page and in ``citation_*``.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from articles.citation import csl_item
from articles.metadata import display_name
from articles.models import Article
from journal.models import Issue, Journal
from scholarly.identifiers import doi_url

LATEST = 20


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed

    def item_title(self, article):
        return article.csl["title"]

    def item_description(self, article):
        abstract = article.csl.get("abstract", "")
        if article.doi:
            return f"{abstract}\n\nDOI: {doi_url(article.doi)}".strip()
        return abstract

    def item_link(self, article):
        return article.get_absolute_url()

    def item_guid(self, article):
        return doi_url(article.doi) or article.get_absolute_url()

    def item_guid_is_permalink(self, article):
        return bool(article.doi)

    def item_author_name(self, article):
        return ", ".join(display_name(name) for name in article.csl["author"])

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_categories(self, article):
        return [tag.name for tag in article.keywords_in(article.language)]

    @staticmethod
    def with_csl(articles):
        articles = list(articles)
        for article in articles:
            article.csl = csl_item(article)
        return articles


class JournalFeed(ArticleFeed):
    def get_object(self, request, journal):
        return get_object_or_404(Journal, slug=journal)

    def title(self, journal):
        return journal.title

    def subtitle(self, journal):
        return _("Latest articles")

    description = subtitle

    def link(self, journal):
        return journal.get_absolute_url()

    def items(self, journal):
        return self.with_csl(
            Article.objects.published().filter(journal=journal).for_landing_page()[:LATEST]
        )


class JournalAtomFeed(JournalFeed):
    feed_type = Atom1Feed


class IssueFeed(ArticleFeed):
    def get_object(self, request, journal, issue):
        return get_object_or_404(
            Issue.objects.published().select_related("journal"), journal__slug=journal, pk=issue
        )

    def title(self, issue):
        return f"{issue.journal.title} {issue.label()}"

    def subtitle(self, issue):
        return issue.title or self.title(issue)

    description = subtitle

    def link(self, issue):
        return issue.get_absolute_url()

    def items(self, issue):
        return self.with_csl(
            Article.objects.for_issue_toc(issue).prefetch_related("keyword_links__tag")
        )


class IssueAtomFeed(IssueFeed):
    feed_type = Atom1Feed
