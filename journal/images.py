"""Issue covers and journal images, stored at upload in the sizes pages use (#19).

``store_issue_cover(issue, content, filename)`` is the one way a cover gets in: the
admin and importers call it with the file's bytes. It parses the bytes (non-images,
damaged files and decompression bombs are refused with a ValidationError before
anything is written), derives every size the pages need, writes them under names of
their content (``images/<sha256>-<width>.<ext>``, served with far-future headers by
``journal.views.stored_image``) and sets the issue's fields.
"""

from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from journal.models import FIELD_OF_IMAGE
from scholarly.images import (
    Rendition,
    clean_svg,
    encode,
    looks_like_svg,
    open_raster,
    renditions,
    resized,
    social_card,
)

IMAGE_DIRECTORY = "images"
# The cover is shown 6rem (96 px) wide beside an article, 10rem in the archive and 12rem on
# the journal home (40vw on a phone); 2× screens take the next size.
COVER_WIDTHS = (120, 240, 480)
# The journal's header image spans the page (up to 74rem), on phones and 2× screens.
HEADER_WIDTHS = (480, 960, 1600)
# Logos are shown at most 240 px wide (480 on 2× screens).
LOGO_WIDTHS = (240, 480)
CARD_BACKGROUND = "#f5f6f8"  # --surface of site.css


@dataclass
class PreparedImage:
    """An upload parsed and derived, nothing written yet: ``as_stored()`` is what the
    model keeps; ``write()`` puts the files in the storage."""

    webp: list = field(default_factory=list)
    fallback: list = field(default_factory=list)
    card: Rendition | None = None

    @property
    def all(self):
        return [*self.webp, *self.fallback, *([self.card] if self.card else [])]

    def write(self):
        for rendition in self.all:
            name = f"{IMAGE_DIRECTORY}/{rendition.name}"
            if not default_storage.exists(name):  # content-addressed: same name, same bytes
                default_storage.save(name, ContentFile(rendition.content))
        return self

    def as_stored(self):
        def entry(rendition):
            return {
                "name": f"{IMAGE_DIRECTORY}/{rendition.name}",
                "width": rendition.width,
                "height": rendition.height,
            }

        stored = {
            "webp": [entry(r) for r in self.webp],
            "fallback": [entry(r) for r in self.fallback],
        }
        if self.card:
            stored["card"] = entry(self.card)
        return stored


def prepare_raster(content, widths, *, card=False):
    """Parse ``content`` (ValidationError if it is no usable image) and derive its sizes."""
    image = open_raster(content)
    derived = renditions(image, widths)
    return PreparedImage(
        webp=derived["webp"],
        fallback=derived["fallback"],
        card=social_card(image, CARD_BACKGROUND) if card else None,
    )


def prepare_logo(content, filename=""):
    """A logo or favicon: SVG (checked, kept as vector) or a raster image in sizes."""
    if looks_like_svg(content, filename):
        svg = clean_svg(content)
        return PreparedImage(fallback=[svg])
    return prepare_raster(content, LOGO_WIDTHS)


def prepare_favicon(content, filename=""):
    """The tab icon: an SVG as is, a raster one as 32 and 180 px PNGs (tab, home screen)."""
    if looks_like_svg(content, filename):
        return PreparedImage(fallback=[clean_svg(content)])
    image = open_raster(content)
    side = min(image.width, image.height)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    square = image.crop((left, top, left + side, top + side))
    return PreparedImage(
        fallback=[encode(resized(square, size).convert("RGBA"), "png") for size in (32, 180)]
    )


def prepare_issue_cover(content):
    return prepare_raster(content, COVER_WIDTHS, card=True)


def apply_issue_cover(issue, prepared, *, save=True):
    """Write a prepared cover and point the issue at it."""
    prepared.write()
    stored = prepared.as_stored()
    issue.cover = stored["fallback"][-1]["name"]  # a name: the file field uploads nothing
    issue.cover_renditions = stored
    if save:
        if issue.pk:
            issue.save(update_fields=["cover", "cover_renditions", "updated_at"])
        else:
            issue.save()
    return issue


def store_issue_cover(issue, content, filename="", *, save=True):
    """Give ``issue`` the cover image in ``content`` (bytes; ``filename`` only for messages
    and logs, never for the stored name). Raises django's ValidationError, with a message
    for the editor, for anything that is not a JPEG, PNG, WebP or GIF image, is damaged,
    or has more than ``scholarly.images.MAX_PIXELS`` pixels; then nothing is written.
    Alt texts (``cover_alt_zh``, ``cover_alt_en``) are the caller's to set."""
    return apply_issue_cover(issue, prepare_issue_cover(content), save=save)


def remove_issue_cover(issue):
    """The issue without a cover (the files stay: other rows may share their content)."""
    issue.cover = ""
    issue.cover_renditions = {}


PREPARE_JOURNAL_IMAGE = {
    "logo": prepare_logo,
    "header": lambda content, filename="": prepare_raster(content, HEADER_WIDTHS, card=True),
    "favicon": prepare_favicon,
}


def prepare_journal_image(kind, content, filename=""):
    """Parse and derive a journal's logo, home page image or favicon (ValidationError)."""
    return PREPARE_JOURNAL_IMAGE[kind](content, filename)


def apply_journal_image(journal, kind, prepared):
    """Write a prepared journal image and point the journal at it (the caller saves)."""
    prepared.write()
    stored = prepared.as_stored()
    setattr(journal, FIELD_OF_IMAGE[kind], stored["fallback"][-1]["name"])
    journal.image_renditions = {**(journal.image_renditions or {}), kind: stored}


def remove_journal_image(journal, kind):
    setattr(journal, FIELD_OF_IMAGE[kind], "")
    journal.image_renditions = {
        key: value for key, value in (journal.image_renditions or {}).items() if key != kind
    }


def store_journal_image(journal, kind, content, filename="", *, save=True):
    """Give ``journal`` its ``kind`` ("logo", "header", "favicon") from ``content`` bytes;
    ValidationError (nothing written) for what is no usable image or a scripted SVG."""
    apply_journal_image(journal, kind, prepare_journal_image(kind, content, filename))
    if save:
        journal.save()
    return journal
