"""Persistent identifiers: ISSN, ORCID iD and DOI, normalised and validated.

Check digits come from python-stdnum (ISSN mod 11; ORCID is an ISNI range, so
ISO 7064 MOD 11-2); DOIs follow Crossref's pattern ``10.NNNN/suffix``.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import isni, issn
from stdnum.exceptions import ValidationError as StdnumError

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
# A DOI as people paste it: doi:10.…, https://doi.org/10.…, http://dx.doi.org/10.…
DOI_PREFIX_RE = re.compile(
    r"^(?:doi\s*[:：]\s*|https?://(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/)", re.IGNORECASE
)
DOI_IN_TEXT_RE = re.compile(r"10\.\d{4,9}/[^\s\"<>]+")
ORCID_URL_PREFIX = "https://orcid.org/"


def normalize_doi(value):
    """Return the bare DOI (``10.…``) from any common written form, or ''."""
    value = (value or "").strip()
    value = DOI_PREFIX_RE.sub("", value).strip()
    # Trailing punctuation is never part of a DOI printed at the end of a sentence.
    return value.rstrip(".,;。，；")


def find_doi(text):
    """The first DOI inside free text (a printed reference), bare, or ''."""
    match = DOI_IN_TEXT_RE.search(text or "")
    return normalize_doi(match.group(0)) if match else ""


def doi_url(doi):
    return f"https://doi.org/{doi}" if doi else ""


def validate_doi(value):
    if not DOI_RE.match(normalize_doi(value)):
        raise ValidationError(
            _("“%(value)s” is not a DOI: it must look like 10.1234/abc."),
            code="invalid_doi",
            params={"value": value},
        )


def normalize_issn(value):
    value = (value or "").strip().upper()
    if not value:
        return ""
    try:
        return issn.format(value)
    except StdnumError:
        return value


def validate_issn(value):
    if not value:
        return
    try:
        issn.validate(value)
    except StdnumError as error:
        raise ValidationError(
            _("“%(value)s” is not a valid ISSN (NNNN-NNNC with a correct check digit)."),
            code="invalid_issn",
            params={"value": value},
        ) from error


def normalize_orcid(value):
    value = (value or "").strip()
    if value.lower().startswith(("https://orcid.org/", "http://orcid.org/")):
        value = value.split("orcid.org/", 1)[1]
    return value.strip("/").upper()


def validate_orcid(value):
    if not value:
        return
    bare = normalize_orcid(value)
    ok = re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", bare)
    try:
        ok = ok and isni.is_valid(bare.replace("-", ""))
    except StdnumError:
        ok = False
    if not ok:
        raise ValidationError(
            _("“%(value)s” is not a valid ORCID iD (0000-0000-0000-000X, check digit included)."),
            code="invalid_orcid",
            params={"value": value},
        )


def orcid_url(orcid):
    return f"{ORCID_URL_PREFIX}{orcid}" if orcid else ""


# Funders: a Crossref Funder Registry DOI (10.13039/…, what Crossref deposits and its
# CSL-JSON ``funder[].DOI`` carries) or a ROR ID (the registry that is taking it over).
FUNDER_DOI_PREFIX = "10.13039/"
ROR_URL_PREFIX = "https://ror.org/"
ROR_URL_RE = re.compile(r"^(?:https?://)?(?:www\.)?ror\.org/", re.IGNORECASE)
# 0, six Crockford base-32 characters, a two-digit checksum (ISO 7064 MOD 97-10).
ROR_ID_RE = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}$")
CROCKFORD_BASE32 = "0123456789abcdefghjkmnpqrstvwxyz"


def normalize_ror(value):
    """``https://ror.org/0…`` from any written form (ror.org/…, the bare id), or the input."""
    value = (value or "").strip()
    bare = ROR_URL_RE.sub("", value).strip("/").lower()
    return f"{ROR_URL_PREFIX}{bare}" if ROR_ID_RE.match(bare) else value


def is_ror(value):
    bare = ROR_URL_RE.sub("", (value or "").strip()).strip("/").lower()
    if not ROR_ID_RE.match(bare):
        return False
    number = 0
    for char in bare[1:7]:
        number = number * 32 + CROCKFORD_BASE32.index(char)
    return int(bare[7:]) == 98 - (number * 100) % 97


def normalize_funder_id(value):
    """A funder's identifier as stored: the bare Funder Registry DOI, or the ROR URL."""
    value = (value or "").strip()
    if not value:
        return ""
    if ROR_URL_RE.match(value) or ROR_ID_RE.match(value.lower()):
        return normalize_ror(value)
    return normalize_doi(value)


def validate_funder_id(value):
    if not value:
        return
    normalized = normalize_funder_id(value)
    if is_ror(normalized):
        return
    if normalized.startswith(FUNDER_DOI_PREFIX) and DOI_RE.match(normalized):
        return
    raise ValidationError(
        _(
            "“%(value)s” is not a funder identifier: give a Crossref Funder ID "
            "(10.13039/501100001809) or a ROR ID (https://ror.org/01h0zpd94)."
        ),
        code="invalid_funder_id",
        params={"value": value},
    )


def funder_id_url(value):
    """The identifier as a link: doi.org for a Funder ID, ror.org for a ROR ID."""
    if not value:
        return ""
    return value if value.startswith(ROR_URL_PREFIX) else doi_url(value)


# A whole search query that is one identifier (#19): what a reader pastes from a citation.
ISSN_QUERY_RE = re.compile(
    r"^(?:issn\s*[:：]?\s*)?(\d{4})\s*[-‐–]?\s*(\d{3}[\dxX])$", re.IGNORECASE
)
ORCID_QUERY_RE = re.compile(
    r"^(?:orcid\s*[:：]?\s*|(?:https?://)?(?:www\.)?orcid\.org/)?"
    r"(\d{4}-?\d{4}-?\d{4}-?\d{3}[\dxX])/?$",
    re.IGNORECASE,
)


def identifier_in_query(text):
    """("doi" | "issn" | "orcid", normalised value) when the whole of ``text`` is one
    identifier in any common form (a valid check digit for ISSN and ORCID), else None."""
    text = (text or "").strip()
    doi = normalize_doi(re.sub(r"^https?://(?:www\.)?", "", text, flags=re.IGNORECASE))
    if DOI_RE.match(doi) and " " not in doi:
        return ("doi", doi)
    if match := ISSN_QUERY_RE.match(text):
        value = f"{match.group(1)}-{match.group(2).upper()}"
        if issn.is_valid(value):
            return ("issn", value)
    if match := ORCID_QUERY_RE.match(text):
        digits = match.group(1).replace("-", "").upper()
        value = "-".join(digits[i : i + 4] for i in range(0, 16, 4))
        if isni.is_valid(digits):
            return ("orcid", value)
    return None
