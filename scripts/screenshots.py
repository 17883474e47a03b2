#!/usr/bin/env python3
"""Screenshots of the seed landing page for the README, at desktop and phone width.

Serves nothing: start the demo first (`make run`, or runserver after `manage.py load_demo`),
then run `python scripts/screenshots.py [BASE_URL]`. Uses the system Chromium through
Playwright (no `playwright install`); writes PNGs of the first screenful of each page into
docs/screenshots/.
"""

import argparse
import sys
from pathlib import Path

from chromium import CHROMIUM_ARGS, CHROMIUM_PATH, DESKTOP, PHONE
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
VIEWPORTS = {
    "desktop": DESKTOP,
    "phone": PHONE,
}
PAGES = {
    "landing-zh-hans": "/zh-hans/demo/article/1/",
    "landing-en": "/en/demo/article/1/",
}
# Journal identity, covers, home and related articles (#19): the top of each page, up to
# IDENTITY_HEIGHT px, so the phone's one column shows what follows the first screenful.
IDENTITY_PAGES = {
    f"{name}-{lang}": path.format(lang=lang)
    for name, path in (
        ("home", "/{lang}/demo/"),
        ("archive", "/{lang}/demo/issues/"),
        ("landing", "/{lang}/demo/article/1/"),
    )
    for lang in ("zh-hans", "en")
}
IDENTITY_HEIGHT = 2200


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--chromium", default=str(CHROMIUM_PATH))
    parser.add_argument(
        "--identity",
        action="store_true",
        help="the journal home, archive and a landing page into docs/screenshots/identity/",
    )
    args = parser.parse_args(argv)
    pages = IDENTITY_PAGES if args.identity else PAGES
    if args.identity and args.out == ROOT / "docs" / "screenshots":
        args.out = args.out / "identity"
    base_url = args.base_url.rstrip("/")
    args.out.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=args.chromium, args=CHROMIUM_ARGS, headless=True
        )
        for device, viewport in VIEWPORTS.items():
            context = browser.new_context(
                viewport=viewport, device_scale_factor=1, color_scheme="light"
            )
            page = context.new_page()
            for name, path in pages.items():
                response = page.goto(base_url + path, wait_until="networkidle")
                if response is None or response.status != 200:
                    status = response.status if response else "no response"
                    sys.exit(f"{base_url + path}: HTTP {status} (is the demo loaded?)")
                target = args.out / f"{name}-{device}.png"
                if args.identity:
                    height = min(page.evaluate("document.body.scrollHeight"), IDENTITY_HEIGHT)
                    clip = {"x": 0, "y": 0, "width": viewport["width"], "height": height}
                    page.screenshot(path=target, full_page=True, clip=clip)
                else:
                    page.screenshot(path=target)  # the first screenful, not the full page
                print(f"{target.relative_to(ROOT)}  {viewport['width']}x{viewport['height']}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
