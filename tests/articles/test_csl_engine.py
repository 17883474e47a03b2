"""scholarly.csl renders exactly what citeproc-js under Node renders.

Reference output: tests/fixtures/csl/expected.json, written by generate.mjs (plain
Node.js, a fresh CSL.Engine per render) from the same style/locale XML
(export_styles.py). No Django settings or database needed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # allow `pytest tests/...` without a configured pythonpath
    sys.path.insert(0, str(ROOT))

from scholarly import csl  # noqa: E402
from scholarly.csl import STYLES, Rendered, render_bibliography, render_many  # noqa: E402
from scholarly.csl.styles import locales_for, style_xml  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "csl"
ITEMS = {item["id"]: item for item in json.loads((FIXTURES / "items.json").read_text("utf-8"))}
EXPECTED = json.loads((FIXTURES / "expected.json").read_text("utf-8"))
MANIFEST = json.loads((FIXTURES / "styles.json").read_text("utf-8"))

CASES = [(item_id, style_id) for item_id in ITEMS for style_id in STYLES]
GBT_NUMERIC = "china-national-standard-gb-t-7714-2015-numeric"
GBT_AUTHOR_DATE = "china-national-standard-gb-t-7714-2015-author-date"
ENGLISH_STYLES = [s.id for s in STYLES.values() if s.locale.startswith("en")]


# -- fixtures are in sync with the code ------------------------------------------------


def test_fixtures_cover_every_style_and_item():
    assert [s["id"] for s in EXPECTED["styles"]] == list(STYLES)
    assert EXPECTED["items"] == list(ITEMS)
    for item_id in ITEMS:
        assert set(EXPECTED["results"][item_id]) == set(STYLES)


def test_exported_style_and_locale_files_match_installed_packages():
    """export_styles.py output (what Node read) == what the Python engine loads."""
    assert [m["id"] for m in MANIFEST] == list(STYLES)
    for entry in MANIFEST:
        info = STYLES[entry["id"]]
        assert entry["locale"] == info.locale
        assert (FIXTURES / entry["file"]).read_text("utf-8") == style_xml(info.id)
        assert entry["locales"] == locales_for(info.locale)
        for lang in entry["locales"]:
            exported = (FIXTURES / "locales" / f"locales-{lang}.xml").read_text("utf-8")
            assert exported == csl.styles.locale_xml(lang)


def test_vendored_citeproc_matches_fixture_version():
    readme = (ROOT / "scholarly" / "csl" / "vendor" / "README.md").read_text("utf-8")
    assert f"citeproc@{EXPECTED['citeproc_npm_version']}" in readme
    pkg = json.loads((FIXTURES / "package.json").read_text("utf-8"))
    assert pkg["dependencies"]["citeproc"] == EXPECTED["citeproc_npm_version"]
    info = csl.get_engine().info()
    assert info["processorVersion"] == EXPECTED["citeproc_processor_version"]


# -- byte-for-byte equality with citeproc-js under Node ---------------------------------


@pytest.mark.parametrize(("item_id", "style_id"), CASES)
def test_matches_citeproc_js(item_id, style_id):
    expected = EXPECTED["results"][item_id][style_id]
    rendered = render_bibliography(ITEMS[item_id], style_id)
    assert isinstance(rendered, Rendered)
    assert rendered.style_id == style_id
    assert rendered.text == expected["text"]
    assert rendered.html == expected["html"]
    # the documented normalisation: raw citeproc-js entry, surrounding whitespace stripped
    assert rendered.html == expected["raw_html"].strip()
    assert rendered.text == expected["raw_text"].strip()


def test_render_many_matches_and_reuses_engine():
    engine = csl.get_engine()
    for item_id, item in reversed(list(ITEMS.items())):  # other order than above
        out = render_many(item, reversed(list(STYLES)))
        assert list(out) == list(reversed(list(STYLES)))
        for style_id, rendered in out.items():
            assert rendered.text == EXPECTED["results"][item_id][style_id]["text"]
            assert rendered.html == EXPECTED["results"][item_id][style_id]["html"]
    assert csl.get_engine() is engine
    assert engine.info()["missingLocales"] == []


def test_render_many_defaults_to_all_styles():
    out = render_many(ITEMS["zh-article"])
    assert list(out) == list(STYLES)


def test_input_item_not_mutated():
    item = json.loads(json.dumps(ITEMS["en-two-authors"]))
    before = json.dumps(item, sort_keys=True)
    render_bibliography(item, "apa")
    assert json.dumps(item, sort_keys=True) == before


def test_concurrent_renders_are_serialised():
    errors: list[BaseException] = []
    cases = CASES[:: max(1, len(CASES) // 24)]

    def worker():
        try:
            for item_id, style_id in cases:
                r = render_bibliography(ITEMS[item_id], style_id)
                assert r.html == EXPECTED["results"][item_id][style_id]["html"]
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


# -- specific behaviour ------------------------------------------------------------------


@pytest.mark.parametrize("style_id", [GBT_NUMERIC, GBT_AUTHOR_DATE])
def test_gbt_chinese_article(style_id):
    no_doi = render_bibliography(ITEMS["zh-no-doi"], style_id)
    assert "[J]" in no_doi.text
    assert "王明" in no_doi.text
    assert "王 明" not in no_doi.text
    # The GB/T style marks any item with a DOI or URL as an online resource.
    with_doi = render_bibliography(ITEMS["zh-article"], style_id)
    assert "[J/OL]" in with_doi.text
    assert "王明, 李小华, 欧阳娜娜" in with_doi.text
    assert "DOI:10.11946/cjstp.202301010001" in with_doi.text
    # 9 authors: first three, then 等
    nine = render_bibliography(ITEMS["zh-nine-authors"], style_id)
    assert "张伟, 刘洋, 杨帆, 等" in nine.text


@pytest.mark.parametrize("style_id", ENGLISH_STYLES)
def test_english_page_range_uses_dash_not_wave(style_id):
    text = render_bibliography(ITEMS["en-two-authors"], style_id).text
    assert "～" not in text and "~" not in text
    assert re.search(r"1123[–-](11)?45", text), text


@pytest.mark.parametrize("style_id", list(STYLES))
def test_html_special_chars_escaped(style_id):
    html = render_bibliography(ITEMS["special-chars"], style_id).html
    assert "R&#38;D" in html
    assert "&#60; 产出" in html
    assert "< 产出" not in html
    markup = render_bibliography(ITEMS["markup-and-sici-doi"], style_id).html
    assert "<script" not in markup.lower()
    assert "&#60;script&#62;" in markup.lower()
    assert "35:4&#60;491::AID-JBM9&#62;3.0.CO;2-G" in markup
    # citeproc-js rich-text tags in fields are kept as markup
    assert "<sub>2</sub>" in markup
    text = render_bibliography(ITEMS["special-chars"], style_id).text
    assert "R&D 投入 < 产出" in text
    assert "（2010—2020）" in text and "：以东部，中部；西部为例" in text


def test_html_keeps_entry_div_and_drops_bib_body():
    for style_id in STYLES:
        html = render_bibliography(ITEMS["en-no-doi"], style_id).html
        assert html.startswith('<div class="csl-entry">') and html.endswith("</div>")
        assert "csl-bib-body" not in html


def test_locale_follows_style():
    assert STYLES[GBT_NUMERIC].locale == "zh-CN"
    assert STYLES[GBT_AUTHOR_DATE].locale == "zh-CN"
    assert STYLES["harvard-cite-them-right"].locale == "en-GB"
    others = set(STYLES) - {GBT_NUMERIC, GBT_AUTHOR_DATE, "harvard-cite-them-right"}
    assert {STYLES[s].locale for s in others} == {"en-US"}
    assert STYLES[GBT_NUMERIC].name("zh-hans") == "GB/T 7714—2015（顺序编码制）"
    assert STYLES["apa"].name("en") == STYLES["apa"].name_en
    # en-GB: Cite Them Right puts titles in British single quotes
    assert (
        "‘Notes on the history"
        in render_bibliography(ITEMS["en-no-doi"], "harvard-cite-them-right").text
    )


def test_unknown_style_raises_clear_error():
    with pytest.raises(KeyError, match="unknown citation style id 'nope'"):
        render_bibliography(ITEMS["en-no-doi"], "nope")
    with pytest.raises(KeyError, match="nope"):
        render_many(ITEMS["en-no-doi"], ["apa", "nope"])


def test_dependent_style_resolves_parent(monkeypatch):
    from scholarly.csl import styles as styles_mod

    dependent = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        '<info><link href="http://www.zotero.org/styles/apa" rel="independent-parent"/>'
        "</info></style>"
    )
    real = styles_mod._read_style_file
    monkeypatch.setattr(
        styles_mod,
        "_read_style_file",
        lambda name: dependent if name == "some-journal" else real(name),
    )
    styles_mod.style_xml.cache_clear()
    try:
        assert styles_mod.style_xml("some-journal") == real("apa")
    finally:
        styles_mod.style_xml.cache_clear()


def test_close_engine_restarts_cleanly():
    first = csl.get_engine()
    csl.close_engine()
    second = csl.get_engine()
    assert second is not first
    r = render_bibliography(ITEMS["zh-no-doi"], GBT_NUMERIC)
    assert r.text == EXPECTED["results"]["zh-no-doi"][GBT_NUMERIC]["text"]


def test_process_exits_cleanly_with_open_engine():
    """mini-racer 0.14.1 can hang at interpreter exit unless contexts are closed first."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from scholarly.csl import render_bibliography;"
        "print(render_bibliography({'type': 'article-journal', 'title': 'T'}, 'ieee').text)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert proc.stdout.strip() == "[1] “T”."


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_engine_usable_in_parent_and_forked_child():
    item = ITEMS["zh-no-doi"]
    expected = EXPECTED["results"]["zh-no-doi"][GBT_NUMERIC]["text"]
    assert render_bibliography(item, GBT_NUMERIC).text == expected
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never return into pytest
        status = 1
        try:
            ok = render_bibliography(item, GBT_NUMERIC).text == expected
            os.write(write_fd, b"ok" if ok else b"mismatch")
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    deadline = time.monotonic() + 120
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            pytest.fail("forked child hung")
        time.sleep(0.05)
    with os.fdopen(read_fd, "rb") as fh:
        assert fh.read() == b"ok"
    assert os.waitstatus_to_exitcode(status) == 0
    assert render_bibliography(item, GBT_NUMERIC).text == expected
