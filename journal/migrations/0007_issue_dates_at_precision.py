# Issue dates at the precision known (#15): the date as printed apart from the day the
# issue goes public. Empty for existing issues, which print their publication day.

import scholarly.dates
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('journal', '0006_issue_numbering_as_printed'),
    ]

    operations = [
        migrations.AddField(
            model_name='issue',
            name='issued',
            field=models.CharField(blank=True, help_text='2019, 2019-05 or 2019-05-30, as printed. Empty: the publication date.', max_length=10, validators=[scholarly.dates.validate_partial_date], verbose_name='publication date as printed'),
        ),
        migrations.AlterField(
            model_name='issue',
            name='publication_date',
            field=models.DateField(help_text='The issue and its articles go public on this day.', verbose_name='publication date'),
        ),
    ]
