"""Tombstones keep the identifier's number and the sets, and survive a hard delete."""

import django.db.models.deletion
from django.db import migrations, models


def copy_from_articles(apps, schema_editor):
    Tombstone = apps.get_model("oai", "Tombstone")
    for tombstone in Tombstone.objects.select_related("article__journal", "article__section"):
        tombstone.record_id = tombstone.article_id
        tombstone.journal_slug = tombstone.article.journal.slug
        tombstone.section_slug = tombstone.article.section.slug
        tombstone.save(update_fields=["record_id", "journal_slug", "section_slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_history_and_soft_delete"),
        ("oai", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="tombstone",
            name="record_id",
            field=models.PositiveBigIntegerField(null=True, verbose_name="article number"),
        ),
        migrations.AddField(
            model_name="tombstone",
            name="journal_slug",
            field=models.CharField(default="", max_length=80, verbose_name="journal"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="tombstone",
            name="section_slug",
            field=models.CharField(default="", max_length=80, verbose_name="section"),
            preserve_default=False,
        ),
        migrations.RunPython(copy_from_articles, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="tombstone",
            name="record_id",
            field=models.PositiveBigIntegerField(
                help_text="The number in the OAI identifier.",
                unique=True,
                verbose_name="article number",
            ),
        ),
        migrations.AlterField(
            model_name="tombstone",
            name="article",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="oai_tombstone",
                to="articles.article",
                verbose_name="article",
            ),
        ),
    ]
