from django import template

from stats.summary import article_summary

register = template.Library()


@register.inclusion_tag("stats/includes/usage.html")
def usage_block(article):
    """Views, downloads and the monthly chart of one article (counts lag the flush)."""
    return {"usage": article_summary(article)}
