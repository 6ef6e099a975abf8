"""Personal data (UU PDP 27/2022): find, export, withdraw consent, anonymise, erase, retention."""

import datetime
import io
import json
import os
import pathlib
import subprocess
import uuid
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from post_office.models import Attachment, Email

from backoffice.models import PersonalDataAction, PersonalDataAudit
from backoffice.personal_data import (
    PERSONAL_RECORDS,
    email_fingerprint,
    personal_data_anonymise,
    personal_data_find,
    reachable_records,
)
from buyers.models import Buyer, Delegate, ExpressionOfInterest, LeadEvent
from buyers.services import inquiry_list_send, lead_add_note
from common.cache import versions
from meetings.choices import Side
from meetings.services import meeting_confirm, meeting_request

from .factories import (
    BuyerFactory,
    DelegateFactory,
    ProductFactory,
    TradeLeadFactory,
    UserFactory,
)
from .lead_data import placement_post, trade_post
from .meeting_data import stand, trade_contact

pytestmark = pytest.mark.django_db

EMAIL = "aiko@example.jp"
# What identifies Aiko anywhere in the database, in any table or column.
NEEDLES = [
    "aiko@example.jp",
    "Aiko Tanaka",
    "Tanaka Trading",
    "1234 5678",
    "+819012345678",
    "Aiko's own words",
    "Labour attaché",
]


def every_text_in_the_database() -> str:
    """All rows of all tables as text, plus the decoded sessions."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from introspection)
            chunks.extend(repr(row) for row in cursor.fetchall())
    chunks.extend(repr(session.get_decoded()) for session in Session.objects.all())
    return "\n".join(chunks)


@pytest.fixture
def aiko(client, booth_staff, django_capture_on_commit_callbacks):
    """Aiko as the public forms make her: two trade inquiries and a placement inquiry
    (with mail queued), a staff note naming her phone, and an admin edit of her record."""
    product = ProductFactory()
    other = ProductFactory()
    # The mail is queued once the leads are committed.
    with django_capture_on_commit_callbacks(execute=True):
        for target in (product, other):
            client.post(
                reverse("buyers:product-interest", args=[target.slug]),
                trade_post(message="Aiko's own words: call me", share_contact="on", email=EMAIL),
            )
        client.post(
            reverse("buyers:cooperation"),
            placement_post(
                name="Aiko Tanaka",
                email=EMAIL,
                phone="+81 90 1234 5678",
                message="Aiko's own words about welders",
            ),
        )
    buyer = Buyer.objects.get(email=EMAIL)
    lead = buyer.leads.first()
    lead_add_note(
        lead=lead, note="Rang +81 90 1234 5678, Aiko Tanaka will visit.", actor=booth_staff
    )
    LogEntry.objects.log_actions(
        user_id=booth_staff.pk,
        queryset=[buyer],
        action_flag=CHANGE,
        change_message="Changed phone.",
    )
    # Someone else, who must stay as they are.
    TradeLeadFactory(buyer=BuyerFactory(name="Ben Carter", email="ben@example.au"))
    client.logout()
    return buyer


def test_personal_data_knows_every_record_that_hangs_off_a_contact():
    """A new model pointing at a buyer, a delegate or their records must be handled here."""
    reachable = set(reachable_records(Buyer)) | set(reachable_records(Delegate))
    known = {label for label in PERSONAL_RECORDS if apps.is_installed(label.split(".")[0])}

    assert reachable == known


def test_personal_data_find_gathers_everything_of_one_address(aiko):
    records = personal_data_find(email="  AIKO@Example.JP ")

    assert [buyer.pk for buyer in records.buyers] == [aiko.pk]
    assert len(records.delegates) == 1
    assert len(records.leads) == 3
    assert records.mails  # the confirmations queued for her
    assert records.found and records.erasable


def test_personal_data_find_costs_a_fixed_number_of_queries(aiko, django_assert_num_queries):
    def find():
        records = personal_data_find(email=EMAIL)
        [lead.history.all() for lead in records.leads]

    # 29 since the leads' deals are gathered too (one query for each contact's leads), 31
    # since the thank-you mails sent to them are (one query for each kind of contact).
    with django_assert_num_queries(31):
        find()
    for _ in range(5):
        TradeLeadFactory(buyer=aiko)

    with django_assert_num_queries(31):
        find()


def test_personal_data_export_is_json_of_her_records_and_is_audited(client, booth_admin, aiko):
    client.force_login(booth_admin)

    response = client.post(
        reverse("backoffice:personal-data"),
        {"email": EMAIL, "action": "export", "reference": "Letter 2024/117"},
    )
    document = json.loads(response.content)
    audit = PersonalDataAudit.objects.get()

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert document["email"] == EMAIL
    assert [buyer["email"] for buyer in document["buyers"]] == [EMAIL]
    assert len(document["buyers"][0]["leads"]) == 2
    assert document["buyers"][0]["leads"][0]["message"] == "Aiko's own words: call me"
    assert any(
        event["note"].startswith("Rang +81")
        for lead in document["buyers"][0]["leads"]
        for event in lead["history"]
    )
    assert document["delegates"][0]["leads"][0]["sectors"] == ["manufacturing", "construction"]
    assert "Ben Carter" not in response.content.decode()
    assert (audit.action, audit.actor, audit.reference) == (
        PersonalDataAction.EXPORT,
        booth_admin,
        "Letter 2024/117",
    )
    assert audit.email_hash == email_fingerprint(EMAIL)
    assert EMAIL not in json.dumps(audit.summary)


def test_personal_data_erase_leaves_no_personal_data_in_the_database(client, booth_admin, aiko):
    assert all(needle in every_text_in_the_database() for needle in NEEDLES)
    client.force_login(booth_admin)

    response = client.post(
        reverse("backoffice:personal-data"),
        {"email": EMAIL, "action": "erase", "confirm": "on", "reference": "Email of 1 Nov"},
        follow=True,
    )
    everything = every_text_in_the_database()

    assert "Erased 1 buyer and 1 delegate records, 3 leads" in response.content.decode()
    assert [needle for needle in NEEDLES if needle in everything] == []
    assert not Buyer.objects.filter(email=EMAIL).exists()
    assert Buyer.objects.filter(email="ben@example.au").exists()  # nobody else's data went
    assert ExpressionOfInterest.objects.count() == 1
    audit = PersonalDataAudit.objects.get(action=PersonalDataAction.ERASE)
    assert audit.summary == {
        "buyers": 1,
        "delegates": 1,
        "leads": 3,
        "mails": audit.summary["mails"],
    }
    assert audit.summary["mails"] >= 2


def test_personal_data_anonymise_keeps_the_statistics_but_not_the_person(client, booth_admin, aiko):
    client.force_login(booth_admin)
    lead_count = ExpressionOfInterest.objects.count()

    client.post(
        reverse("backoffice:personal-data"),
        {"email": EMAIL, "action": "anonymise", "confirm": "on"},
    )
    everything = every_text_in_the_database()
    aiko.refresh_from_db()

    assert [needle for needle in NEEDLES if needle in everything] == []
    assert ExpressionOfInterest.objects.count() == lead_count
    assert (aiko.name, aiko.country.code, aiko.email) == (
        "(anonymised)",
        "JP",
        f"buyer-{aiko.pk}@anonymised.invalid",
    )
    assert not aiko.leads.filter(share_contact=True).exists()
    admin_entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Buyer), object_id=str(aiko.pk)
    )
    assert admin_entry.object_repr == "(anonymised)"


def test_personal_data_withdrawing_consent_stops_sharing_with_msmes(client, booth_admin, aiko):
    client.force_login(booth_admin)

    client.post(reverse("backoffice:personal-data"), {"email": EMAIL, "action": "withdraw"})
    aiko.refresh_from_db()

    assert not aiko.leads.filter(share_contact=True).exists()
    assert aiko.name == "Aiko Tanaka"  # nothing else changes
    assert PersonalDataAudit.objects.filter(action=PersonalDataAction.WITHDRAW_CONSENT).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": EMAIL, "action": "erase"}, "Tick the box to confirm"),
        ({"email": EMAIL, "action": "anonymise"}, "Tick the box to confirm"),
        ({"email": EMAIL, "action": "shred", "confirm": "on"}, "Select a valid choice"),
        ({"email": "not an email", "action": "export"}, "Enter a valid email address"),
    ],
)
def test_personal_data_bad_requests_change_nothing(client, booth_admin, aiko, data, message):
    """Tried: erase and anonymise without confirming, an unknown action, a broken address."""
    client.force_login(booth_admin)

    response = client.post(reverse("backoffice:personal-data"), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert Buyer.objects.get(pk=aiko.pk).name == "Aiko Tanaka"
    assert not PersonalDataAudit.objects.exists()


def test_personal_data_lookup_page_lists_records_and_earlier_actions(client, booth_admin, aiko):
    client.force_login(booth_admin)
    client.post(reverse("backoffice:personal-data"), {"email": EMAIL, "action": "withdraw"})

    url = reverse("backoffice:personal-data")
    page = client.post(url, {"find": "1", "email": "Aiko@example.jp"})
    nobody = client.post(url, {"find": "1", "email": "nobody@example.org"})
    broken = client.post(url, {"find": "1", "email": "nobody@"})
    html = page.content.decode()

    assert "Buyer: Aiko Tanaka" in html
    assert "Delegate: Aiko Tanaka" in html
    assert "Consent to share withdrawn" in html
    assert "Nothing: no buyer" in nobody.content.decode()
    assert (broken.status_code, "Enter a valid email address" in broken.content.decode()) == (
        200,
        True,
    )


def test_anonymise_contacts_command_handles_contacts_past_the_retention_period(settings):
    settings.EXPO_CONTACT_RETENTION_DAYS = 365
    three_years_ago = timezone.now() - datetime.timedelta(days=3 * 365)
    old_lead = TradeLeadFactory(buyer=BuyerFactory(name="Old Buyer"), message="old words")
    old_delegate = DelegateFactory(name="Old Delegate")
    recent = BuyerFactory(name="Recent Buyer")
    # An old buyer whose lead staff still work on is kept.
    busy_lead = TradeLeadFactory(buyer=BuyerFactory(name="Busy Buyer"))
    Buyer.objects.filter(name__in=["Old Buyer", "Busy Buyer"]).update(updated_at=three_years_ago)
    Delegate.objects.filter(pk=old_delegate.pk).update(updated_at=three_years_ago)
    ExpressionOfInterest.objects.filter(pk=old_lead.pk).update(
        created_at=three_years_ago, last_activity_at=three_years_ago
    )
    ExpressionOfInterest.objects.filter(pk=busy_lead.pk).update(created_at=three_years_ago)

    dry, out = io.StringIO(), io.StringIO()
    call_command("anonymise_contacts", "--dry-run", stdout=dry)
    unchanged = set(Buyer.objects.values_list("name", flat=True))
    call_command("anonymise_contacts", stdout=out)

    assert "Would anonymise 1 buyers and 1 delegates with no activity for 365 days." in (
        dry.getvalue()
    )
    assert unchanged == {"Old Buyer", "Recent Buyer", "Busy Buyer"}
    assert set(Buyer.objects.values_list("name", flat=True)) == {
        "(anonymised)",
        "Recent Buyer",
        "Busy Buyer",
    }
    assert Delegate.objects.get(pk=old_delegate.pk).name == "(anonymised)"
    assert ExpressionOfInterest.objects.get(pk=old_lead.pk).message == ""
    assert recent.leads.count() == 0
    assert "Anonymised 1 buyers and 1 delegates" in out.getvalue()
    assert PersonalDataAudit.objects.filter(action=PersonalDataAction.RETENTION).count() == 2


def test_anonymise_contacts_command_takes_the_period_from_the_option():
    buyer = BuyerFactory(name="Forty days")
    Buyer.objects.filter(pk=buyer.pk).update(updated_at=timezone.now() - datetime.timedelta(40))

    call_command("anonymise_contacts", "--older-than-days", "60", stdout=io.StringIO())
    kept = Buyer.objects.get(pk=buyer.pk).name
    call_command("anonymise_contacts", "--older-than-days", "30", stdout=io.StringIO())

    assert kept == "Forty days"
    assert Buyer.objects.get(pk=buyer.pk).name == "(anonymised)"


def test_anonymise_contacts_command_refuses_a_period_below_one_day():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("anonymise_contacts", "--older-than-days", "0")


def test_personal_data_note_history_is_cleared_on_anonymise(aiko):
    personal_data_anonymise(email=EMAIL)

    assert not LeadEvent.objects.filter(lead__buyer=aiko).exclude(note="").exists()


# --- every copy: mail about her meetings, calendar files, cached pages --------------------

KENJI = "kenji@example.jp"
# What identifies Kenji in any table, mail or file, in any form the portal writes it.
KENJI_NEEDLES = [
    "kenji@example.jp",
    "Kenji Watanabe",
    "Watanabe Shokai",
    "818055551234",
    "Kenji's sample order",
]


def pg_dump() -> str:
    """A full dump of the test database, as another connection sees it."""
    database = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    command = ["pg_dump", "--no-owner", "--dbname", database["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            command += [option, str(database[key])]
    return subprocess.run(command, env=env, capture_output=True, check=True, text=True).stdout  # noqa: S603


def stored_text(media_root) -> str:
    """Every stored file, public media and private files alike (both folders of the test sit
    side by side), calendar lines unfolded (a line goes on after CRLF + space)."""
    chunks = []
    for path in pathlib.Path(media_root).parent.rglob("*"):
        if path.is_file():
            chunks.append(path.read_bytes().decode("utf-8", "replace").replace("\r\n ", ""))
    return "\n".join(chunks)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def listed_in_export(document) -> dict[str, int]:
    """How many records of each model the export lists."""
    buyers = document["buyers"]
    leads = [lead for buyer in buyers for lead in buyer["leads"]]
    meetings = [meeting for buyer in buyers for meeting in buyer["meetings"]]
    return {
        "buyers.Buyer": len(buyers),
        "buyers.Delegate": len(document["delegates"]),
        "buyers.ExpressionOfInterest": len(leads),
        "buyers.LeadEvent": sum(len(lead["history"]) for lead in leads),
        "buyers.LeadItem": sum(len(lead["items"]) for lead in leads),
        "buyers.Inquiry": sum(len(buyer["inquiries"]) for buyer in buyers),
        "meetings.Meeting": len(meetings),
        "meetings.MeetingEvent": sum(len(meeting["history"]) for meeting in meetings),
        "post_office.Email": len(document["mail"]),
        "post_office.Attachment": sum(len(mail["attachments"]) for mail in document["mail"])
        + len(document["files_without_mail"]),
        "admin.LogEntry": len(document["admin_history"]),
    }


@pytest.fixture
def kenji(client):
    """Kenji as the public forms make him: a trade inquiry he shares, an inquiry list, and
    a meeting he does not share (so the mail to the MSME names him without his address),
    confirmed with calendar files; one calendar file is left over from a deleted mail.
    Ben, someone else, writes to the same business."""
    owner = UserFactory(username="wati", email="wati@umkm.example")
    place = stand(owners=[owner])
    product = ProductFactory(exhibitor=place.exhibitor)
    other = ProductFactory()
    contact = {**trade_contact(email=KENJI, name="Kenji Watanabe"), "phone": "+81 80 5555 1234"}
    contact["company"] = "Watanabe Shokai"
    client.post(
        reverse("buyers:product-interest", args=[product.slug]),
        trade_post(
            name="Kenji Watanabe",
            email=KENJI,
            company="Watanabe Shokai",
            phone="+81 80 5555 1234",
            share_contact="on",
        ),
    )
    inquiry_list_send(
        idempotency_key=uuid.uuid4(),
        contact=contact,
        items=[(other, Decimal("20"))],
        language="en",
        source="web",
        consent_version="2024-10",
    )
    meeting = meeting_request(
        idempotency_key=uuid.uuid4(),
        contact=contact,
        exhibitor=place.exhibitor,
        slot=place.slot("11:00"),
        topic="Kenji's sample order",
        language="en",
        source="web",
        consent_version="2024-10",
        share_contact=False,
    )
    meeting_confirm(meeting=meeting, side=Side.HOST, actor=owner)
    client.post(
        reverse("buyers:product-interest", args=[product.slug]),
        trade_post(name="Ben Carter", email="ben@example.au", company="Carter Imports"),
    )
    # Staff deleted one of the confirmations by hand: its calendar file stays behind.
    host_confirmation = Email.objects.filter(to=[owner.email], attachments__isnull=False).first()
    Email.objects.filter(pk=host_confirmation.pk).delete()
    assert Attachment.objects.filter(emails=None).count() == 1
    return Buyer.objects.get(email=KENJI)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("action", ["erase", "anonymise"])
def test_personal_data_erase_and_anonymise_leave_no_copy_in_database_mail_or_files(
    client, booth_admin, kenji, media_root, action
):
    dump, files = pg_dump(), stored_text(media_root)
    assert [needle for needle in KENJI_NEEDLES if needle not in dump] == []
    assert "Kenji Watanabe" in files and "Kenji's sample order" in files
    # Calendar files name the people who meet: private files, never public media.
    assert not any(pathlib.Path(media_root).rglob("*.ics"))
    assert any(pathlib.Path(media_root).parent.rglob("*.ics"))
    owner_mails = Email.objects.filter(to=["wati@umkm.example"])
    assert any(
        "Kenji Watanabe" in mail.message and KENJI not in mail.message for mail in owner_mails
    )
    before_versions = versions()
    client.force_login(booth_admin)
    url = reverse("backoffice:personal-data")
    document = json.loads(client.post(url, {"email": KENJI, "action": "export"}).content)
    before = row_counts()
    bens_mails = Email.objects.exclude(pk__in=[mail["id"] for mail in document["mail"]]).count()

    response = client.post(url, {"email": KENJI, "action": action, "confirm": "on"})
    after = row_counts()
    dump, files = pg_dump(), stored_text(media_root)

    assert response.status_code == 200
    assert [needle for needle in KENJI_NEEDLES if needle in dump] == []
    assert [needle for needle in KENJI_NEEDLES if needle in files] == []
    assert Attachment.objects.count() == 0
    assert not any(path.is_file() for path in pathlib.Path(media_root).parent.rglob("*.ics"))
    # What mail is left is Ben's own, all of it.
    ben = ExpressionOfInterest.objects.get(buyer__email="ben@example.au").reference
    assert Email.objects.count() == bens_mails > 0
    assert all(ben in mail.message for mail in Email.objects.all())
    # The export listed every record the action removed.
    removed = {
        label: before[label] - after[label] for label in before if before[label] > after[label]
    }
    listed = listed_in_export(document)
    assert removed == {label: listed[label] for label in removed}
    assert removed["post_office.Email"] == len(document["mail"])
    assert removed["post_office.Attachment"] == 2  # the guest's invitation and the leftover
    after_versions = versions()
    assert [after_versions[name] == before_versions[name] for name in before_versions] == [
        False,
        False,
    ]


def test_personal_data_lookup_by_get_shows_nothing_and_post_finds(client, booth_admin, aiko):
    client.force_login(booth_admin)
    url = reverse("backoffice:personal-data")

    by_get = client.get(url, {"email": EMAIL})
    by_post = client.post(url, {"find": "1", "email": EMAIL})

    assert by_get.status_code == 200
    assert "Aiko Tanaka" not in by_get.text
    assert EMAIL not in by_get.text
    assert "Buyer: Aiko Tanaka" in by_post.text
    # The page acts by POST too, from a form that carries no address in its URL.
    assert f'action="{url}"' in by_post.text
    assert "?email=" not in by_post.text


def test_personal_data_action_answers_with_the_page_not_a_redirect(client, booth_admin, aiko):
    client.force_login(booth_admin)

    response = client.post(
        reverse("backoffice:personal-data"), {"email": EMAIL, "action": "withdraw"}
    )

    assert response.status_code == 200
    assert "Consent withdrawn" in response.text
    assert "Buyer: Aiko Tanaka" in response.text


def test_personal_data_export_times_are_jakarta_time_to_the_second(client, booth_admin, aiko):
    moment = datetime.datetime(2024, 10, 9, 3, 12, 45, 123456, tzinfo=datetime.UTC)
    Buyer.objects.filter(email=EMAIL).update(created_at=moment)
    client.force_login(booth_admin)

    response = client.post(
        reverse("backoffice:personal-data"), {"email": EMAIL, "action": "export"}
    )
    document = json.loads(response.content)

    assert document["buyers"][0]["created_at"] == "2024-10-09T10:12:45+07:00"
    assert document["generated_at"].endswith("+07:00")
    assert "." not in document["generated_at"]
