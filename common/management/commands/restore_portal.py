from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_portal into the configured database and storage, "
        "which must be empty, and check that every table and file is identical."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="the folder backup_portal wrote")

    def handle(self, *args, folder, **options):
        try:
            manifest = restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = sum(len(names) for names in manifest["files"].values())
        self.stdout.write(
            f"Restored {len(manifest['tables'])} tables and {files} files from {folder} "
            f"(backup of {manifest['created']}); every row count and file checksum matches."
        )
