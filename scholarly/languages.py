"""One table of language tags, used by every output (standards I18N-3).

Django's language codes are the URL prefixes; everything a machine reads
(``lang``, ``hreflang``, ``citation_language``, JSON-LD ``inLanguage``, CSL)
uses the BCP 47 form.
"""

import re
from functools import lru_cache

from django.db import models
from django.urls import get_urlconf, translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    ZH_HANS = "zh-hans", _("Chinese (Simplified)")
    EN = "en", _("English")


BCP47 = {Language.ZH_HANS: "zh-Hans", Language.EN: "en"}
OG_LOCALE = {Language.ZH_HANS: "zh_CN", Language.EN: "en_US"}
ISO_639_2B = {Language.ZH_HANS: "chi", Language.EN: "eng"}
# CSL's own locale names.
CSL_LOCALE = {Language.ZH_HANS: "zh-CN", Language.EN: "en-US"}
# How a language names itself in the switcher (never a flag).
AUTONYM = {Language.ZH_HANS: "简体中文", Language.EN: "English"}


def bcp47(code):
    return BCP47.get(code, code)


def current_language():
    """The interface language as one of ours (the URL prefix decides)."""
    code = (get_language() or Language.ZH_HANS).lower()
    return Language.EN if code.startswith("en") else Language.ZH_HANS


def other_language(code):
    return Language.EN if code == Language.ZH_HANS else Language.ZH_HANS


def in_language(obj, field, code):
    """``obj.<field>_zh`` or ``obj.<field>_en``, for a paired bilingual field."""
    suffix = "zh" if code == Language.ZH_HANS else "en"
    return getattr(obj, f"{field}_{suffix}")


def localized_with_language(obj, field, code=None):
    """(text, language) of a paired field: the interface language, else the other one."""
    code = code or current_language()
    for candidate in (code, other_language(code)):
        if text := in_language(obj, field, candidate):
            return text, candidate
    return "", code


def localized(obj, field, code=None):
    """The paired field in the interface language, falling back to the other one."""
    return localized_with_language(obj, field, code)[0]


CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


def is_cjk(text):
    return bool(CJK_RE.search(text or ""))


def script_language(text):
    """The language a name, keyword or reference is written in, told by its script."""
    return Language.ZH_HANS if is_cjk(text) else Language.EN


@lru_cache(maxsize=1024)
def _translated_url(path, code, active, urlconf):
    return translate_url(path, code)


def translated_url(path, code):
    """``translate_url``, remembered per process: every page asks it five times (hreflang
    links and the language switcher) for what resolving and reversing the same path
    gives each time (#18). Keyed by the active language and URLconf, which it reads."""
    return _translated_url(path, code, get_language(), get_urlconf())


def language_urls(path, base_url):
    """{hreflang: absolute URL} of a page in every interface language, plus x-default.

    x-default is the unprefixed URL, which negotiates (cookie, then Accept-Language)
    and redirects; Django's sitemap gives the same x-default (decision D5).
    """
    urls = {BCP47[code]: f"{base_url}{translated_url(path, code)}" for code in Language.values}
    default = Language.values[0]
    urls["x-default"] = base_url + translated_url(path, default).replace(f"/{default}/", "/", 1)
    return urls
