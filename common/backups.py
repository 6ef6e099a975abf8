"""Backup and restore of the whole portal: the database and every stored file.

A backup is a folder:

- ``database.dump``: PostgreSQL's own dump (``pg_dump --format=custom``), or a copy of the
  SQLite file for the demo;
- ``files/<storage>/<name>``: every file of the public media (``default``) and of the
  private files (``private``), whether they live on disk or in object storage;
- ``manifest.json``: when it was made, the rows of each table and the SHA-256 of each file,
  so a restore can prove it put everything back.

A restore goes into an empty database and empty storage only: it never mixes two portals.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection

STORAGE_ALIASES = ("default", "private")
MANIFEST = "manifest.json"
DUMP = "database.dump"


class BackupError(Exception):
    """What stops a backup or a restore, said so an operator can act on it."""


def stored_names(storage, folder: str = "") -> list[str]:
    """Every file in ``storage``, by name, however deep."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names.extend(stored_names(storage, f"{folder}{sub}/"))
    return sorted(names)


def _sha256(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def file_checksums(alias: str) -> dict[str, str]:
    storage = storages[alias]
    checksums = {}
    for name in stored_names(storage):
        with storage.open(name, "rb") as handle:
            checksums[name] = _sha256(handle)
    return checksums


def table_rows() -> dict[str, int]:
    """Rows per table of the database, Django's and the apps' alike."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _postgres_arguments(settings_dict) -> tuple[list[str], dict]:
    arguments = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            arguments += [option, str(settings_dict[key])]
    environment = {**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or ""}
    return arguments, environment


def _run(command: list[str], environment: dict) -> None:
    done = subprocess.run(command, env=environment, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _dump_database(target: Path) -> None:
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        arguments, environment = _postgres_arguments(settings_dict)
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-acl",
                *arguments,
                "--file",
                str(target),
                "--dbname",
                settings_dict["NAME"],
            ],
            environment,
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def _restore_database(source: Path) -> None:
    settings_dict = connection.settings_dict
    if connection.vendor == "postgresql":
        arguments, environment = _postgres_arguments(settings_dict)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                "--single-transaction",
                *arguments,
                "--dbname",
                settings_dict["NAME"],
                str(source),
            ],
            environment,
        )
    elif connection.vendor == "sqlite":
        connection.close()
        shutil.copyfile(source, settings_dict["NAME"])
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def backup(folder: Path) -> dict:
    """Write a backup of the database and every stored file into ``folder`` (new or empty)."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: a backup goes into a new folder.")
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "tables": table_rows(),
        "files": {},
    }
    _dump_database(folder / DUMP)
    for alias in STORAGE_ALIASES:
        storage = storages[alias]
        checksums = {}
        for name in stored_names(storage):
            path = folder / "files" / alias / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source, path.open("wb") as copy:
                shutil.copyfileobj(source, copy)
            with path.open("rb") as handle:
                checksums[name] = _sha256(handle)
        manifest["files"][alias] = checksums
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def restore(folder: Path) -> dict:
    """Put the backup in ``folder`` back into the configured, empty database and storage,
    then check that every table's rows and every file are what the backup recorded."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError as missing:
        raise BackupError(f"{folder} holds no backup ({MANIFEST} is missing).") from missing
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"The backup is of a {manifest['database']} database; this portal uses "
            f"{connection.vendor}."
        )
    if connection.introspection.table_names():
        raise BackupError("The database is not empty: restore into a new, empty database.")
    for alias in STORAGE_ALIASES:
        if stored_names(storages[alias]):
            raise BackupError(f"The {alias} storage is not empty: restore into empty storage.")
    _restore_database(folder / DUMP)
    for alias in STORAGE_ALIASES:
        storage = storages[alias]
        for name in manifest["files"][alias]:
            content = (folder / "files" / alias / name).read_bytes()
            saved = storage.save(name, ContentFile(content))
            if saved != name:
                raise BackupError(f"{name} was stored as {saved}: the storage was not empty.")
    problems = []
    tables = table_rows()
    for table, rows in manifest["tables"].items():
        if tables.get(table) != rows:
            problems.append(f"table {table}: {tables.get(table)} rows, backup has {rows}")
    for alias in STORAGE_ALIASES:
        if file_checksums(alias) != manifest["files"][alias]:
            problems.append(f"the {alias} files differ from the backup")
    if problems:
        raise BackupError("Restored, but not identical: " + "; ".join(problems))
    return manifest
