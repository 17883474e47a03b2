"""Uploaded images made safe and page-ready, without models (#19).

An upload is parsed, never trusted by its name or type: a raster image is opened
with Pillow (JPEG, PNG, WebP or GIF only, at most ``MAX_PIXELS``, decoded whole),
then re-encoded at the widths pages ask for, as WebP plus a JPEG (or PNG, when it has
transparency) fallback, without its metadata (EXIF, GPS, comments, ICC). An SVG is
parsed as XML and refused if it can run anything (scripts, event attributes,
foreign objects, outside references). Storage and models are the callers' business.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from lxml import etree
from PIL import Image, ImageOps

# 40 megapixels: any cover scan (A4 at 600 dpi is 35 MP); a decompression bomb is far more.
MAX_PIXELS = 40_000_000
MAX_BYTES = 20 * 1024 * 1024
RASTER_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Elements that run code or pull in other documents.
SVG_FORBIDDEN = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}


@dataclass(frozen=True)
class Rendition:
    """One encoded image: its bytes, pixel size and file extension."""

    content: bytes
    width: int
    height: int
    extension: str

    @property
    def content_type(self):
        return CONTENT_TYPES[self.extension]

    @property
    def name(self):
        """A name of its content: the same bytes, the same name; new bytes, a new name."""
        digest = hashlib.sha256(self.content).hexdigest()[:20]
        return f"{digest}-{self.width}.{self.extension}"


CONTENT_TYPES = {
    "webp": "image/webp",
    "jpg": "image/jpeg",
    "png": "image/png",
    "svg": "image/svg+xml",
}


def _too_big():
    return ValidationError(
        _("This file is larger than %(size)d MB. Upload a smaller image."),
        code="too_large",
        params={"size": MAX_BYTES // (1024 * 1024)},
    )


def open_raster(content):
    """The image in ``content`` decoded, upright, or a ValidationError saying why not."""
    if len(content) > MAX_BYTES:
        raise _too_big()
    not_image = ValidationError(
        _("This file is not an image this site can use. Upload a JPEG, PNG, WebP or GIF file."),
        code="not_image",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content))
            # The header gives the size before any pixel is decoded: refuse bombs here.
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    _(
                        "This image is %(width)d × %(height)d pixels, more than the "
                        "%(limit)d million this site accepts. Upload a smaller image."
                    ),
                    code="too_many_pixels",
                    params={
                        "width": image.width,
                        "height": image.height,
                        "limit": MAX_PIXELS // 1_000_000,
                    },
                )
            if image.format not in RASTER_FORMATS:
                raise not_image
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("This image has too many pixels. Upload a smaller image."), code="too_many_pixels"
        ) from error
    except Exception as error:  # Pillow raises many kinds on damaged or foreign files
        raise not_image from error
    image = ImageOps.exif_transpose(image)  # as the camera held it, before EXIF is dropped
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    pixels = image.convert("RGBA" if has_alpha else "RGB")
    pixels.info = {}  # comments, ICC, XMP, EXIF: Pillow would write them out again
    return pixels


def has_transparency(image):
    return image.mode == "RGBA" and image.getextrema()[3][0] < 255


def encode(image, extension):
    """``image`` as bytes in one format, with no metadata: only the pixels are written."""
    buffer = io.BytesIO()
    if extension == "webp":
        image.save(buffer, "WEBP", quality=82, method=4)
    elif extension == "png":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return Rendition(buffer.getvalue(), image.width, image.height, extension)


def resized(image, width):
    """``image`` scaled to ``width`` (never up), keeping its proportions."""
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def renditions(image, widths):
    """For each width (never wider than the image): a WebP and a fallback rendition,
    as {"webp": [...], "fallback": [...]}, narrowest first, no width twice."""
    fallback = "png" if has_transparency(image) else "jpg"
    sizes = sorted({min(width, image.width) for width in widths})
    result = {"webp": [], "fallback": []}
    for width in sizes:
        scaled = resized(image, width)
        result["webp"].append(encode(scaled, "webp"))
        result["fallback"].append(encode(scaled, fallback))
    return result


def social_card(image, background="#ffffff", size=(1200, 630)):
    """``image`` whole on a card of the size Open Graph and Twitter ask for (1200 × 630),
    centred on ``background``: a portrait cover is not cropped to a strip."""
    card = Image.new("RGB", size, background)
    fitted = ImageOps.contain(image, size, Image.Resampling.LANCZOS)
    offset = ((size[0] - fitted.width) // 2, (size[1] - fitted.height) // 2)
    if fitted.mode == "RGBA":
        card.paste(fitted, offset, fitted)
    else:
        card.paste(fitted, offset)
    return encode(card, "jpg")


def looks_like_svg(content, filename=""):
    head = content[:512].lstrip().lower()
    return filename.lower().endswith(".svg") or head.startswith((b"<svg", b"<?xml", b"<!--"))


def _unsafe_reference(value):
    value = "".join(value.split()).lower()
    return bool(value) and not (
        value.startswith("#")
        or value.startswith(("data:image/png", "data:image/jpeg", "data:image/gif"))
        or value.startswith("data:image/webp")
    )


def clean_svg(content):
    """The SVG in ``content``, checked to run nothing and load nothing, re-serialised
    (comments and processing instructions dropped); a ValidationError otherwise."""
    if len(content) > MAX_BYTES:
        raise _too_big()
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        raise ValidationError(
            _("This SVG file cannot be read: it is not well-formed XML."), code="bad_svg"
        ) from error
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ValidationError(_("This file is not an SVG image."), code="bad_svg")
    tree = root.getroottree()
    if tree.docinfo.internalDTD or tree.docinfo.doctype:
        raise ValidationError(
            _("This SVG declares a DOCTYPE (entities). Save it again without one."),
            code="svg_doctype",
        )
    scripted = ValidationError(
        _(
            "This SVG contains scripts, event handlers or links to other files, which a "
            "logo may not have. Save it again as plain SVG (e.g. Inkscape's “Plain SVG”)."
        ),
        code="svg_script",
    )
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions: dropped below
        if etree.QName(element).localname in SVG_FORBIDDEN:
            raise scripted
        for attribute, value in element.attrib.items():
            name = etree.QName(attribute).localname.lower()
            if name.startswith("on"):
                raise scripted
            if name == "href" and _unsafe_reference(value):
                raise scripted
            folded = "".join(value.split()).lower()
            if "javascript:" in folded or "url(http" in folded or "url(//" in folded:
                raise scripted
        if etree.QName(element).localname == "style" and element.text:
            style = "".join(element.text.split()).lower()
            if "@import" in style or "url(http" in style or "url(//" in style:
                raise scripted
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)
    cleaned = etree.tostring(root, encoding="utf-8", xml_declaration=False)
    return Rendition(cleaned, *svg_size(root), "svg")


def svg_size(root):
    """The SVG's intrinsic size in CSS pixels (its viewBox when width/height are absent)."""

    def number(value):
        try:
            return round(float("".join(ch for ch in value if ch.isdigit() or ch == ".")))
        except ValueError:
            return 0

    width, height = number(root.get("width", "")), number(root.get("height", ""))
    if not (width and height):
        box = root.get("viewBox", "").replace(",", " ").split()
        if len(box) == 4:
            width, height = number(box[2]), number(box[3])
    return (width or 300, height or 150)


def relative_luminance(hex_colour):
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first, second):
    """WCAG 2.x contrast ratio of two ``#rrggbb`` colours, 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
