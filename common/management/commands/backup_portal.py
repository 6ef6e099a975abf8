from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database and every stored file (public media and private files) "
        "into a new folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a new or empty folder for the backup")

    def handle(self, *args, folder, **options):
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = sum(len(names) for names in manifest["files"].values())
        rows = sum(manifest["tables"].values())
        tables = len(manifest["tables"])
        self.stdout.write(f"Backed up {tables} tables ({rows} rows) and {files} files to {folder}.")
