"""The admin for daily work: lists, filters, badges, bulk actions, history through services."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone
from post_office.models import Email

from booths.models import Exhibitor
from buyers.choices import LeadSource, LeadStatus
from buyers.models import ExpressionOfInterest, LeadEvent
from common.choices import ChangeRequestStatus, ReviewStatus
from products.models import Product, ProductChangeRequest
from products.proposals import ProductProposal
from products.services import product_submit_changes

from . import upload_files as files
from .factories import (
    BuyerFactory,
    DelegateFactory,
    ExhibitorFactory,
    PlacementLeadFactory,
    ProductFactory,
    ProductImageFactory,
    TradeLeadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def change_form_data(client, url):
    """What the admin change form at ``url`` posts back when nothing is edited."""
    response = client.get(url)
    form = response.context["adminform"].form
    # Files stay as they are when none is sent.
    data = {
        name: form[name].value()
        for name, field in form.fields.items()
        if form[name].value() is not None and not isinstance(field, forms.FileField)
    }
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(formset.initial_form_count())
        data[f"{formset.prefix}-INITIAL_FORMS"] = str(formset.initial_form_count())
        for index, inline_form in enumerate(formset.initial_forms):
            data[f"{formset.prefix}-{index}-id"] = inline_form.instance.pk
            data[f"{formset.prefix}-{index}-{formset.fk.name}"] = formset.instance.pk
    return data


def grow(kind, count):
    for _ in range(count):
        if kind == "exhibitors":
            ExhibitorFactory(logo="logos/a.png")
        elif kind == "products":
            ProductImageFactory(product=ProductFactory(pending=True))
        elif kind == "leads":
            TradeLeadFactory(assigned_to=UserFactory(staff=True))
            PlacementLeadFactory()
        elif kind == "buyers":
            BuyerFactory()
        else:
            DelegateFactory()


@pytest.mark.parametrize(
    ("kind", "url_name", "queries"),
    [
        ("exhibitors", "admin:booths_exhibitor_changelist", 9),
        ("products", "admin:products_product_changelist", 9),
        ("leads", "admin:buyers_expressionofinterest_changelist", 10),
        ("buyers", "admin:buyers_buyer_changelist", 9),
        ("delegates", "admin:buyers_delegate_changelist", 9),
    ],
)
def test_admin_lists_cost_a_fixed_number_of_queries(
    client, booth_staff, kind, url_name, queries, assert_page_queries
):
    client.force_login(booth_staff)
    page = {kind: reverse(url_name)}
    grow(kind, 2)
    assert_page_queries(client, page, {kind: queries})

    grow(kind, 12)

    assert_page_queries(client, page, {kind: queries})


def test_admin_product_list_shows_thumbnail_badges_and_pending_changes(client, booth_staff, user):
    image = ProductImageFactory(product=ProductFactory(name_en="Gayo arabica"))
    product_submit_changes(
        product=image.product, proposal=ProductProposal(fields={"moq": 50}), actor=user
    )
    ProductFactory(name_en="Batik tulis", draft=True)
    client.force_login(booth_staff)

    page = client.get(reverse("admin:products_product_changelist")).content.decode()
    pending_only = client.get(
        reverse("admin:products_product_changelist"), {"pending_changes": "yes"}
    ).content.decode()

    assert 'class="expo-thumb"' in page
    assert 'class="expo-badge expo-badge-success">Approved<' in page
    assert 'class="expo-badge expo-badge-muted">Draft<' in page
    assert "changes to review" in page
    assert "Gayo arabica" in pending_only
    assert "Batik tulis" not in pending_only


def test_admin_product_page_shows_the_diff_of_pending_changes(client, booth_staff, user):
    product = ProductFactory(name_en="Gayo coffee", moq=10)
    product_submit_changes(
        product=product,
        proposal=ProductProposal(fields={"name_en": "Gayo Arabica", "moq": 25}),
        actor=user,
    )
    client.force_login(booth_staff)

    page = client.get(reverse("admin:products_product_change", args=[product.pk])).content.decode()

    assert "Changes waiting for your review" in page
    assert "<del>Gayo coffee</del>" in page
    assert "<ins>Gayo Arabica</ins>" in page
    assert "<del>10</del>" in page
    assert "<ins>25</ins>" in page


def test_admin_approve_action_applies_pending_changes(client, booth_staff, user):
    product = ProductFactory(name_en="Gayo coffee")
    product_submit_changes(
        product=product, proposal=ProductProposal(fields={"name_en": "Gayo Arabica"}), actor=user
    )
    draft = ProductFactory(pending=True)
    client.force_login(booth_staff)

    response = client.post(
        reverse("admin:products_product_changelist"),
        {"action": "approve", "_selected_action": [product.pk, draft.pk]},
        follow=True,
    )
    product.refresh_from_db()
    draft.refresh_from_db()

    assert "Approved 2 item(s)." in response.content.decode()
    assert product.name_en == "Gayo Arabica"
    assert draft.review_status == ReviewStatus.APPROVED
    assert draft.updated_by == booth_staff


def test_admin_reject_action_asks_a_reason_shows_the_diff_and_rejects(client, booth_staff, user):
    product = ProductFactory(name_en="Gayo coffee")
    product_submit_changes(
        product=product, proposal=ProductProposal(fields={"name_en": "BEST COFFEE!!!"}), actor=user
    )
    client.force_login(booth_staff)
    url = reverse("admin:products_product_changelist")

    asked = client.post(url, {"action": "reject", "_selected_action": [product.pk]})
    empty = client.post(url, {"action": "reject", "_selected_action": [product.pk], "reason": "  "})
    done = client.post(
        url,
        {"action": "reject", "_selected_action": [product.pk], "reason": "Keep the real name."},
    )
    request = ProductChangeRequest.objects.get(product=product)
    product.refresh_from_db()

    assert asked.status_code == 200
    assert "<ins>BEST COFFEE!!!</ins>" in asked.content.decode()
    assert empty.status_code == 200
    assert "Give a reason, so the owner knows what to change." in empty.content.decode()
    assert done.status_code == 302
    assert (request.status, request.reason) == (ChangeRequestStatus.REJECTED, "Keep the real name.")
    assert product.name_en == "Gayo coffee"


@pytest.mark.parametrize(
    ("factory", "url_name"),
    [
        (lambda: ProductFactory(pending=True), "admin:products_product_change"),
        (lambda: ExhibitorFactory(pending=True), "admin:booths_exhibitor_change"),
    ],
)
def test_admin_change_form_leaves_the_review_status_alone(client, booth_staff, factory, url_name):
    obj = factory()
    client.force_login(booth_staff)
    url = reverse(url_name, args=[obj.pk])
    data = change_form_data(client, url)
    data.update({"review_status": ReviewStatus.APPROVED, "rejection_reason": "Fine."})

    response = client.post(url, data)
    obj.refresh_from_db()

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert (obj.review_status, obj.rejection_reason, obj.reviewed_at) == (
        ReviewStatus.PENDING,
        "",
        None,
    )


def test_admin_product_change_form_does_not_approve_pending_changes(client, booth_staff, user):
    product = ProductFactory(name_en="Gayo coffee")
    product_submit_changes(
        product=product, proposal=ProductProposal(fields={"name_en": "Gayo Arabica"}), actor=user
    )
    client.force_login(booth_staff)
    url = reverse("admin:products_product_change", args=[product.pk])
    data = change_form_data(client, url)
    data["review_status"] = ReviewStatus.APPROVED

    client.post(url, data)
    product.refresh_from_db()

    assert (product.name_en, product.reviewed_at) == ("Gayo coffee", None)
    assert ProductChangeRequest.objects.get(product=product).status == ChangeRequestStatus.PENDING


def test_admin_product_page_approve_button_applies_pending_changes(client, booth_staff, user):
    product = ProductFactory(name_en="Gayo coffee", moq=10)
    product_submit_changes(
        product=product,
        proposal=ProductProposal(fields={"name_en": "Gayo Arabica", "moq": 25}),
        actor=user,
    )
    client.force_login(booth_staff)
    change_url = reverse("admin:products_product_change", args=[product.pk])
    approve_url = reverse("admin:products_product_approve", args=[product.pk])

    page = client.get(change_url).content.decode()
    response = client.post(approve_url)
    product.refresh_from_db()
    request = ProductChangeRequest.objects.get(product=product)

    assert f'<form method="post" action="{approve_url}"' in page
    assert "Approve or reject them from the product list" not in page
    assert response.status_code == 302
    assert response.url == change_url
    assert (product.name_en, product.moq, product.review_status) == (
        "Gayo Arabica",
        25,
        ReviewStatus.APPROVED,
    )
    assert product.reviewed_at is not None
    assert (request.status, request.reviewed_by) == (ChangeRequestStatus.APPROVED, booth_staff)


def test_admin_approve_button_only_takes_posts(client, booth_staff):
    product = ProductFactory(pending=True)
    client.force_login(booth_staff)

    response = client.get(reverse("admin:products_product_approve", args=[product.pk]))
    product.refresh_from_db()

    assert response.status_code == 405
    assert product.review_status == ReviewStatus.PENDING


@pytest.mark.parametrize(
    ("reason", "error"),
    [
        ("", "Give a reason, so the owner knows what to change."),
        ("   \n\t ", "Give a reason, so the owner knows what to change."),
        ("x" * 2001, "Ensure this value has at most 2000 characters (it has 2001)."),
    ],
)
def test_admin_product_page_reject_button_needs_a_reason(client, booth_staff, user, reason, error):
    product = ProductFactory(name_en="Gayo coffee")
    product_submit_changes(
        product=product, proposal=ProductProposal(fields={"name_en": "BEST COFFEE!!!"}), actor=user
    )
    client.force_login(booth_staff)

    response = client.post(
        reverse("admin:products_product_reject", args=[product.pk]), {"reason": reason}
    )
    product.refresh_from_db()

    assert response.status_code == 200
    assert error in response.content.decode()
    assert "<ins>BEST COFFEE!!!</ins>" in response.content.decode()
    assert ProductChangeRequest.objects.get(product=product).status == ChangeRequestStatus.PENDING
    assert (product.name_en, product.review_status) == ("Gayo coffee", ReviewStatus.APPROVED)


def test_admin_product_page_reject_button_records_the_reason(client, booth_staff, user):
    product = ProductFactory(name_en="Gayo coffee")
    product_submit_changes(
        product=product, proposal=ProductProposal(fields={"name_en": "BEST COFFEE!!!"}), actor=user
    )
    client.force_login(booth_staff)
    change_url = reverse("admin:products_product_change", args=[product.pk])

    response = client.post(
        reverse("admin:products_product_reject", args=[product.pk]),
        {"reason": "  Keep the real name.  "},
    )
    request = ProductChangeRequest.objects.get(product=product)
    product.refresh_from_db()

    assert (response.status_code, response.url) == (302, change_url)
    assert (request.status, request.reason, request.reviewed_by) == (
        ChangeRequestStatus.REJECTED,
        "Keep the real name.",
        booth_staff,
    )
    assert (product.name_en, product.review_status) == ("Gayo coffee", ReviewStatus.APPROVED)


@pytest.mark.parametrize("reason", ["", "  ", "x" * 2001])
def test_admin_exhibitor_page_reject_button_needs_a_reason(client, booth_staff, reason):
    exhibitor = ExhibitorFactory(pending=True)
    client.force_login(booth_staff)

    response = client.post(
        reverse("admin:booths_exhibitor_reject", args=[exhibitor.pk]), {"reason": reason}
    )
    exhibitor.refresh_from_db()

    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert (exhibitor.review_status, exhibitor.rejection_reason) == (ReviewStatus.PENDING, "")


def test_admin_exhibitor_page_buttons_reject_then_approve(client, booth_staff):
    exhibitor = ExhibitorFactory(pending=True)
    client.force_login(booth_staff)
    change_url = reverse("admin:booths_exhibitor_change", args=[exhibitor.pk])
    reject_url = reverse("admin:booths_exhibitor_reject", args=[exhibitor.pk])

    page = client.get(change_url).content.decode()
    client.post(reject_url, {"reason": "Add a logo."})
    exhibitor.refresh_from_db()
    rejected = (exhibitor.review_status, exhibitor.rejection_reason, exhibitor.updated_by)
    response = client.post(reverse("admin:booths_exhibitor_approve", args=[exhibitor.pk]))
    exhibitor.refresh_from_db()

    assert f'<form method="post" action="{reject_url}"' in page
    assert rejected == (ReviewStatus.REJECTED, "Add a logo.", booth_staff)
    assert response.url == change_url
    assert (exhibitor.review_status, exhibitor.rejection_reason) == (ReviewStatus.APPROVED, "")
    assert exhibitor.reviewed_at is not None


def test_admin_exhibitor_page_offers_no_approve_button_when_already_approved(client, booth_staff):
    exhibitor = ExhibitorFactory()
    client.force_login(booth_staff)

    page = client.get(reverse("admin:booths_exhibitor_change", args=[exhibitor.pk]))
    html = page.content.decode()

    assert reverse("admin:booths_exhibitor_approve", args=[exhibitor.pk]) not in html
    assert f'action="{reverse("admin:booths_exhibitor_reject", args=[exhibitor.pk])}"' in html


@pytest.fixture
def viewer(db):
    """A staff account that may look at products, exhibitors and leads but not change them."""
    from django.contrib.auth.models import Permission

    member = UserFactory(username="viewer", staff=True)
    member.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_product", "view_exhibitor", "view_expressionofinterest"]
        )
    )
    return member


@pytest.mark.parametrize(
    ("factory", "url_name", "data"),
    [
        (lambda: ProductFactory(pending=True), "admin:products_product_approve", {}),
        (lambda: ProductFactory(pending=True), "admin:products_product_reject", {"reason": "No."}),
        (lambda: ExhibitorFactory(pending=True), "admin:booths_exhibitor_approve", {}),
        (
            lambda: ExhibitorFactory(pending=True),
            "admin:booths_exhibitor_reject",
            {"reason": "No."},
        ),
    ],
)
def test_admin_review_buttons_refuse_accounts_without_change_permission(
    client, viewer, factory, url_name, data
):
    obj = factory()
    client.force_login(viewer)
    change_url = reverse(url_name.rsplit("_", 1)[0] + "_change", args=[obj.pk])

    page = client.get(change_url).content.decode()
    response = client.post(reverse(url_name, args=[obj.pk]), data)
    obj.refresh_from_db()

    assert 'class="expo-review-actions"' not in page
    assert response.status_code == 403
    assert obj.review_status == ReviewStatus.PENDING


def test_admin_lead_follow_up_refuses_accounts_without_change_permission(client, viewer):
    lead = TradeLeadFactory()
    client.force_login(viewer)

    page = client.get(reverse("admin:buyers_expressionofinterest_change", args=[lead.pk]))
    response = client.post(
        reverse("admin:buyers_expressionofinterest_follow_up", args=[lead.pk]),
        {"status": LeadStatus.LOST, "note": "Gone."},
    )
    lead.refresh_from_db()

    assert "follow_up_form" not in page.context
    assert response.status_code == 403
    assert (lead.status, lead.history.count()) == (LeadStatus.NEW, 1)


def test_admin_exhibitor_reject_and_approve_actions(client, booth_staff):
    exhibitor = ExhibitorFactory(pending=True)
    client.force_login(booth_staff)
    url = reverse("admin:booths_exhibitor_changelist")

    client.post(
        url,
        {"action": "reject", "_selected_action": [exhibitor.pk], "reason": "Add a logo."},
    )
    exhibitor.refresh_from_db()
    rejected = (exhibitor.review_status, exhibitor.rejection_reason, exhibitor.updated_by)
    client.post(url, {"action": "approve", "_selected_action": [exhibitor.pk]})
    exhibitor.refresh_from_db()

    assert rejected == (ReviewStatus.REJECTED, "Add a logo.", booth_staff)
    assert (exhibitor.review_status, exhibitor.rejection_reason) == (ReviewStatus.APPROVED, "")


def test_admin_feature_and_unfeature_actions(client, booth_staff):
    exhibitors = ExhibitorFactory.create_batch(2)
    products = ProductFactory.create_batch(2)
    client.force_login(booth_staff)
    ids = [e.pk for e in exhibitors]

    client.post(
        reverse("admin:booths_exhibitor_changelist"), {"action": "feature", "_selected_action": ids}
    )
    featured = set(Exhibitor.objects.filter(featured=True).values_list("pk", flat=True))
    client.post(
        reverse("admin:products_product_changelist"),
        {"action": "feature", "_selected_action": [p.pk for p in products]},
    )
    client.post(
        reverse("admin:products_product_changelist"),
        {"action": "unfeature", "_selected_action": [products[0].pk]},
    )

    assert featured == set(ids)
    assert list(Product.objects.filter(featured=True).values_list("pk", flat=True)) == [
        products[1].pk
    ]


def test_admin_mark_contacted_and_spam_go_through_the_history(client, booth_staff):
    new, quoted, junk = TradeLeadFactory.create_batch(3)
    ExpressionOfInterest.objects.filter(pk=quoted.pk).update(status=LeadStatus.QUOTED)
    client.force_login(booth_staff)
    url = reverse("admin:buyers_expressionofinterest_changelist")

    client.post(url, {"action": "mark_contacted", "_selected_action": [new.pk, quoted.pk]})
    client.post(url, {"action": "mark_spam", "_selected_action": [junk.pk]})

    statuses = dict(ExpressionOfInterest.objects.values_list("pk", "status"))
    assert statuses == {
        new.pk: LeadStatus.CONTACTED,
        quoted.pk: LeadStatus.QUOTED,  # already further along: left as it was
        junk.pk: LeadStatus.SPAM,
    }
    event = LeadEvent.objects.filter(lead=new).last()
    assert (event.from_status, event.to_status, event.actor) == (
        LeadStatus.NEW,
        LeadStatus.CONTACTED,
        booth_staff,
    )
    assert LeadEvent.objects.filter(
        lead=junk, to_status=LeadStatus.SPAM, actor=booth_staff
    ).exists()


def test_admin_assign_action_assigns_and_writes_history(client, booth_staff):
    leads = TradeLeadFactory.create_batch(2)
    colleague = UserFactory(username="dewi", first_name="Dewi", last_name="Lestari", staff=True)
    client.force_login(booth_staff)
    url = reverse("admin:buyers_expressionofinterest_changelist")
    ids = [lead.pk for lead in leads]

    asked = client.post(url, {"action": "assign", "_selected_action": ids})
    client.post(
        url,
        {"action": "assign", "_selected_action": ids, "confirmed": "1", "assignee": colleague.pk},
    )

    assert asked.status_code == 200
    assert set(ExpressionOfInterest.objects.values_list("assigned_to", flat=True)) == {colleague.pk}
    assert (
        LeadEvent.objects.filter(note="Assigned to Dewi Lestari.", actor=booth_staff).count() == 2
    )


def test_admin_leads_untouched_for_three_days_stand_out(client, booth_staff):
    stale = TradeLeadFactory()
    fresh = TradeLeadFactory()
    closed = TradeLeadFactory(status=LeadStatus.AGREED)
    four_days_ago = timezone.now() - datetime.timedelta(days=4, hours=1)
    ExpressionOfInterest.objects.filter(pk__in=[stale.pk, closed.pk]).update(
        last_activity_at=four_days_ago
    )
    client.force_login(booth_staff)
    url = reverse("admin:buyers_expressionofinterest_changelist")

    page = client.get(url).content.decode()
    overdue = client.get(url, {"follow_up": "overdue"}).context["cl"].result_list

    assert page.count("untouched 4 days") == 1
    assert list(overdue) == [stale]
    assert fresh not in overdue


def test_admin_lead_form_leaves_status_and_assignee_alone(client, booth_staff):
    lead = TradeLeadFactory(message="Samples, please.")
    client.force_login(booth_staff)
    url = reverse("admin:buyers_expressionofinterest_change", args=[lead.pk])
    data = change_form_data(client, url)
    data.update({"status": LeadStatus.AGREED, "assigned_to": booth_staff.pk, "message": "Call me."})

    response = client.post(url, data)
    lead.refresh_from_db()

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert (lead.status, lead.assigned_to, lead.message) == (LeadStatus.NEW, None, "Call me.")
    assert lead.history.count() == 1


def test_admin_lead_form_leaves_source_and_estimated_value_alone(client, booth_staff):
    lead = TradeLeadFactory()
    value = lead.estimated_value_usd
    client.force_login(booth_staff)
    url = reverse("admin:buyers_expressionofinterest_change", args=[lead.pk])
    form = client.get(url).context["adminform"].form
    data = change_form_data(client, url)
    data.update({"source": LeadSource.STAFF, "estimated_value_usd": "999999", "message": "Hi."})

    response = client.post(url, data)
    lead.refresh_from_db()

    assert "source" not in form.fields
    assert "estimated_value_usd" not in form.fields
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert (lead.source, lead.estimated_value_usd, lead.message) == (LeadSource.WEB, value, "Hi.")


def test_admin_lead_follow_up_records_status_assignee_and_note_in_the_history(client, booth_staff):
    lead = TradeLeadFactory()
    colleague = UserFactory(username="dewi", first_name="Dewi", last_name="Lestari", staff=True)
    client.force_login(booth_staff)
    page = client.get(reverse("admin:buyers_expressionofinterest_change", args=[lead.pk]))
    url = reverse("admin:buyers_expressionofinterest_follow_up", args=[lead.pk])

    response = client.post(
        url,
        {
            "status": LeadStatus.CONTACTED,
            "assignee": colleague.pk,
            "note": "Called the buyer; sending samples next week.",
        },
        follow=True,
    )
    lead.refresh_from_db()
    events = [
        (event.from_status, event.to_status, event.note, event.actor)
        for event in lead.history.order_by("pk")[1:]
    ]

    assert f'action="{url}"' in page.content.decode()
    assert "Recorded in the lead&#x27;s history." in response.content.decode()
    assert (lead.status, lead.assigned_to) == (LeadStatus.CONTACTED, colleague)
    assert events == [
        ("", "", "Assigned to Dewi Lestari.", booth_staff),
        (
            LeadStatus.NEW,
            LeadStatus.CONTACTED,
            "Called the buyer; sending samples next week.",
            booth_staff,
        ),
    ]


def test_admin_lead_follow_up_with_a_note_only_keeps_the_status(client, booth_staff):
    lead = TradeLeadFactory()
    client.force_login(booth_staff)
    url = reverse("admin:buyers_expressionofinterest_follow_up", args=[lead.pk])

    client.post(url, {"status": LeadStatus.NEW, "assignee": "", "note": "No answer yet."})
    nothing = client.post(url, {"status": LeadStatus.NEW, "assignee": "", "note": " "}, follow=True)
    lead.refresh_from_db()

    assert lead.status == LeadStatus.NEW
    assert list(lead.history.values_list("note", flat=True).order_by("pk")) == [
        "",
        "No answer yet.",
    ]
    assert "Nothing changed, nothing recorded." in nothing.content.decode()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"status": "won", "note": ""}, "Status: Select a valid choice."),
        ({"status": LeadStatus.LOST, "note": "x" * 4001}, "Add a note to the history: Ensure"),
    ],
)
def test_admin_lead_follow_up_bad_input_changes_nothing(client, booth_staff, data, error):
    lead = TradeLeadFactory()
    client.force_login(booth_staff)
    url = reverse("admin:buyers_expressionofinterest_follow_up", args=[lead.pk])

    response = client.post(url, data, follow=True)
    lead.refresh_from_db()

    assert error in response.content.decode()
    assert (lead.status, lead.history.count()) == (LeadStatus.NEW, 1)


def test_admin_lead_history_is_read_only(client, booth_staff):
    lead = TradeLeadFactory()
    client.force_login(booth_staff)

    page = client.get(
        reverse("admin:buyers_expressionofinterest_change", args=[lead.pk])
    ).content.decode()

    assert 'name="history-0-note"' not in page
    assert 'name="history-0-DELETE"' not in page


@pytest.mark.parametrize(
    "url",
    [
        lambda: reverse("admin:products_product_add"),
        lambda: reverse("admin:products_product_change", args=[ProductFactory().pk]),
        lambda: reverse("admin:booths_exhibitor_add"),
        lambda: reverse("admin:booths_exhibitor_change", args=[ExhibitorFactory().pk]),
        lambda: reverse("admin:buyers_expressionofinterest_add"),
        lambda: reverse("admin:buyers_expressionofinterest_change", args=[TradeLeadFactory().pk]),
        lambda: reverse("admin:buyers_buyer_change", args=[BuyerFactory().pk]),
        lambda: reverse("admin:buyers_delegate_change", args=[DelegateFactory().pk]),
        lambda: reverse("admin:booths_exhibitor_import"),
        lambda: reverse("admin:buyers_expressionofinterest_export"),
    ],
)
def test_admin_forms_open_for_booth_staff(client, booth_staff, url):
    client.force_login(booth_staff)

    response = client.get(url())

    assert response.status_code == 200


def test_admin_product_saved_by_staff_records_who(client, booth_staff):
    product = ProductFactory(name_en="Gayo coffee", incoterms=["EXW"])
    client.force_login(booth_staff)
    url = reverse("admin:products_product_change", args=[product.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data.update({"name_en": "Gayo arabica", "incoterms": ["EXW", "FOB"]})
    for prefix, count in (("images", 0), ("certifications", 0), ("change_requests", 0)):
        data[f"{prefix}-TOTAL_FORMS"] = str(count)
        data[f"{prefix}-INITIAL_FORMS"] = str(count)

    response = client.post(url, data)
    product.refresh_from_db()

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert (product.name_en, product.incoterms, product.updated_by) == (
        "Gayo arabica",
        ["EXW", "FOB"],
        booth_staff,
    )


@pytest.fixture
def lead_mail(settings):
    settings.STAFF_NOTIFICATION_EMAILS = ["booth-team@bp2mi.example"]
    settings.POST_OFFICE = {**settings.POST_OFFICE, "DEFAULT_PRIORITY": "medium"}


def staff_lead_post(client, product, buyer, **changes):
    url = reverse("admin:buyers_expressionofinterest_add")
    data = change_form_data(client, url)
    data.update(
        kind="trade",
        language="en",
        status=LeadStatus.NEW,
        buyer=buyer.pk,
        exhibitor=product.exhibitor_id,
        product=product.pk,
        quantity="200",
        unit="kg",
        currency="USD",
        note="Called the agency after the expo.",
        consent_version="2024-10",
    )
    data.update(changes)
    return url, data


def test_admin_lead_entered_by_staff_goes_the_way_of_every_lead(
    client, booth_staff, lead_mail, django_capture_on_commit_callbacks
):
    """Tried: a source of "web" and an estimate of 999999 posted by hand; both ignored."""
    owner = UserFactory(email="sari@umkm.example")
    product = ProductFactory(
        exhibitor=ExhibitorFactory(owners=[owner]),
        price_min=Decimal("10"),
        price_max=Decimal("14"),
        currency="USD",
    )
    buyer = BuyerFactory(email="aiko@example.jp")
    client.force_login(booth_staff)
    url, data = staff_lead_post(client, product, buyer, source="web", estimated_value_usd="999999")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    lead = ExpressionOfInterest.objects.get()

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert lead.source == LeadSource.STAFF
    assert lead.estimated_value_usd == Decimal("2400.00")  # 200 x the middle of 10-14
    assert lead.reference.startswith("EOI-")
    assert [(e.actor, e.note) for e in lead.history.order_by("pk")] == [
        (booth_staff, ""),
        (booth_staff, "Called the agency after the expo."),
    ]
    assert sorted(tuple(email.to) for email in Email.objects.all()) == [
        ("aiko@example.jp",),
        ("booth-team@bp2mi.example",),
        ("sari@umkm.example",),
    ]


def test_admin_lead_add_form_offers_no_source_or_value(client, booth_staff):
    client.force_login(booth_staff)

    form = client.get(reverse("admin:buyers_expressionofinterest_add")).context["adminform"].form

    assert "source" not in form.fields
    assert "estimated_value_usd" not in form.fields


def test_admin_lead_sent_twice_by_staff_makes_one_lead_and_one_set_of_mail(
    client, booth_staff, lead_mail, django_capture_on_commit_callbacks
):
    product = ProductFactory()
    buyer = BuyerFactory(email="aiko@example.jp")
    client.force_login(booth_staff)
    url, data = staff_lead_post(client, product, buyer)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
        second = client.post(url, data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert ExpressionOfInterest.objects.count() == 1
    assert Email.objects.filter(to=["aiko@example.jp"]).count() == 1


def test_admin_exhibitor_logo_is_checked_and_reencoded(client, booth_admin):
    """Tried: PHP in a JPEG's comment and segments (stored without it), a PNG of more
    pixels than allowed (refused with the owners' message)."""
    exhibitor = ExhibitorFactory(pending=True)
    client.force_login(booth_admin)
    url = reverse("admin:booths_exhibitor_change", args=[exhibitor.pk])
    data = change_form_data(client, url)

    accepted = client.post(url, {**data, "logo": files.jpeg_with_php()})
    exhibitor.refresh_from_db()
    stored = exhibitor.logo.read()
    refused = client.post(url, {**data, "logo": files.png_bomb(20_000, 20_000)})

    assert accepted.status_code == 302
    assert b"<?php" not in stored
    assert [m for m in files.jpeg_segments(stored) if m == 0xFE or 0xE1 <= m <= 0xEF] == []
    assert refused.status_code == 200
    assert "far too many pixels" in " ".join(refused.context["adminform"].form.errors["logo"])


def test_admin_product_photo_is_reencoded_without_what_was_appended(client, booth_admin):
    product = ProductFactory(pending=True)
    client.force_login(booth_admin)
    url = reverse("admin:products_product_change", args=[product.pk])
    data = change_form_data(client, url)
    prefix = next(key for key in data if key.endswith("-TOTAL_FORMS") and "images" in key)
    prefix = prefix.removesuffix("-TOTAL_FORMS")
    data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-image": files.png_with_html()})
    data[f"{prefix}-0-position"] = "0"

    response = client.post(url, data)

    assert response.status_code == 302
    image = product.images.get()
    stored = image.image.read()
    assert files.HTML_TAIL not in stored and b"<script" not in stored
    assert (image.width, image.height) == (320, 240)
