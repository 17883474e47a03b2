# Dates at the precision known (#15): the publication date as printed (``issued``: 2019,
# 2019-05 or 2019-05-03) apart from the moment of going public, and the revised and
# online-first dates. An article already public keeps the day it has always been cited
# with; a scheduled or draft one keeps following its publication time.

import scholarly.dates
from django.db import migrations, models
from django.utils import timezone


def carry_publication_days(apps, schema_editor):
    Article = apps.get_model('articles', 'Article')
    public = Article.objects.filter(
        status='published', published_at__lte=timezone.now(), issued=''
    )
    by_day = {}
    for pk, published_at in public.values_list('pk', 'published_at').iterator(chunk_size=2000):
        by_day.setdefault(timezone.localdate(published_at).isoformat(), []).append(pk)
    for day, pks in by_day.items():  # one UPDATE per day (and per 500 articles)
        for start in range(0, len(pks), 500):
            Article.objects.filter(pk__in=pks[start : start + 500]).update(issued=day)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_scheduled_derived_citation_jobs'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='issued',
            field=models.CharField(blank=True, help_text="The year, year and month, or day the journal prints: 2019, 2019-05 or 2019-05-03. Empty: the issue's date as printed, else the day the article goes public.", max_length=10, validators=[scholarly.dates.validate_partial_date], verbose_name='publication date as printed'),
        ),
        migrations.AddField(
            model_name='article',
            name='online_first',
            field=models.DateField(blank=True, help_text='The day of online-first publication (网络首发), before the issue.', null=True, verbose_name='published online first'),
        ),
        migrations.AddField(
            model_name='article',
            name='revised',
            field=models.DateField(blank=True, null=True, verbose_name='revised'),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='issued',
            field=models.CharField(blank=True, help_text="The year, year and month, or day the journal prints: 2019, 2019-05 or 2019-05-03. Empty: the issue's date as printed, else the day the article goes public.", max_length=10, validators=[scholarly.dates.validate_partial_date], verbose_name='publication date as printed'),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='online_first',
            field=models.DateField(blank=True, help_text='The day of online-first publication (网络首发), before the issue.', null=True, verbose_name='published online first'),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='revised',
            field=models.DateField(blank=True, null=True, verbose_name='revised'),
        ),
        migrations.RunPython(carry_publication_days, migrations.RunPython.noop),
    ]
