"""The one tokeniser of the search index, used for the stored text and for queries alike.

Latin (and any other alphabetic) text becomes casefolded words; Chinese, Japanese and
Korean text, which has no spaces between words, becomes overlapping character bigrams
(治理现代化 → 治理 理现 现代 代化), with each character on its own as well so that a
one-character query still finds something. A two-character word such as 治理 is then one
exact token, and a longer one is all of its bigrams. The result is a plain string of
space-separated tokens that SQLite FTS5 (unicode61) and PostgreSQL ('simple') both read
as they are, and that never carries query syntax: only letters and digits survive.
"""

import re
import unicodedata

CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
# A run of CJK characters, or a run of other letters and digits (no underscore).
RUN_RE = re.compile(rf"([{CJK}]+)|((?:(?![{CJK}])[^\W_])+)")
CJK_RUN_RE = re.compile(rf"[{CJK}]+")


def normalise(text):
    """NFKC (full-width letters and digits become plain ones) and casefolded.

    Lone surrogates and NUL bytes, which a browser can send, are dropped first.
    """
    text = (text or "").encode("utf-8", "ignore").decode("utf-8").replace("\x00", " ")
    return unicodedata.normalize("NFKC", text).casefold()


def runs(text):
    """[(run, is_cjk)] in the order they appear."""
    return [(m.group(0), bool(m.group(1))) for m in RUN_RE.finditer(normalise(text))]


def bigrams(run):
    return [run[i : i + 2] for i in range(len(run) - 1)]


def document_tokens(*texts):
    """Tokens of stored text: words, CJK bigrams and CJK single characters, each once."""
    seen = {}
    for text in texts:
        for run, is_cjk in runs(text):
            if not is_cjk:
                seen.setdefault(run)
                continue
            for token in bigrams(run):
                seen.setdefault(token)
            for char in run:
                seen.setdefault(char)
    return list(seen)


def query_tokens(text):
    """Tokens that must all be present: words, and a CJK run as its bigrams (or the char)."""
    seen = {}
    for run, is_cjk in runs(text):
        for token in (bigrams(run) or [run]) if is_cjk else [run]:
            seen.setdefault(token)
    return list(seen)


def highlight_terms(text):
    """The parts of a query to mark in results: its words and its CJK runs."""
    return [run for run, _ in runs(text)]
