"""A real S3-compatible server on loopback for the tests (moto's standalone server), and
buckets set up as the README asks: public media readable by anyone through the bucket
policy, private files readable by nobody without credentials."""

import json

import boto3
from django.apps import apps
from django.core.files.storage import storages
from django.utils.functional import empty
from moto.server import ThreadedMotoServer
from sorl.thumbnail import default as sorl_default

from expo_portal.settings.base import object_storage, public_media_origins

CREDENTIALS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


def start_server() -> tuple[ThreadedMotoServer, str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return server, f"http://{host}:{port}"


def client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
        region_name=CREDENTIALS["region_name"],
    )


def new_buckets(s3, public: str, private: str) -> None:
    """Both buckets, new and empty; anyone may read the public one."""
    existing = [found["Name"] for found in s3.list_buckets()["Buckets"]]
    for name in (public, private):
        if name in existing:
            for item in s3.list_objects_v2(Bucket=name).get("Contents", []):
                s3.delete_object(Bucket=name, Key=item["Key"])
            s3.delete_bucket(Bucket=name)
        s3.create_bucket(Bucket=name)
    anyone_reads = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{public}/*",
            }
        ],
    }
    s3.put_bucket_policy(Bucket=public, Policy=json.dumps(anyone_reads))


def keys(s3, bucket: str) -> list[str]:
    return sorted(item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", []))


def use_buckets(settings, monkeypatch, endpoint: str, public: str, private: str) -> None:
    """STORAGES as the settings build them from EXPO_S3_* for this server."""
    entries = {
        "default": object_storage(public, private=False, endpoint_url=endpoint),
        "private": object_storage(private, private=True, endpoint_url=endpoint),
    }
    for entry in entries.values():
        entry["OPTIONS"].update(CREDENTIALS)
    settings.STORAGES = {**settings.STORAGES, **entries}
    policy = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    images = [*policy["img-src"], *public_media_origins(public, endpoint_url=endpoint)]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**policy, "img-src": images}}
    # Storages that libraries look up once, when first used, follow the test's settings.
    forget_thumbnail_storage()
    attachment_file = apps.get_model("post_office", "Attachment")._meta.get_field("file")
    monkeypatch.setattr(attachment_file, "storage", storages["private"])


def forget_thumbnail_storage() -> None:
    sorl_default.storage._wrapped = empty


def environment(endpoint: str, public: str, private: str) -> dict[str, str]:
    """The same buckets for a portal process of its own, as an operator configures it."""
    return {
        "EXPO_S3_BUCKET": public,
        "EXPO_S3_PRIVATE_BUCKET": private,
        "EXPO_S3_ENDPOINT_URL": endpoint,
        "EXPO_S3_REGION": CREDENTIALS["region_name"],
        "EXPO_S3_ACCESS_KEY_ID": CREDENTIALS["access_key"],
        "EXPO_S3_SECRET_ACCESS_KEY": CREDENTIALS["secret_key"],
    }
