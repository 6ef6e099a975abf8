"""What the staff roles (made by backoffice's roles migration) may do with meetings.

Both "Booth staff" and "Booth admin" set up meeting tables and slots, follow meetings
and mark attendance. Nobody deletes a meeting: it is cancelled instead.
"""

from django.db import migrations

PERMISSIONS = [
    "view_meetingtable",
    "add_meetingtable",
    "change_meetingtable",
    "delete_meetingtable",
    "view_meetingslot",
    "add_meetingslot",
    "change_meetingslot",
    "delete_meetingslot",
    "view_meeting",
    "change_meeting",
    "view_meetingevent",
]
GROUPS = ("Booth staff", "Booth admin")


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are made after all migrations; make ours now so the groups can hold them.
    config = apps.get_app_config("meetings")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(content_type__app_label="meetings", codename__in=PERMISSIONS)
    )
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="meetings")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("backoffice", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
