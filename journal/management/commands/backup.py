from django.core.management.base import BaseCommand, CommandError

from journal.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database and the media folder into backups/<timestamp>/ "
        "(or the given folder). Prints the folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", help="where to write (default backups/<time>)")
        parser.add_argument("--database", default="default")

    def handle(self, *args, folder, database, **options):
        try:
            backup = create_backup(folder, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(backup.path))
