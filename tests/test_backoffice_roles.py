"""Roles: "Booth staff" and "Booth admin", made by a data migration and enforced in the admin."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from post_office.models import STATUS, Email

from .factories import ExhibitorFactory, TradeLeadFactory, UserFactory

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(
        Group.objects.get(name=group_name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )


def test_roles_migration_gives_booth_staff_the_daily_work_only():
    perms = codenames("Booth staff")

    assert {
        ("booths", "change_exhibitor"),
        ("products", "change_product"),
        ("buyers", "change_expressionofinterest"),
        ("buyers", "view_buyer"),
        ("backoffice", "view_results"),
        ("backoffice", "print_qr_cards"),
    } <= perms
    assert ("auth", "change_user") not in perms
    assert ("auth", "view_user") not in perms
    assert ("booths", "change_expo") not in perms
    assert ("backoffice", "manage_personal_data") not in perms
    deletes = {
        codename
        for app, codename in perms
        if codename.startswith("delete_") and app in {"booths", "products", "buyers"}
    }
    assert deletes == {"delete_boothpresence", "delete_productimage", "delete_certification"}


def test_roles_migration_gives_booth_admin_users_and_settings_too():
    staff, admin = codenames("Booth staff"), codenames("Booth admin")

    assert staff < admin
    assert {
        ("auth", "add_user"),
        ("auth", "change_user"),
        ("booths", "change_expo"),
        ("products", "change_category"),
        ("backoffice", "manage_personal_data"),
        ("backoffice", "view_personaldataaudit"),
    } <= admin
    # Groups are only viewed: a Booth admin cannot make a group with any permission.
    assert ("auth", "change_group") not in admin
    assert ("buyers", "delete_expressionofinterest") not in admin


@pytest.mark.parametrize(
    ("url_name", "staff_status", "admin_status"),
    [
        ("admin:auth_user_changelist", 403, 200),
        ("admin:auth_user_add", 403, 200),
        ("admin:booths_expo_add", 403, 200),
        ("admin:booths_exhibitor_changelist", 200, 200),
        ("admin:products_product_changelist", 200, 200),
        ("admin:buyers_expressionofinterest_changelist", 200, 200),
        ("admin:backoffice_personaldataaudit_changelist", 403, 200),
    ],
)
def test_roles_admin_pages_answer_per_role(
    client, booth_staff, booth_admin, url_name, staff_status, admin_status
):
    url = reverse(url_name)

    client.force_login(booth_staff)
    as_staff = client.get(url).status_code
    client.force_login(booth_admin)
    as_admin = client.get(url).status_code

    assert (as_staff, as_admin) == (staff_status, admin_status)


def test_roles_booth_staff_cannot_delete_a_lead_or_an_exhibitor(client, booth_staff):
    lead = TradeLeadFactory()
    exhibitor = ExhibitorFactory()
    client.force_login(booth_staff)

    lead_delete = client.get(reverse("admin:buyers_expressionofinterest_delete", args=[lead.pk]))
    exhibitor_delete = client.get(reverse("admin:booths_exhibitor_delete", args=[exhibitor.pk]))

    assert (lead_delete.status_code, exhibitor_delete.status_code) == (403, 403)


def test_roles_booth_admin_cannot_make_a_superuser(client, booth_admin):
    """A Booth admin edits accounts, but is_superuser and single permissions stay read-only."""
    account = UserFactory(username="newcomer", staff=True)
    client.force_login(booth_admin)
    url = reverse("admin:auth_user_change", args=[account.pk])

    page = client.get(url)
    saved = client.post(
        url,
        {
            "username": "newcomer",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "groups": [Group.objects.get(name="Booth staff").pk],
        },
    )
    account.refresh_from_db()

    assert page.status_code == 200
    assert saved.status_code == 302
    assert 'name="is_superuser"' not in page.content.decode()
    assert account.is_superuser is False
    assert list(account.groups.values_list("name", flat=True)) == ["Booth staff"]


def test_roles_booth_admin_cannot_change_a_superuser(client, booth_admin):
    root = UserFactory(username="root", staff=True, is_superuser=True)
    client.force_login(booth_admin)
    url = reverse("admin:auth_user_change", args=[root.pk])

    response = client.post(url, {"username": "root", "is_active": ""})
    root.refresh_from_db()

    assert response.status_code == 403
    assert root.is_active is True


def test_roles_admin_index_links_the_staff_tools_per_role(client, booth_staff, booth_admin):
    client.force_login(booth_staff)
    staff_index = client.get(reverse("admin:index")).content.decode()
    client.force_login(booth_admin)
    admin_index = client.get(reverse("admin:index")).content.decode()

    for page in (staff_index, admin_index):
        assert reverse("backoffice:results") in page
        assert reverse("backoffice:cards") in page
    assert reverse("backoffice:personal-data") not in staff_index
    assert reverse("backoffice:personal-data") in admin_index
    assert reverse("admin:auth_user_changelist") not in staff_index
    assert reverse("admin:auth_user_changelist") in admin_index


def test_roles_admin_index_names_its_sections_once(client, booth_admin):
    """The staff tools box is the one "Staff tools" section; the audit log of personal data
    sits under its own name."""
    client.force_login(booth_admin)
    index = client.get(reverse("admin:index")).content.decode()

    assert index.count(">Staff tools<") == 1
    assert ">Personal data<" in index


def queued_mail(status, to="aiko@example.jp"):
    return Email.objects.create(
        from_email="noreply@expo.example",
        to=[to],
        subject="Your inquiry",
        message="Thank you.",
        status=status,
        number_of_retries=96 if status == STATUS.failed else 0,
    )


def test_roles_booth_admin_holds_the_mail_queue_and_booth_staff_do_not():
    staff, admin = codenames("Booth staff"), codenames("Booth admin")

    assert {
        ("post_office", "view_email"),
        ("post_office", "change_email"),
        ("post_office", "view_log"),
    } <= admin
    assert not {app for app, _codename in staff} & {"post_office"}
    assert ("post_office", "delete_email") not in admin


def test_roles_booth_admin_requeues_failed_mail_only(client, booth_admin):
    failed = queued_mail(STATUS.failed)
    sent = queued_mail(STATUS.sent, to="sari@umkm.example")
    client.force_login(booth_admin)
    changelist = reverse("admin:post_office_email_changelist")

    listing = client.get(changelist)
    detail = client.get(reverse("admin:post_office_email_change", args=[failed.pk]))
    response = client.post(
        changelist,
        {"action": "requeue_failed", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )
    failed.refresh_from_db()
    sent.refresh_from_db()

    assert (listing.status_code, detail.status_code) == (200, 200)
    assert (failed.status, failed.number_of_retries) == (STATUS.queued, 0)
    assert failed.scheduled_time is not None
    assert sent.status == STATUS.sent  # never mailed twice
    assert [str(m) for m in response.context["messages"]] == [
        "1 failed mail is back in the queue. 1 selected mail had not failed and was left as it was."
    ]


def test_roles_booth_staff_get_403_on_the_mail_queue(client, booth_staff):
    failed = queued_mail(STATUS.failed)
    client.force_login(booth_staff)
    changelist = reverse("admin:post_office_email_changelist")

    listing = client.get(changelist)
    action = client.post(changelist, {"action": "requeue_failed", "_selected_action": [failed.pk]})
    failed.refresh_from_db()

    assert (listing.status_code, action.status_code) == (403, 403)
    assert failed.status == STATUS.failed


def test_roles_requeue_needs_the_change_permission_not_just_a_view(client, staff_user):
    """post_office's own action asked only for a view of the list."""
    failed = queued_mail(STATUS.failed)
    staff_user.user_permissions.add(
        Permission.objects.get(content_type__app_label="post_office", codename="view_email")
    )
    client.force_login(staff_user)
    changelist = reverse("admin:post_office_email_changelist")

    listing = client.get(changelist)
    for action in ("requeue_failed", "requeue"):
        client.post(changelist, {"action": action, "_selected_action": [failed.pk]})
    failed.refresh_from_db()

    assert listing.status_code == 200
    assert 'value="requeue_failed"' not in listing.content.decode()
    assert 'value="requeue"' not in listing.content.decode()
    assert failed.status == STATUS.failed


def test_roles_booth_admin_cannot_put_sent_mail_back_through_the_form(client, booth_admin):
    sent = queued_mail(STATUS.sent)
    client.force_login(booth_admin)
    url = reverse("admin:post_office_email_change", args=[sent.pk])

    page = client.get(url).content.decode()
    client.post(
        url,
        {
            "from_email": sent.from_email,
            "to": "aiko@example.jp",
            "priority": "",
            "status": STATUS.queued,
            "scheduled_time_0": "",
            "scheduled_time_1": "",
        },
    )
    sent.refresh_from_db()

    assert 'name="status"' not in page
    assert sent.status == STATUS.sent


def test_mail_queue_speaks_indonesian_on_the_indonesian_admin(client):
    root = UserFactory(username="root", staff=True, is_superuser=True)
    for status in (STATUS.sent, STATUS.failed, STATUS.queued):
        queued_mail(status)
    client.force_login(root)

    listing = client.get("/id/admin/post_office/email/").content.decode()
    detail = client.get(
        f"/id/admin/post_office/email/{Email.objects.earliest('pk').pk}/change/"
    ).content.decode()

    assert "Pengiriman email" in listing and "Post Office" not in listing
    statuses = [("sent", "terkirim"), ("failed", "gagal"), ("queued", "dalam antrean")]
    for english, indonesian in statuses:
        assert f">{indonesian}<" in listing
        assert f">{english}<" not in listing
    assert "Subjek" in listing and "Subject" not in listing
    assert "Penerima" in listing and "Sampai" not in listing
    assert "Terakhir diubah" in listing and "Last updated" not in listing
    assert "Kirim ulang" in detail and "Resend" not in detail
    assert "Prioritas" in detail and "Scheduled Time" not in detail
