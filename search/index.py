"""Keeping the search index current. Call ``update_article`` after an article's title,
abstract, keywords or authors change (the admin, the importer and the demo loader do);
``manage.py rebuild_search_index`` rebuilds every row."""

from django.db import transaction
from django.db.models import Prefetch

from articles.models import Article, ArticleKeyword
from articles.richtext import plain_text
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


def update_article(article):
    """Write (or rewrite) the search row of one article, reading it fresh from the database."""
    article = with_search_texts(Article.objects.filter(pk=article.pk)).first()
    if article is None:
        return None
    entry, _ = SearchEntry.objects.update_or_create(
        article=article, defaults={"tokens": token_string(article)}
    )
    return entry


@transaction.atomic
def rebuild(batch_size=500):
    """Every article's row, rebuilt in batches; returns the number of articles indexed."""
    SearchEntry.objects.all().delete()
    total = 0
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        chunk = with_search_texts(Article.objects.filter(pk__in=ids[start : start + batch_size]))
        SearchEntry.objects.bulk_create(
            SearchEntry(article=article, tokens=token_string(article)) for article in chunk
        )
        total += len(chunk)
    return total
