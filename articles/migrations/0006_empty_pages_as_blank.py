# Pages as printed (#15), second step: an empty page, NULL in the integer column, becomes
# "" (text columns hold no NULL). Alone in its migration: see 0005.

from django.db import migrations

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


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_pages_as_printed'),
    ]

    operations = [
        migrations.RunPython(empty_pages_as_blank, pages_back_to_integers),
    ]
