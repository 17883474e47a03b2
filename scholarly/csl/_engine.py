"""citeproc-js running in-process in V8 (mini-racer), cached per process."""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .styles import StyleInfo, get_style, locale_xml, locales_for, style_xml

_HERE = Path(__file__).resolve().parent
CITEPROC_JS = _HERE / "vendor" / "citeproc.js"
ENGINE_JS = _HERE / "engine.js"
_BRIDGE_MARKER = "\n//@@BRIDGE@@\n"

#: Output formats rendered for every entry (citeproc-js format names).
FORMATS = ("html", "text")


@dataclass(frozen=True)
class Rendered:
    """One bibliography entry rendered by citeproc-js.

    ``html``: the entry exactly as citeproc-js ``makeBibliography()`` produces it for
    output format ``"html"``, *keeping* the ``<div class="csl-entry">…</div>``
    wrapper (numeric styles with ``second-field-align`` nest
    ``csl-left-margin``/``csl-right-inline`` divs inside it) and *dropping* the
    outer ``<div class="csl-bib-body">`` wrapper; surrounding whitespace (citeproc-js
    indents with two spaces and ends with a newline) is stripped.

    ``text``: the entry for output format ``"text"``, surrounding whitespace stripped.
    """

    style_id: str
    text: str
    html: str


def normalize_entry(raw: str) -> str:
    """The documented post-processing applied to a citeproc-js bibliography entry."""
    return raw.strip()


class CiteprocEngine:
    """One V8 context with citeproc-js and one ``CSL.Engine`` per style.

    The context and each style engine are created lazily and kept for the life of
    the object. All access to V8 is serialised with a lock, so one instance may be
    shared between threads.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._ctx: Any = None
        self._styles: set[str] = set()
        self._locales: set[str] = set()

    # -- setup -------------------------------------------------------------
    def _context(self) -> Any:
        if self._ctx is None:
            from py_mini_racer import MiniRacer

            prelude, bridge = ENGINE_JS.read_text(encoding="utf-8").split(_BRIDGE_MARKER, 1)
            ctx = MiniRacer()
            ctx.eval(prelude)
            ctx.eval(CITEPROC_JS.read_text(encoding="utf-8"))
            ctx.eval(bridge)
            self._ctx = ctx
            _live_engines.add(self)
        return self._ctx

    def _ensure_locale(self, lang: str) -> None:
        if lang in self._locales:
            return
        xml = locale_xml(lang)
        if xml is None:
            raise ValueError(f"CSL locale {lang!r} is not available")
        self._context().call("CslBridge.addLocale", lang, xml)
        self._locales.add(lang)

    def _ensure_style(self, info: StyleInfo) -> None:
        if info.id in self._styles:
            return
        for lang in locales_for(info.locale):
            self._ensure_locale(lang)
        self._context().call("CslBridge.addStyle", info.id, style_xml(info.id), info.locale)
        self._styles.add(info.id)

    def preload(self, style_ids: list[str] | tuple[str, ...]) -> None:
        """Start V8 and parse the given styles now (e.g. at worker start-up)."""
        infos = [get_style(s) for s in style_ids]
        with self._lock:
            for info in infos:
                self._ensure_style(info)

    # -- rendering ---------------------------------------------------------
    def render_raw(self, item: dict, style_id: str) -> dict:
        """Raw citeproc-js result: ``{format: {"params": {...}, "entries": [...]}}``."""
        info = get_style(style_id)
        if not isinstance(item, dict):
            raise TypeError("item must be a CSL-JSON dict")
        with self._lock:
            self._ensure_style(info)
            result = self._context().call("CslBridge.render", info.id, item, list(FORMATS))
        return _to_python(result)

    def render(self, item: dict, style_id: str) -> Rendered:
        raw = self.render_raw(item, style_id)
        return Rendered(
            style_id=style_id,
            text=normalize_entry("".join(raw["text"]["entries"])),
            html=normalize_entry("".join(raw["html"]["entries"])),
        )

    def info(self) -> dict:
        with self._lock:
            return _to_python(self._context().call("CslBridge.info"))

    def heap_stats(self) -> dict:
        with self._lock:
            return dict(self._context().heap_stats())

    def low_memory_notification(self) -> None:
        """Ask V8 for a full GC (frees garbage left by style parsing)."""
        with self._lock:
            if self._ctx is not None:
                self._ctx.low_memory_notification()

    def close(self) -> None:
        with self._lock:
            if self._ctx is not None:
                self._ctx.close()
            self._ctx = None
            self._styles.clear()
            self._locales.clear()


def _to_python(value: Any) -> Any:
    """``MiniRacer.call`` returns plain JSON data; copy defensively into builtins."""
    if isinstance(value, dict):
        return {k: _to_python(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_python(v) for v in value]
    return value


# mini-racer 0.14.1 can hang the process at interpreter exit when a MiniRacer is
# only closed by its __del__ during finalisation (mr_free_context blocks once the
# event-loop daemon thread is gone). Close every live context while threads still run.
_live_engines: weakref.WeakSet[CiteprocEngine] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for engine in list(_live_engines):
        with contextlib.suppress(Exception):
            engine.close()


def _reset_locks_in_child() -> None:
    global _default_lock
    _default_lock = threading.Lock()
    for engine in list(_live_engines):
        engine._lock = threading.RLock()


# A V8 context does not survive fork(): a child that inherits an open MiniRacer hangs
# (on use, and in mr_free_context at exit). Closing our contexts in the parent just
# before fork() avoids that; parent and child then each start a fresh context lazily
# (the parent re-parses its styles on next use).
if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_close_all, after_in_child=_reset_locks_in_child)


_default_engine: CiteprocEngine | None = None
_default_lock = threading.Lock()


def get_engine() -> CiteprocEngine:
    """The process-wide engine (created on first use)."""
    global _default_engine
    if _default_engine is None:
        with _default_lock:
            if _default_engine is None:
                _default_engine = CiteprocEngine()
    return _default_engine


def close_engine() -> None:
    """Dispose of the process-wide V8 context (frees its heap); the next render restarts it."""
    global _default_engine
    with _default_lock:
        engine, _default_engine = _default_engine, None
    if engine is not None:
        engine.close()
