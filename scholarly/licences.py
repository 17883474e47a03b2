"""The licences an article can carry, with their canonical URLs (standards CC-1)."""

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
