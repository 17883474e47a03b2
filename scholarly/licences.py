"""The licences an article can carry, with their canonical URLs (standards CC-1)."""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class LicenceChoice(models.TextChoices):
    CC_BY_4 = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA_4 = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC_BY_NC_4 = "CC-BY-NC-4.0", "CC BY-NC 4.0"
    CC_BY_NC_ND_4 = "CC-BY-NC-ND-4.0", "CC BY-NC-ND 4.0"


@dataclass(frozen=True)
class Licence:
    code: str
    short_name: str
    name_en: str
    name_zh: str
    url: str
    badge: str  # under static/

    def name(self, language):
        return self.name_zh if language == "zh-hans" else self.name_en

    def deed_url(self, language):
        """The human-readable deed in the reader's language; machines get ``url``."""
        return f"{self.url}deed.{'zh-hans' if language == 'zh-hans' else 'en'}"


def _cc(code, short, kind_en, kind_zh, path):
    return Licence(
        code=code,
        short_name=short,
        name_en=f"Creative Commons {kind_en} 4.0 International ({short})",
        name_zh=f"知识共享{kind_zh} 4.0 协议国际版 ({short})",
        url=f"https://creativecommons.org/licenses/{path}/4.0/",
        badge=f"img/licences/{path}.svg",
    )


LICENCES = {
    LicenceChoice.CC_BY_4: _cc("CC-BY-4.0", "CC BY 4.0", "Attribution", "署名", "by"),
    LicenceChoice.CC_BY_SA_4: _cc(
        "CC-BY-SA-4.0", "CC BY-SA 4.0", "Attribution-ShareAlike", "署名-相同方式共享", "by-sa"
    ),
    LicenceChoice.CC_BY_NC_4: _cc(
        "CC-BY-NC-4.0", "CC BY-NC 4.0", "Attribution-NonCommercial", "署名-非商业性使用", "by-nc"
    ),
    LicenceChoice.CC_BY_NC_ND_4: _cc(
        "CC-BY-NC-ND-4.0",
        "CC BY-NC-ND 4.0",
        "Attribution-NonCommercial-NoDerivatives",
        "署名-非商业性使用-禁止演绎",
        "by-nc-nd",
    ),
}

LICENCE_HELP = _("CC BY 4.0 unless the journal or article says otherwise.")

# A Creative Commons licence URL as sources write it: http or https, with or without
# "www.", a trailing "legalcode" or "deed.xx", with or without the last slash.
CC_URL_RE = re.compile(
    r"^https?://(?:www\.)?creativecommons\.org/licenses/([a-z-]+)/([0-9.]+)(?:/|$)", re.IGNORECASE
)
# A licence named in words, as Zotero's "Rights" field holds it: "CC BY 4.0", "CC-BY-NC-ND-4.0".
CC_NAME_RE = re.compile(r"^CC[\s-]+(BY(?:[\s-]+(?:NC|SA|ND))*)[\s-]+([0-9.]+)$", re.IGNORECASE)


def licence_from_url(url):
    """The licence choice a Creative Commons URL names, or None (another licence or version)."""
    match = CC_URL_RE.match((url or "").strip())
    if not match:
        return None
    return _cc_choice(match.group(1), match.group(2))


def licence_from_name(name):
    """The licence choice a short name names ("CC BY 4.0", "CC-BY-NC-ND-4.0"), or None."""
    match = CC_NAME_RE.match(" ".join((name or "").split()))
    if not match:
        return None
    return _cc_choice(re.sub(r"[\s-]+", "-", match.group(1)), match.group(2))


def _cc_choice(kind, version):
    code = f"CC-{kind.upper()}-{version}"
    if version == "4" or version.startswith("4.0"):
        code = f"CC-{kind.upper()}-4.0"
    return LicenceChoice(code) if code in LicenceChoice.values else None
