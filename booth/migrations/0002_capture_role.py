"""Booth staff (and booth admins, who may do all they do) capture leads at the booth."""

from django.db import migrations

GROUPS = ("Booth staff", "Booth admin")


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are made after all migrations; make ours now so the groups can hold it.
    config = apps.get_app_config("booth")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="booth", codename="capture_lead")
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="booth", codename="capture_lead")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("booth", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("backoffice", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
