# Pages as printed (#15), first of two steps: first and last page become text ("5",
# "iii", "S12"), with an article number (eLocator, "e1021") and an order within the
# issue's table of contents. The integer pages become their digits ("5" stays "5": the
# column's type change casts them); 0006 then makes NULL pages "", 0007 refuses NULL.
#
# Three migrations, three transactions: PostgreSQL refuses to alter a table that an
# UPDATE of the same transaction left with pending foreign-key checks.

from django.db import migrations, models

FIRST_HELP = 'As printed: 5, iii, S12.'
LAST_HELP = 'Empty for a one-page article.'


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_reference_doi_validated'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='article',
            name='article_first_page_not_after_last',
        ),
        # Integer to text, NULL kept: the database casts 5 to "5".
        *[
            migrations.AlterField(
                model_name=model,
                name=name,
                field=models.CharField(blank=True, help_text=help_text, max_length=20, null=True, verbose_name=verbose),
            )
            for model in ('article', 'historicalarticle')
            for name, verbose, help_text in (
                ('first_page', 'first page', FIRST_HELP),
                ('last_page', 'last page', LAST_HELP),
            )
        ],
        migrations.AddField(
            model_name='article',
            name='article_number',
            field=models.CharField(blank=True, help_text='For a journal that numbers its articles (eLocator), e.g. e1021 or 102345; citations print it where pages go when there are none.', max_length=50, verbose_name='article number (eLocator)'),
        ),
        migrations.AddField(
            model_name='article',
            name='order',
            field=models.PositiveIntegerField(default=0, help_text="Position in the issue's table of contents, within the article's section; articles with the same position follow their first page.", verbose_name='order in the issue'),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='article_number',
            field=models.CharField(blank=True, help_text='For a journal that numbers its articles (eLocator), e.g. e1021 or 102345; citations print it where pages go when there are none.', max_length=50, verbose_name='article number (eLocator)'),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='order',
            field=models.PositiveIntegerField(default=0, help_text="Position in the issue's table of contents, within the article's section; articles with the same position follow their first page.", verbose_name='order in the issue'),
        ),
    ]
