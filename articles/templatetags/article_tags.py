from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles.citation import csl_item
from articles.metadata import display_name
from scholarly.identifiers import doi_url
from scholarly.languages import bcp47
from scholarly.richtext import render_html

register = template.Library()


@register.filter
def rich_text(value):
    """Stored abstract HTML, sanitised by nh3 again on the way out."""
    return render_html(value)


@register.simple_tag
def licence_attribution(article, page_url):
    """The suggested TASL attribution (title, author, source, licence; standards CC-4).

    Title, names and journal come from the CSL item, in the article's language and
    marked with it; the link is the DOI URL, or the landing page without a DOI.
    """
    item = csl_item(article)
    lang = bcp47(article.language)
    authors = ", ".join(display_name(name) for name in item["author"])
    notice = f"© {article.copyright_year_or_default} {article.copyright_holder_or_authors}"
    if article.copyright_holder:
        notice = f"{authors}, {notice}"
    source = item["container-title"]
    # As a citation numbers the issue: 3(2), or 2019(5) for a journal without volumes.
    if item.get("volume"):
        source += f" {item['volume']}" + (f"({item['issue']})" if item.get("issue") else "")
    elif item.get("issue"):
        source += f" {article.year}({item['issue']})"
    licence = article.licence_info
    parts = {
        "title": format_html('<span lang="{}">{}</span>', lang, item["title"]),
        "notice": format_html('<span lang="{}">{}</span>', lang, notice),
        "source": format_html('<span lang="{}">{}</span>', lang, source),
        "link": conditional_escape(doi_url(item["DOI"]) if item.get("DOI") else page_url),
        "licence": conditional_escape(licence.short_name),
        "url": conditional_escape(licence.url),
    }
    text = _("“%(title)s” %(notice)s, %(source)s, %(link)s, licensed under %(licence)s (%(url)s).")
    return mark_safe(text % parts)  # noqa: S308 - every part is escaped above
