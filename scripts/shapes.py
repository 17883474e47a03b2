#!/usr/bin/env python3
"""Load five articles numbered as Chinese journals print them into a demo journal `shapes`.

The shapes of issue #15: an issue without a volume (2019年第5期), a double issue 合刊
"1-2", a supplement 增刊 "S1", an article number instead of pages (e1021) and roman pages
("iii-xii"). Each is a record of the import corpus (tests/fixtures/import_corpus/
zotero_cnki.json, as Zotero saves it from CNKI), imported with ``import_items`` like any
upload; the script only points it at the `shapes` journal, publishes it and adds what a
CNKI export lacks (English title, 中图分类号, funding, a biography) in the import's own
``custom`` fields. Idempotent: the import matches an article by DOI or title.

Uses the checkout's database and settings, as `make run` does:

    DJANGO_DEBUG=1 .venv/bin/python manage.py load_demo
    DJANGO_DEBUG=1 .venv/bin/python scripts/shapes.py             # load; prints the URLs
    DJANGO_DEBUG=1 .venv/bin/python scripts/shapes.py --urls      # only print the URLs
    DJANGO_DEBUG=1 .venv/bin/python scripts/shapes.py --screenshots http://127.0.0.1:8000
"""

import argparse
import copy
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "import_corpus" / "zotero_cnki.json"
SHOTS = ROOT / "docs" / "screenshots" / "shapes"
LANGUAGES = ("zh-hans", "en")

JOURNAL = {
    "title_zh": "中文期刊编排样例（示例期刊）",
    "title_en": "Chinese Journal Shapes (Demo Journal)",
    "language": "zh-hans",
    "abbreviation": "Chin. J. Shapes",
    "issn_online": "2097-0013",  # made up for the demo (the check digit holds)
    "publisher": "Axon Academic Publishing Institute",
    "description_zh": "示例期刊：按中文期刊的印刷方式编排的卷期、页码与文章编号。",
    "description_en": (
        "A demonstration journal: volumes, issues, pages and article numbers as Chinese "
        "journals print them."
    ),
}

# Corpus record id (its Zotero key) → the shape it shows, and what this demo adds to it.
SHAPES = {
    "CNKI0001": {
        "DOI": "10.5555/shapes.2019.05.032",
        "shape": "no-volume",
        "title_en": "Collaborative Governance Mechanisms in Community Elderly Care Services",
        "abstract_en": (
            "Drawing on a survey of 12 sub-districts in Shanghai, this article analyses how "
            "government and social organizations work together in community elderly care."
        ),
        "keywords": ["协同治理", "社区养老", "社会组织"],
        "keywords_en": ["collaborative governance", "community elderly care"],
        "clc_codes": "D630; C916",
        "document_code": "A",
        "caj_article_id": "1002-5502(2019)05-0032-07",
        "received": "2018-11-02",
        "revised": "2019-01-15",
        "accepted": "2019-02-20",
        "funding": [
            {
                "funder_zh": "国家社会科学基金",
                "funder_en": "National Social Science Fund of China",
                "funder_id": "https://doi.org/10.13039/501100012456",
                "award": "18BZZ082",
            }
        ],
        "authors": [
            {
                "romanised": {"family": "Xu", "given": "Jialiang"},
                "affiliations": [
                    {
                        "name": "上海交通大学国际与公共事务学院",
                        "name_en": (
                            "School of International and Public Affairs, "
                            "Shanghai Jiao Tong University"
                        ),
                    }
                ],
                "email": "xu.jialiang@example.org",
                "corresponding": True,
                "biography_zh": (
                    "徐家良（1965—），男，教授，博士生导师，研究方向为社会组织与公共治理。"
                ),
                "biography_en": (
                    "Xu Jialiang (1965–), male, professor and doctoral supervisor; research "
                    "interests: social organizations and public governance."
                ),
            },
            {"romanised": {"family": "Zhao", "given": "Ting"}},
        ],
    },
    "CNKI0003": {
        "DOI": "10.5555/shapes.2021.0102.101",
        "shape": "double-issue",
        "title_en": "Evaluating Digital Government Performance: The Yangtze River Delta",
        "clc_codes": "D630.1",
        "document_code": "A",
    },
    "CNKI0004": {
        "DOI": "10.5555/shapes.2020.s1.012",
        "shape": "supplement",
        "title_en": "Regional Suitability of Water-Saving Irrigation Schedules for Winter Wheat",
        "clc_codes": "S512.1",
    },
    "CNKI0006": {
        "shape": "article-number",
        "title_en": "Spatial Distribution of Soil Organic Carbon in Urban Green Spaces",
        "clc_codes": "X171.1",
    },
    "CNKI0007": {
        "DOI": "10.5555/shapes.2022.01.iii",
        "shape": "roman-pages",
        "title_en": "Editorial: A New Decade of Ecological Research",
    },
}


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "journal.settings")
    import django

    django.setup()


def key_of(record):
    return record["id"].rsplit("/", 1)[-1]


def shape_items():
    """The corpus records of SHAPES, as the import reads them for the `shapes` journal."""
    records = {key_of(record): record for record in json.loads(CORPUS.read_text("utf-8"))}
    items = []
    for key, extra in SHAPES.items():
        item = copy.deepcopy(records[key])
        # The journal is this demo's, not the one the record names.
        for field in ("container-title", "container-title-short", "ISSN"):
            item.pop(field, None)
        if "DOI" in extra:  # CNKI's exports rarely carry one; the demo's is on the test prefix
            item["DOI"] = extra["DOI"]
        issued = item["issued"]["date-parts"][0]
        custom = {
            "journal": {"slug": "shapes"},
            "section": {"slug": "articles", "title_zh": "论文", "title_en": "Articles"},
            "status": "published",
            "licence": "CC-BY-4.0",
            "issue": {"year": int(issued[0])},
            "translation": {
                "title": extra["title_en"],
                "abstract": extra.get("abstract_en", ""),
                "keywords": extra.get("keywords_en", []),
            },
        }
        for field in (
            "keywords",
            "clc_codes",
            "document_code",
            "caj_article_id",
            "received",
            "revised",
            "accepted",
            "funding",
            "authors",
        ):
            if field in extra:
                custom[field] = extra[field]
        item["custom"] = custom
        items.append(item)
    return items


def load():
    from django.core.files.base import ContentFile
    from django.db import transaction

    from articles.citation_queue import drain
    from articles.importer import import_items
    from articles.management.commands.load_demo import demo_pdf
    from articles.models import Galley
    from journal.models import Journal

    with transaction.atomic():
        Journal.objects.update_or_create(slug="shapes", defaults=JOURNAL)
        results = import_items(shape_items())
        for article in (result.article for result in results):
            if not article.galleys.exists():  # a PDF to link, as the demo's articles have
                galley = Galley(article=article, label="PDF", language=article.language)
                galley.file.save(
                    f"article-{article.pk}.pdf",
                    ContentFile(demo_pdf(article.title_en, article.doi)),
                    save=False,
                )
                galley.save()
    drain()  # How to Cite at once, worker or not
    return [result.article for result in results]


def published_shapes():
    from articles.models import Article

    articles = Article.objects.published().filter(journal__slug="shapes")
    by_title = {article.title_en: article for article in articles.select_related("journal")}
    return {extra["shape"]: by_title[extra["title_en"]] for extra in SHAPES.values()}


def urls(base_url=""):
    """(shape, language, landing URL, issue TOC URL) for every shape and language."""
    from django.utils import translation

    rows = []
    for shape, article in published_shapes().items():
        for language in LANGUAGES:
            with translation.override(language):
                rows.append(
                    (
                        shape,
                        language,
                        base_url + article.get_absolute_url(),
                        base_url + article.issue.get_absolute_url(),
                    )
                )
    return rows


# Phone screenshots of two shapes; every shape at desktop width.
PHONE_SHAPES = ("no-volume", "article-number")
SHOT_HEIGHT = 1600  # px: the numbering, dates and Chinese-journal blocks, not the references


def screenshots(base_url):
    sys.path.insert(0, str(ROOT / "scripts"))
    from chromium import CHROMIUM_ARGS, CHROMIUM_PATH, DESKTOP, PHONE
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    rows = urls(base_url)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS, headless=True
        )
        for device, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            context = browser.new_context(
                viewport=viewport, device_scale_factor=1, color_scheme="light"
            )
            page = context.new_page()
            for shape, language, landing, _toc in rows:
                if device == "phone" and shape not in PHONE_SHAPES:
                    continue
                response = page.goto(landing, wait_until="networkidle")
                if response is None or response.status != 200:
                    sys.exit(f"{landing}: HTTP {response.status if response else 'none'}")
                target = SHOTS / f"{shape}-{language}-{device}.png"
                # The numbering, dates and Chinese-journal blocks sit below the first screen.
                height = min(page.evaluate("document.body.scrollHeight"), SHOT_HEIGHT)
                page.screenshot(
                    path=target,
                    full_page=True,
                    clip={"x": 0, "y": 0, "width": viewport["width"], "height": height},
                )
                print(f"{target.relative_to(ROOT)}  {landing}")
            context.close()
        browser.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", action="store_true", help="only print the pages' URLs")
    parser.add_argument("--screenshots", metavar="BASE_URL", help="only take the screenshots")
    parser.add_argument("--base-url", default="", help="prefix for the printed URLs")
    args = parser.parse_args(argv)
    setup_django()
    if args.screenshots:
        screenshots(args.screenshots.rstrip("/"))
        return
    if not args.urls:
        load()
    for shape, language, landing, toc in urls(args.base_url.rstrip("/")):
        print(f"{shape}\t{language}\t{landing}\t{toc}")


if __name__ == "__main__":
    main()
