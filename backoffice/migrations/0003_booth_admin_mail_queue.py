"""Booth admins look after the mail queue: they see queued, sent and failed mail with its
delivery log and attachments, and requeue failed mail (README, "Leads and mail").

Booth staff do not: the queue holds every buyer's and owner's mail.
"""

from django.db import migrations

MAIL_QUEUE = ["view_email", "change_email", "view_log", "view_attachment"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are made after all migrations; make post_office's now.
    app_config = apps.get_app_config("post_office")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Booth admin")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="post_office", codename__in=MAIL_QUEUE)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Booth admin").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="post_office", codename__in=MAIL_QUEUE
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0002_roles"),
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
