# Issue numbers as printed (#15): the volume may be empty (journals cited 2019(5)), the
# number is text ("5", "1-2" 合刊, "S1" 增刊). The integer numbers become their digits
# ("5" stays "5": the column's type change casts them), uniqueness is per volume, or per
# year for issues without a volume, and issues are ordered by date.

from django.db import migrations, models


def refuse_unprintable_issues(apps, schema_editor):
    """Going back needs a volume and a whole number on every issue: say which has not."""
    Issue = apps.get_model("journal", "Issue")
    for issue in Issue.objects.order_by("pk"):
        if issue.volume is None or not issue.number.isdigit():
            raise RuntimeError(
                f"Issue {issue.pk} (year {issue.year}, volume {issue.volume}, number "
                f"{issue.number!r}) has no place in the integer volume and number of the "
                "previous schema; give it a volume and a whole number first."
            )


class Migration(migrations.Migration):

    dependencies = [
        ('journal', '0005_unique_issns'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='issue',
            options={'ordering': ['journal', '-year', '-publication_date', '-pk'], 'verbose_name': 'issue', 'verbose_name_plural': 'issues'},
        ),
        migrations.RemoveConstraint(
            model_name='issue',
            name='issue_unique_volume_number',
        ),
        migrations.AlterField(
            model_name='issue',
            name='number',
            field=models.CharField(blank=True, help_text='As printed: 5; 1-2 for a double issue (合刊); S1 or 增刊1 for a supplement (增刊). Empty only for a volume without issues.', max_length=20, verbose_name='number'),
        ),
        migrations.AlterField(
            model_name='issue',
            name='volume',
            field=models.PositiveIntegerField(blank=True, help_text='Empty for a journal without volumes, cited by year and number: 2019(5), 2019年第5期.', null=True, verbose_name='volume'),
        ),
        migrations.AddConstraint(
            model_name='issue',
            constraint=models.CheckConstraint(condition=models.Q(('volume__isnull', False), models.Q(('number', ''), _negated=True), _connector='OR'), name='issue_has_volume_or_number', violation_error_message='Give the issue a volume, a number or both.'),
        ),
        migrations.AddConstraint(
            model_name='issue',
            constraint=models.UniqueConstraint(condition=models.Q(('volume__isnull', False)), fields=('journal', 'volume', 'number'), name='issue_unique_volume_number', violation_error_message='This journal already has an issue with this volume and number.'),
        ),
        migrations.AddConstraint(
            model_name='issue',
            constraint=models.UniqueConstraint(condition=models.Q(('volume__isnull', True)), fields=('journal', 'year', 'number'), name='issue_unique_year_number', violation_error_message='This journal already has an issue without a volume with this year and number.'),
        ),
        # Last, so that going back checks first.
        migrations.RunPython(migrations.RunPython.noop, refuse_unprintable_issues),
    ]
