# Pages as printed (#15): first and last page become text ("5", "iii", "S12"), with an
# article number (eLocator, "e1021") and an order within the table of contents.
# The integer pages become their digits ("5" stays "5": the column's type change casts
# them), and an empty page, NULL before, becomes "" (text columns hold no NULL).

from django.db import migrations, models

PAGE_FIELDS = ("first_page", "last_page")
MODELS = ("Article", "HistoricalArticle")


def empty_pages_as_blank(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("articles", name)
        for field in PAGE_FIELDS:
            model.objects.filter(**{f"{field}__isnull": True}).update(**{field: ""})


def pages_back_to_integers(apps, schema_editor):
    """Going back: a page that is not a whole number ("iii", "S12") has no place in an
    integer column and is emptied (the text is lost, as the previous schema could not
    hold it)."""
    for name in MODELS:
        model = apps.get_model("articles", name)
        for field in PAGE_FIELDS:
            model.objects.exclude(**{f"{field}__regex": r"^[0-9]{1,9}$"}).update(**{field: None})


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
        # 1. Integer to text, NULL kept: the database casts 5 to "5".
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
        # 2. NULL to "".
        migrations.RunPython(empty_pages_as_blank, pages_back_to_integers),
        # 3. No NULL any more.
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
