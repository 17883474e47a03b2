from django.core.management.base import BaseCommand, CommandError

from journal.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: replaces the database's contents and "
        "extracts the media files into MEDIA_ROOT."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a folder made by `manage.py backup`")
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, folder, database, interactive, **options):
        if interactive:
            answer = input(
                f"This replaces everything in the {database!r} database with {folder}.\n"
                "Type 'yes' to continue: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            backup = restore_backup(folder, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {', '.join(backup.files)} from {backup.path}")
