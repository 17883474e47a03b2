from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class OaiConfig(AppConfig):
    name = "oai"
    verbose_name = _("OAI-PMH")

    def ready(self):
        from articles.models import Article
        from oai.receivers import tombstone_before_hard_delete

        pre_delete.connect(
            tombstone_before_hard_delete, sender=Article, dispatch_uid="oai_hard_delete"
        )
