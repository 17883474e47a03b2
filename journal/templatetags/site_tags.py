"""Site-wide template helpers: language tags and language-switch links."""

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timeuntil
from django.utils.translation import get_language

from journal.csp import accent_css, allow_inline_style
from scholarly.languages import (
    AUTONYM,
    BCP47,
    Language,
    bcp47,
    language_urls,
    localized_with_language,
    script_language,
    translated_url,
)
from scholarly.richtext import render_html

register = template.Library()


@register.filter
def bcp47_tag(code):
    """``zh-hans`` → ``zh-Hans`` for ``lang`` and ``hreflang`` attributes."""
    return bcp47(code)


@register.filter
def script_lang(text):
    """The BCP 47 tag of a text by its script (keywords, names without a language)."""
    return bcp47(script_language(text))


@register.filter
def duration(delta):
    """A timedelta in words in the active language: "1 hour", "1 小时"."""
    now = timezone.now()
    return timeuntil(now + delta, now)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in each interface language, for the switcher and hreflang."""
    request = context["request"]
    current = get_language()
    path = request.get_full_path()
    return [
        {
            "code": code,
            "tag": BCP47[code],
            "name": AUTONYM[code],
            "url": translated_url(path, code),
            "is_current": code == current,
        }
        for code in Language.values
    ]


@register.simple_tag(takes_context=True)
def hreflang_alternates(context):
    """[(hreflang, absolute URL)] of the current page, x-default last (standards I18N-4)."""
    request = context.get("request")
    if request is None:  # the bare 500 page renders without a request
        return []
    return list(language_urls(request.get_full_path(), context["base_url"]).items())


@register.simple_tag
def localized_text(obj, field, element="span"):
    """A bilingual field in the interface language, in an element carrying its ``lang``.

    Falls back to the other language (still correctly tagged) when one is empty.
    """
    text, language = localized_with_language(obj, field)
    return format_html('<{0} lang="{1}">{2}</{0}>', element, bcp47(language), text)


@register.simple_tag
def localized_rich_text(obj, field):
    """A bilingual rich-text field (sanitised) in a ``div`` carrying its ``lang``; "" if empty."""
    text, language = localized_with_language(obj, field)
    if not text:
        return ""
    return format_html('<div lang="{}">{}</div>', bcp47(language), render_html(text))


@register.simple_tag
def localized_parts(obj, field):
    """{"text", "lang"} of a bilingual field, for plain text the template formats itself."""
    text, language = localized_with_language(obj, field)
    return {"text": text, "lang": bcp47(language)}


@register.simple_tag(takes_context=True)
def accent_style(context, journal):
    """The journal's accent colour as an inline ``<style>``, allowed by its hash in this
    response's policy (journal.csp): no request of its own, so no second render-blocking
    file. The colour was validated as ``#rrggbb`` by the Journal model."""
    css = accent_css(journal.accent_hex)
    allow_inline_style(context["request"], css)
    return format_html("<style>{}</style>", css)
