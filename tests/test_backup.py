"""Backup and restore: a seeded portal (its photos and documents in object storage) is backed
up, restored into a new database and new buckets, and every table's rows and every object
are found identical. The commands run as an operator runs them, in processes of their own."""

import datetime
import hashlib
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import psycopg2
import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection

from common.uploads import clean_image_upload
from deals.services import deal_record
from products.proposals import ProductProposal, ProposedPhoto
from products.services import product_approve, product_create

from . import object_store
from . import upload_files as files
from .factories import ExhibitorFactory, SubCategoryFactory, TradeLeadFactory

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ("backup-media", "backup-private")
TARGET = ("restored-media", "restored-private")

pytestmark = pytest.mark.django_db(transaction=True)


def _database_url(name: str) -> str:
    settings_dict = connection.settings_dict
    user = settings_dict.get("USER") or "postgres"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{name}"


def _connect(name: str):
    settings_dict = connection.settings_dict
    return psycopg2.connect(
        dbname=name,
        host=settings_dict.get("HOST") or "127.0.0.1",
        port=settings_dict.get("PORT") or 5432,
        user=settings_dict.get("USER") or "postgres",
        password=settings_dict.get("PASSWORD") or None,
    )


def _manage(*arguments, database: str, buckets: tuple[str, str], endpoint: str):
    """``manage.py`` as an operator runs it, with the portal's settings from the environment."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_URL", "EXPO_", "REDIS_URL"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="expo_portal.settings.local",
        DATABASE_URL=_database_url(database),
        **object_store.environment(endpoint, *buckets),
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def _table_fingerprints(database: str) -> dict[str, tuple[int, str]]:
    """Each table's row count and a digest of all its rows, in a stable order."""
    conn = _connect(database)
    with conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        tables = [row[0] for row in cursor.fetchall()]
        fingerprints = {}
        for table in tables:
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \"{table}\" t"  # noqa: E501, S608
            )
            fingerprints[table] = cursor.fetchone()
    conn.close()
    return fingerprints


def _object_digests(s3, bucket: str) -> dict[str, str]:
    return {
        key: hashlib.sha256(s3.get_object(Bucket=bucket, Key=key)["Body"].read()).hexdigest()
        for key in object_store.keys(s3, bucket)
    }


def _administer(statement: str) -> None:
    conn = _connect("postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(statement)
    finally:
        conn.close()


@pytest.fixture
def restored_database():
    name = f"{connection.settings_dict['NAME']}_restored"
    _administer(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _administer(f'CREATE DATABASE "{name}"')
    yield name
    _administer(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def seeded(settings, media_root, monkeypatch, s3_server, user, staff_user):
    """A small portal: businesses, products with photos, leads, a meeting's mail with its
    calendar file, a deal with its signed agreement; the files in the source buckets."""
    s3 = object_store.client(s3_server)
    object_store.new_buckets(s3, *SOURCE)
    object_store.new_buckets(s3, *TARGET)
    object_store.use_buckets(settings, monkeypatch, s3_server, *SOURCE)
    exhibitor = ExhibitorFactory(owners=[user])
    for name in ("Gayo coffee", "Batik scarf"):
        product = product_create(
            exhibitor=exhibitor,
            proposal=ProductProposal(
                fields={"name_en": name, "name_ind": name, "category": SubCategoryFactory().pk},
                photos=[ProposedPhoto(upload=clean_image_upload(files.jpeg()).file)],
            ),
            actor=user,
        )
        product_approve(product=product, actor=staff_user)
    lead = TradeLeadFactory(product=product)
    deal_record(
        lead=lead,
        actor=user,
        title="Container",
        agreement_signed_on=datetime.date(2026, 10, 9),
        amount=Decimal("5000"),
        document=ContentFile(b"%PDF-1.7\n%%EOF\n", name="mou.pdf"),
    )
    attachment = apps.get_model("post_office", "Attachment")(name="meeting.ics")
    attachment.file.save("meeting.ics", ContentFile(b"BEGIN:VCALENDAR\r\n"), save=True)
    yield s3
    object_store.forget_thumbnail_storage()


def test_backup_restores_every_row_and_object_into_a_new_database_and_buckets(
    seeded, s3_server, restored_database, tmp_path
):
    """Bad input tried first, each refused with a clear message and nothing changed:
    restoring over the portal's own database and buckets, into an empty database with
    buckets in use, from a folder that holds no backup, and a backup into a folder
    already holding one."""
    s3, source_db = seeded, connection.settings_dict["NAME"]
    folder = tmp_path / "backup"

    def manage(*arguments, database=source_db, buckets=SOURCE):
        return _manage(*arguments, database=database, buckets=buckets, endpoint=s3_server)

    made = manage("backup_portal", str(folder))
    assert made.returncode == 0, made.stderr
    tables, objects = _table_fingerprints(source_db), _object_digests(s3, SOURCE[0])
    refused = {
        "over itself": manage("restore_portal", str(folder)),
        "into used buckets": manage("restore_portal", str(folder), database=restored_database),
        "no backup": manage(
            "restore_portal", str(tmp_path), database=restored_database, buckets=TARGET
        ),
        "onto a backup": manage("backup_portal", str(folder)),
    }
    assert {case: done.returncode for case, done in refused.items()} == dict.fromkeys(refused, 1)
    assert "The database is not empty" in refused["over itself"].stderr
    assert "The default storage is not empty" in refused["into used buckets"].stderr
    assert "holds no backup" in refused["no backup"].stderr
    assert "is not empty: a backup goes into a new folder" in refused["onto a backup"].stderr
    assert _table_fingerprints(source_db) == tables
    assert _object_digests(s3, SOURCE[0]) == objects
    assert _table_fingerprints(restored_database) == {}

    restored = manage("restore_portal", str(folder), database=restored_database, buckets=TARGET)

    assert restored.returncode == 0, restored.stderr
    assert "every row count and file checksum matches" in restored.stdout
    assert len(tables) > 50 and tables["products_product"][0] > 0
    assert _table_fingerprints(restored_database) == tables
    for source, target in zip(SOURCE, TARGET, strict=True):
        assert _object_digests(s3, target) == _object_digests(s3, source) != {}
