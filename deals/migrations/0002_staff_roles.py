"""What the staff roles may do with deals: "Booth staff" and "Booth admin" record deals for
owners, change and verify them. Nobody deletes a deal in the admin: it is part of the
lead's history and of the reported results."""

from django.db import migrations

PERMISSIONS = ["view_deal", "add_deal", "change_deal", "verify_deal"]
GROUPS = ("Booth staff", "Booth admin")


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are made after all migrations; make ours now so the groups can hold them.
    config = apps.get_app_config("deals")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(content_type__app_label="deals", codename__in=PERMISSIONS)
    )
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="deals"))


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0001_deals"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("backoffice", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
