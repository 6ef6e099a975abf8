"""Booth admins send the thank-you mail and see its record; Booth staff do not (it mails
every visitor of an expo at once)."""

from django.db import migrations

PERMISSIONS = ["send_thank_you_mail", "view_thankyoumailing", "view_thankyourecipient"]
GROUP = "Booth admin"


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are made after all migrations; make ours now so the group can hold them.
    config = apps.get_app_config("thankyou")
    models_module = getattr(config, "models_module", None)
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="thankyou", codename__in=PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="thankyou")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("thankyou", "0001_thank_you_mailing"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("backoffice", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
