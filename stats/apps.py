from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = _("Usage statistics")

    def ready(self):
        from stats import receivers

        receivers.connect()
