"""The search index follows the articles (``articles.signals``); connected in ``ready()``."""

from articles.models import Article
from articles.signals import article_saved, articles_state_changed, keywords_changed
from search.index import update_article, update_places


def texts_follow(sender, article_ids, **kwargs):
    """Title, abstract, names or keywords written: the articles' rows, text and places."""
    for article in Article.objects.filter(pk__in=article_ids).only("pk"):
        update_article(article)


def places_follow(sender, article_ids, **kwargs):
    """Status, time, issue or deletion written: the copied places of the rows."""
    update_places(Article.objects.filter(pk__in=article_ids))


def connect():
    article_saved.connect(texts_follow, dispatch_uid="search_after_save")
    keywords_changed.connect(texts_follow, dispatch_uid="search_after_keywords")
    articles_state_changed.connect(places_follow, dispatch_uid="search_after_state")
