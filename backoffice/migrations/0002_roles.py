"""The two staff roles and what they may do in the admin.

"Booth staff" run the booth day to day: exhibitors, products, buyers, delegates and
leads (no deleting), results and QR cards. "Booth admin" may also manage users and
the settings of the portal (expos, booths, categories, support programmes), unlock
locked-out logins and handle personal-data requests. Neither may delete a lead.
"""

from django.db import migrations

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"


def _perms(model, *actions):
    return [f"{action}_{model}" for action in actions]


BOOTH_STAFF = {
    "booths": [
        *_perms("expo", VIEW),
        *_perms("booth", VIEW),
        *_perms("supportprogramme", VIEW),
        *_perms("exhibitor", VIEW, ADD, CHANGE),
        *_perms("boothpresence", VIEW, ADD, CHANGE, DELETE),
    ],
    "products": [
        *_perms("category", VIEW),
        *_perms("product", VIEW, ADD, CHANGE),
        *_perms("productimage", VIEW, ADD, CHANGE, DELETE),
        *_perms("certification", VIEW, ADD, CHANGE, DELETE),
        *_perms("productchangerequest", VIEW),
    ],
    "buyers": [
        *_perms("buyer", VIEW, ADD, CHANGE),
        *_perms("delegate", VIEW, ADD, CHANGE),
        *_perms("expressionofinterest", VIEW, ADD, CHANGE),
        *_perms("leadevent", VIEW),
        *_perms("leaditem", VIEW),
        *_perms("inquiry", VIEW),
    ],
    "backoffice": ["view_results", "print_qr_cards"],
}

BOOTH_ADMIN_EXTRA = {
    "auth": [*_perms("user", VIEW, ADD, CHANGE, DELETE), *_perms("group", VIEW)],
    "booths": [
        *_perms("expo", ADD, CHANGE, DELETE),
        *_perms("booth", ADD, CHANGE, DELETE),
        *_perms("supportprogramme", ADD, CHANGE, DELETE),
        *_perms("exhibitor", DELETE),
    ],
    "products": [*_perms("category", ADD, CHANGE, DELETE), *_perms("product", DELETE)],
    "backoffice": ["manage_personal_data", *_perms("personaldataaudit", VIEW)],
    "axes": [*_perms("accessattempt", VIEW, DELETE), *_perms("accessfailurelog", VIEW)],
}

GROUPS = {
    "Booth staff": BOOTH_STAFF,
    "Booth admin": {
        app: [*BOOTH_STAFF.get(app, []), *BOOTH_ADMIN_EXTRA.get(app, [])]
        for app in {*BOOTH_STAFF, *BOOTH_ADMIN_EXTRA}
    },
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are made after all migrations; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codenames in grants.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0001_personal_data_audit"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("booths", "0001_initial"),
        ("products", "0003_product_change_requests"),
        ("buyers", "0002_inquiry_list_items_interest"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
