"""Keeping the search index current. ``search.receivers`` calls ``update_article`` when an
article's title, abstract, keywords or authors change and ``update_places`` when its
status, date, issue or deletion change (``articles.signals``); ``manage.py
rebuild_search_index`` rebuilds every row."""

from django.db import transaction
from django.db.models import Prefetch

from articles.models import Article, ArticleKeyword
from scholarly.richtext import plain_text
from search.models import SearchEntry
from search.tokens import document_tokens


def article_texts(article):
    """Every searchable text of one article, both languages."""
    texts = [article.title_zh, article.title_en]
    texts += [plain_text(article.abstract_zh), plain_text(article.abstract_en)]
    texts += [link.tag.name for link in article.keyword_links.all()]
    for author in article.authors.all():
        texts += [author.name, author.romanised_name]
    return texts


def token_string_from_texts(texts):
    # Padded with spaces so that a plain substring test (" token ") is exact on any database.
    return " " + " ".join(document_tokens(*texts)) + " "


def token_string(article):
    return token_string_from_texts(article_texts(article))


def with_search_texts(queryset):
    return queryset.prefetch_related(
        "authors", Prefetch("keyword_links", queryset=ArticleKeyword.objects.select_related("tag"))
    )


def place_fields(article):
    """What the results page filters and orders by, copied from the article and its issue.

    ``published_at`` holds ``Article.public_from`` (the articles' one rule: empty unless
    the article is publishable); whether that moment has come is left to the query, so
    scheduled articles appear by themselves.
    """
    issue = article.issue
    return {
        "journal_id": article.journal_id,
        "year": article.year,
        "published_at": article.public_from,
        "issue_date": issue.publication_date if issue else None,
    }


PLACE_FIELDS = ["journal", "year", "published_at", "issue_date"]


def update_article(article):
    """Write (or rewrite) the search row of one article, reading it fresh from the database."""
    article = with_search_texts(
        Article.objects.select_related("issue").filter(pk=article.pk)
    ).first()
    if article is None:
        return None
    entry, _ = SearchEntry.objects.update_or_create(
        article=article, defaults={"tokens": token_string(article), **place_fields(article)}
    )
    return entry


def update_places(articles):
    """Refresh the copied status, dates and places of these articles' rows (not their text)."""
    entries = [
        SearchEntry(article_id=article.pk, **place_fields(article))
        for article in articles.select_related("issue").order_by()
    ]
    SearchEntry.objects.bulk_update(entries, PLACE_FIELDS, batch_size=500)


@transaction.atomic
def rebuild(batch_size=500):
    """Every article's row, rebuilt in batches; returns the number of articles indexed."""
    SearchEntry.objects.all().delete()
    total = 0
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        chunk = with_search_texts(
            Article.objects.select_related("issue").filter(pk__in=ids[start : start + batch_size])
        )
        SearchEntry.objects.bulk_create(
            SearchEntry(article=article, tokens=token_string(article), **place_fields(article))
            for article in chunk
        )
        total += len(chunk)
    return total
