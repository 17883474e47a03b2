"""Issue covers (#19): parsed at upload, stored in the sizes pages use, shown with
srcset and dimensions, served under content names for a year; anything else refused."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from journal.images import COVER_WIDTHS, store_issue_cover
from journal.models import Issue
from tests.factories import make_article, make_issue, pdf_bytes
from tests.forms import submitted
from tests.pages import landing, tree_of

pytestmark = pytest.mark.django_db


def jpeg_with_gps(size=(1000, 1400)):
    """A camera photo: EXIF with a GPS position and a maker note, turned by Orientation."""
    image = Image.new("RGB", size, (180, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x0112] = 6  # rotated: the stored image is on its side
    exif.get_ifd(0x8825)[2] = (31.0, 14.0, 0.0)  # GPSLatitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"secret comment")
    return buffer.getvalue()


def png_bytes(size=(300, 400), mode="RGBA", colour=(0, 0, 255, 128)):
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def stored(name):
    from django.core.files.storage import default_storage

    with default_storage.open(name) as handle:
        return handle.read()


def test_a_cover_is_stored_in_every_width_as_webp_and_jpeg_without_metadata(client):
    issue = make_issue()
    store_issue_cover(issue, jpeg_with_gps(), "cover.jpg")
    issue.refresh_from_db()
    sizes = issue.cover_renditions
    # EXIF orientation 6 applied: the 1000 × 1400 stored image is 1400 wide upright.
    assert [entry["width"] for entry in sizes["webp"]] == list(COVER_WIDTHS)
    assert [entry["width"] for entry in sizes["fallback"]] == list(COVER_WIDTHS)
    assert sizes["card"]["width"] == 1200 and sizes["card"]["height"] == 630
    assert issue.cover.name == sizes["fallback"][-1]["name"]
    for entry in [*sizes["webp"], *sizes["fallback"], sizes["card"]]:
        content = stored(entry["name"])
        image = Image.open(io.BytesIO(content))
        assert (image.width, image.height) == (entry["width"], entry["height"])
        assert not image.getexif(), entry["name"]
        assert b"secret comment" not in content and b"Camera maker" not in content
    widest = sizes["fallback"][-1]
    assert widest["height"] < widest["width"]  # turned upright by its EXIF orientation
    assert Path(sizes["webp"][0]["name"]).suffix == ".webp"
    assert Path(sizes["fallback"][0]["name"]).suffix == ".jpg"


def test_a_transparent_cover_falls_back_to_png():
    issue = make_issue()
    store_issue_cover(issue, png_bytes(), "logo.png")
    names = [entry["name"] for entry in issue.cover_renditions["fallback"]]
    assert names and all(name.endswith(".png") for name in names)
    # Never wider than the original: 300 px wide, so 120, 240 and 300.
    assert [e["width"] for e in issue.cover_renditions["fallback"]] == [120, 240, 300]


@pytest.mark.parametrize(
    "content",
    [
        pdf_bytes(),
        b"GIF89a\x01\x00\x01\x00 truncated",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",  # a cover is a raster image
        b"",
    ],
)
def test_what_is_not_an_image_is_refused_and_nothing_is_written(settings, content):
    issue = make_issue()
    with pytest.raises(ValidationError) as refused:
        store_issue_cover(issue, content, "cover.jpg")
    assert refused.value.error_list[0].code == "not_image"
    assert "JPEG、PNG、WebP 或 GIF" in refused.value.messages[0]
    issue.refresh_from_db()
    assert not issue.cover and issue.cover_renditions == {}
    assert not (Path(settings.MEDIA_ROOT) / "images").exists()


def test_a_decompression_bomb_is_refused_by_its_header():
    # 9000 × 9000 one-bit pixels compress to a few kilobytes and decode to 81 megapixels.
    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000
    issue = make_issue()
    with pytest.raises(ValidationError) as refused:
        store_issue_cover(issue, buffer.getvalue(), "bomb.png")
    assert refused.value.error_list[0].code == "too_many_pixels"
    assert "9000 × 9000 像素" in refused.value.messages[0]


def test_the_archive_the_issue_sidebar_and_the_image_urls(client):
    issue = make_issue(cover_alt_zh="封面：红色", cover_alt_en="Cover: red")
    store_issue_cover(issue, jpeg_with_gps(), "cover.jpg")
    article = make_article(issue=issue, journal=issue.journal)
    archive = tree_of(client, reverse("journal:archive", kwargs={"journal": issue.journal.slug}))
    (img,) = archive.xpath("//main//picture//img")
    assert img.get("alt") == "封面：红色"
    assert img.get("width") == "480" and img.get("height") == "343"
    assert img.get("srcset").count("w,") == 2 and img.get("sizes")
    (source,) = archive.xpath("//main//picture/source")
    assert source.get("type") == "image/webp" and ".webp 480w" in source.get("srcset")
    page = tree_of(client, landing(article, "en"))
    (img,) = page.xpath('//section[contains(@class, "issue")]//img')
    assert img.get("alt") == "Cover: red"
    response = client.get(img.get("src"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    head = client.head(img.get("src"))  # crawlers and caches ask first
    assert head.status_code == 200 and head["Cache-Control"] == response["Cache-Control"]


def test_without_alt_text_the_cover_is_named_after_the_issue(client):
    issue = make_issue()
    store_issue_cover(issue, png_bytes(mode="RGB", colour=(1, 2, 3)), "c.png")
    archive = tree_of(
        client,
        reverse("journal:archive", kwargs={"journal": issue.journal.slug}).replace(
            "/zh-hans/", "/en/"
        ),
    )
    (img,) = archive.xpath("//main//picture//img")
    assert img.get("alt") == f"Cover of {issue.label('en')}"


@pytest.mark.parametrize("name", ["../settings.py", "abc.jpg", "0" * 20 + "-1.exe"])
def test_only_stored_image_names_are_served(client, name):
    assert client.get(f"/images/{name}").status_code == 404


def test_admin_upload_round_trip_and_a_clear_refusal(admin_client, client):
    issue = make_issue()
    url = reverse("admin:journal_issue_change", args=[issue.pk])
    page = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    (picker,) = tree_of(admin_client, url).xpath('//input[@name="cover"]')
    assert picker.get("type") == "file" and picker.get("accept").startswith("image/jpeg")
    data = dict(submitted(page, "issue_form"))
    data.update(cover_alt_zh="蓝色封面", cover_alt_en="A blue cover")
    refused = admin_client.post(
        url, {**data, "cover": io.BytesIO(pdf_bytes())}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 200
    assert "This file is not an image this site can use" in refused.content.decode()
    assert Issue.objects.get(pk=issue.pk).cover_alt_en == ""
    upload = io.BytesIO(png_bytes(mode="RGB", colour=(0, 0, 200)))
    upload.name = "blue.png"
    done = admin_client.post(url, {**data, "cover": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert done.status_code == 302
    issue.refresh_from_db()
    assert issue.cover_alt_en == "A blue cover"
    assert issue.cover.name.startswith("images/") and issue.cover.name.endswith("-300.jpg")
    assert client.get(issue.cover_image.src).status_code == 200
    # The stored name is not the uploader's.
    assert "blue" not in issue.cover.name
    cleared = admin_client.post(url, {**data, "cover-clear": "on"}, HTTP_ACCEPT_LANGUAGE="en")
    assert cleared.status_code == 302
    issue.refresh_from_db()
    assert not issue.cover and issue.cover_image is None
