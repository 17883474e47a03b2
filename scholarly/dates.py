"""Dates at the precision a source knows: a year, a year and month, or a day.

A journal prints its publication date as 2019, 2019年5月 or 2019年5月3日; metadata
carries exactly that much (CSL ``date-parts`` [[2019, 5]], ISO 8601 "2019-05",
Google Scholar "2019/05"), never a day nobody gave.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

# 2019, 2019-5, 2019-05-03, 2019/5/3, 2019.05, 2019年5月3日, 2019年5月, 2019年
PARTIAL_DATE_RE = re.compile(
    r"(?P<year>[0-9]{4})(?:\s*[-/.年]\s*(?P<month>[0-9]{1,2})"
    r"(?:\s*[-/.月]\s*(?P<day>[0-9]{1,2})\s*日?|\s*月)?)?\s*年?"
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self):
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        date(self.year, self.month or 1, self.day or 1)  # ValueError for 2019-02-30

    @classmethod
    def parse(cls, text):
        """ "2019", "2019-05", "2019-05-03" (also / . or 年月日 between the parts) → a
        PartialDate; "" → None; anything else raises ValueError."""
        text = str(text or "").strip()
        if not text:
            return None
        match = PARTIAL_DATE_RE.fullmatch(text)
        if match is None:
            raise ValueError(f"not a date: {text!r}")
        return cls(*(int(part) if part else None for part in match.group("year", "month", "day")))

    @classmethod
    def from_date(cls, day):
        return cls(day.year, day.month, day.day) if day else None

    @classmethod
    def from_csl(cls, value):
        """A CSL date: {"date-parts": [[2019, 5]]} (parts may be strings, as some exporters
        write them) or {"raw": "2019-05"}; None when empty. ValueError when unusable."""
        if value in (None, "", {}):
            return None
        if isinstance(value, str):
            return cls.parse(value)
        if not isinstance(value, dict):
            raise ValueError(f"not a CSL date: {value!r}")
        date_parts = value.get("date-parts") or [[]]
        parts = date_parts[0] if isinstance(date_parts, list) else date_parts
        if not parts:
            return cls.parse(value.get("raw") or value.get("literal") or "")
        if not isinstance(parts, list) or len(parts) > 3:
            raise ValueError(f"not CSL date-parts: {parts!r}")
        if not all(isinstance(part, int | str) and not isinstance(part, bool) for part in parts):
            raise ValueError(f"not CSL date-parts: {parts!r}")
        return cls(*(int(str(part).strip()) for part in parts))

    @property
    def precision(self):
        return "day" if self.day else "month" if self.month else "year"

    @property
    def parts(self):
        return [part for part in (self.year, self.month, self.day) if part is not None]

    def csl(self):
        """CSL-JSON: {"date-parts": [[2019, 5]]}, only the known parts."""
        return {"date-parts": [self.parts]}

    def isoformat(self):
        """ISO 8601 at its precision: 2019, 2019-05, 2019-05-03 (W3CDTF, schema.org)."""
        return "-".join(self._padded())

    def slashed(self):
        """Google Scholar's citation_publication_date: 2019, 2019/05, 2019/05/03."""
        return "/".join(self._padded())

    def ris(self):
        """RIS DA: YYYY/MM/DD/ with the unknown parts left empty: 2019/05//, 2019///."""
        year, month, day = [*self._padded(), "", ""][:3]
        return f"{year}/{month}/{day}/"

    def first_day(self):
        """The first day of the period (an ordering or visibility bound, never printed)."""
        return date(self.year, self.month or 1, self.day or 1)

    def label(self):
        """As readers of the active language write it: 2019年5月3日 / 3 May 2019,
        2019年5月 / May 2019, 2019年 / 2019."""
        if self.day:
            return formats.date_format(self.first_day(), "DATE_FORMAT")
        if self.month:
            return formats.date_format(self.first_day(), "YEAR_MONTH_FORMAT")
        return formats.date_format(self.first_day(), pgettext("date format of a year alone", "Y"))

    def __str__(self):
        return self.isoformat()

    def _padded(self):
        return [f"{self.year:04d}", *(f"{part:02d}" for part in self.parts[1:])]


def validate_partial_date(value):
    """A model field's validator: text that ``PartialDate.parse`` reads."""
    try:
        PartialDate.parse(value)
    except ValueError as error:
        raise ValidationError(
            _("Give a year, a year and month, or a day: 2019, 2019-05 or 2019-05-03."),
            code="invalid_date",
        ) from error


def normalized_partial_date(value):
    """The ISO form of a date typed as 2019/5/3 or 2019年5月; unusable text stays as it is
    (for the validator to name)."""
    try:
        return str(PartialDate.parse(value) or "")
    except ValueError:
        return value
