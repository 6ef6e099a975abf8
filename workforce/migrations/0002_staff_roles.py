"""Who edits the workforce pages: "Booth admin" adds, changes and deletes occupations,
training programmes with their photos and videos, and readiness figures; "Booth staff"
only see them (the agency's statements to employers are the admins' to make)."""

from django.db import migrations

MODELS = ("occupation", "readinessfigure", "trainingprogramme", "trainingmedia")
STAFF = [f"view_{model}" for model in MODELS]
ADMIN = [f"{action}_{model}" for model in MODELS for action in ("view", "add", "change", "delete")]
GROUPS = {"Booth staff": STAFF, "Booth admin": ADMIN}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are made after all migrations; make ours now so the groups can hold them.
    config = apps.get_app_config("workforce")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="workforce", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="workforce"))


class Migration(migrations.Migration):
    dependencies = [
        ("workforce", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("backoffice", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
