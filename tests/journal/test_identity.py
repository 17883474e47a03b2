"""Journal identity (#19): logo (SVG without scripts, or raster), home page image,
favicon and an accent colour readable on the site's backgrounds, edited in the admin."""

import base64
import hashlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from journal.images import store_journal_image
from journal.models import Journal, validate_accent_colour
from tests.factories import make_journal
from tests.forms import journal_form_data
from tests.pages import tree_of

pytestmark = pytest.mark.django_db

CLEAN_SVG = (
    b'<?xml version="1.0"?>\n<!-- made by hand -->\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50">'
    b'<rect width="200" height="50" fill="#0b5cad"/><use href="#r"/></svg>'
)
SCRIPTED_SVGS = [
    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
    b'<a x:href="javascript:alert(1)"><rect/></a></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url( //x.example/p#a)"/></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
    b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);'
    b"</style></svg>",
    b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
]


def png(size=(600, 200), colour=(11, 92, 173)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("colour", ["#0b5cad", "#000000", "#8B0000", " #5a3d99 "])
def test_a_dark_enough_accent_colour_is_accepted(colour):
    validate_accent_colour(colour)


@pytest.mark.parametrize(
    ("colour", "code"),
    [
        ("#8cb8ff", "colour_contrast"),
        ("#ffcc00", "colour_contrast"),
        ("#777777", "colour_contrast"),
        ("red", "colour_format"),
        ("#12345", "colour_format"),
    ],
)
def test_an_accent_colour_that_fails_aa_is_refused(colour, code):
    with pytest.raises(ValidationError) as refused:
        validate_accent_colour(colour)
    assert refused.value.error_list[0].code == code


def test_a_clean_svg_logo_is_kept_as_vector_and_served_safely(client):
    journal = make_journal()
    store_journal_image(journal, "logo", CLEAN_SVG, "logo.svg")
    home = tree_of(client, journal.get_absolute_url())
    logos = home.xpath('//img[contains(@class, "journal-logo")]')
    assert logos and all(img.get("src").endswith("-200.svg") for img in logos)
    assert logos[0].get("width") == "200" and logos[0].get("height") == "50"
    response = client.get(logos[0].get("src"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    body = b"".join(response.streaming_content)
    assert b"made by hand" not in body and body.startswith(b"<svg")


@pytest.mark.parametrize("svg", SCRIPTED_SVGS)
def test_an_svg_that_can_run_or_load_anything_is_refused(settings, svg):
    journal = make_journal()
    with pytest.raises(ValidationError):
        store_journal_image(journal, "logo", svg, "logo.svg")
    journal.refresh_from_db()
    assert not journal.logo and journal.image_renditions == {}


def test_the_publisher_page_shows_each_journal_with_its_logo(client):
    with_logo = make_journal()
    make_journal()  # and one without a logo
    store_journal_image(with_logo, "logo", png(), "logo.png")
    page = tree_of(client, "/en/")
    cards = page.xpath('//li[contains(@class, "journal-card")]')
    assert [len(card.xpath(".//img")) for card in cards] == [1, 0]
    (img,) = cards[0].xpath(".//img")
    assert img.get("alt") == ""  # the journal's name follows it in the same link
    assert ".webp 480w" in cards[0].xpath(".//source")[0].get("srcset")


def test_admin_sets_logo_image_favicon_and_colour_and_refuses_what_fails(admin_client, client):
    journal = make_journal()
    url = reverse("admin:journal_journal_change", args=[journal.pk])
    data = journal_form_data(journal)
    refused = admin_client.post(
        url,
        {**data, "accent_colour": "#8cb8ff", "logo": named(SCRIPTED_SVGS[0], "logo.svg")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "#8cb8ff is too light to read as text on this site&#x27;s backgrounds" in body
    assert "WCAG AA asks for at least 4.5:1" in body
    assert "This SVG contains scripts" in body
    assert Journal.objects.get(pk=journal.pk).accent_colour == ""
    done = admin_client.post(
        url,
        {
            **data,
            "accent_colour": "#8B0000",
            "logo": named(CLEAN_SVG, "logo.svg"),
            "header_image": named(png((2000, 500)), "header.png"),
            "favicon": named(png((256, 256)), "icon.png"),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert done.status_code == 302, done.content.decode()[:3000]
    journal.refresh_from_db()
    assert journal.accent_colour == "#8b0000"
    home = tree_of(client, journal.get_absolute_url())
    (accent,) = home.xpath("//head/style")
    assert "--accent:#8b0000" in accent.text
    digest = base64.b64encode(hashlib.sha256(accent.text.encode()).digest()).decode()
    policy = client.get(journal.get_absolute_url())["Content-Security-Policy"]
    assert f"style-src 'self' 'sha256-{digest}'" in policy
    (banner,) = home.xpath('//div[@class="journal-banner"]//img')
    assert banner.get("width") == "1600" and banner.get("height") == "400"
    (icon,) = home.xpath('//link[@rel="icon"]')
    assert icon.get("sizes") == "32x32" and icon.get("href").endswith("-32.png")
    (touch,) = home.xpath('//link[@rel="apple-touch-icon"]')
    assert touch.get("href").endswith("-180.png")


def named(content, name):
    upload = io.BytesIO(content)
    upload.name = name
    return upload
