# Pages as printed (#15), last step: the page columns refuse NULL (0006 left none).

from django.db import migrations, models

FIRST_HELP = 'As printed: 5, iii, S12.'
LAST_HELP = 'Empty for a one-page article.'


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_empty_pages_as_blank'),
    ]

    operations = [
        *[
            migrations.AlterField(
                model_name=model,
                name=name,
                field=models.CharField(blank=True, help_text=help_text, max_length=20, verbose_name=verbose),
            )
            for model in ('article', 'historicalarticle')
            for name, verbose, help_text in (
                ('first_page', 'first page', FIRST_HELP),
                ('last_page', 'last page', LAST_HELP),
            )
        ],
    ]
