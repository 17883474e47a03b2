from django import template

from articles.richtext import render_html

register = template.Library()


@register.filter
def rich_text(value):
    """Stored abstract HTML, sanitised by nh3 again on the way out."""
    return render_html(value)
