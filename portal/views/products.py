"""The owner's products: list, add, edit (with photos and certifications), archive, delete.

Edits of a product on show wait for staff review (products.services); the form shows
the product as last proposed, so an owner always continues from their own changes.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.choices import ReviewStatus
from common.permissions import owned_object, owner_view
from common.uploads import photo_quota
from products.models import Product, ProductImage
from products.proposals import MAX_PHOTOS_PER_PRODUCT, ProductProposal
from products.services import (
    change_request_diff,
    pending_change_request,
    product_create,
    product_delete,
    product_proposal,
    product_set_archived,
    product_submit_changes,
    product_withdraw_changes,
)

from .. import selectors
from ..forms import ProductFormParts, photo_key
from ..status import product_status


def _own_product(request, pk):
    return owned_object(Product.objects.select_related("exhibitor"), request.user, pk=pk)


def _own_product_with_status(request, pk):
    """The owner's product with its photos and latest change request (for its status)."""
    return get_object_or_404(selectors.owner_products(request.user), pk=pk)


@owner_view
def product_list(request):
    exhibitors = list(selectors.owner_exhibitors(request.user))
    products = selectors.with_status(selectors.owner_products(request.user))
    groups = [
        {
            "exhibitor": exhibitor,
            "products": [p for p in products if p.exhibitor_id == exhibitor.pk],
        }
        for exhibitor in exhibitors
    ]
    return render(
        request,
        "portal/product_list.html",
        {"groups": groups, "several": len(exhibitors) > 1, "product_total": len(products)},
    )


# ---- The product form ----------------------------------------------------------------------


def _photo_rows(product, proposal, parts):
    """Each photo row of the form with the thumbnail of the photo it shows (on show, or
    new and waiting); a row the page did not show has none."""
    storage = ProductImage._meta.get_field("image").storage
    images = {image.pk: image for image in product.images.all()} if product else {}
    urls = {}
    for photo in proposal.photos or ():
        if photo.file:
            urls[photo_key(photo)] = storage.url(photo.file)
        elif photo.id in images:
            best = images[photo.id].best(400)
            urls[photo_key(photo)] = best[0] if best else images[photo.id].image.url
    return [(photo_form, urls.get(photo_form["key"].value())) for photo_form in parts.photos]


def _saved_message(product, result, *, submit: bool, created: bool, was) -> str:
    name = product.name
    if created:
        if submit:
            return _(
                "“%(name)s” is saved and waits for review by BP2MI staff. You will see the "
                "result here."
            ) % {"name": name}
        return _("“%(name)s” is saved as a draft. Send it for review when it is ready.") % {
            "name": name
        }
    if was == ReviewStatus.APPROVED:
        if result is None:
            return _("Nothing waits for review: the product is as BP2MI staff approved it.")
        return _(
            "Your changes wait for review by BP2MI staff. Until then buyers see the approved "
            "version."
        )
    if submit:
        return _("“%(name)s” is saved and waits for review by BP2MI staff.") % {"name": name}
    return _("“%(name)s” is saved. Send it for review when it is ready.") % {"name": name}


def _save(request, parts, *, exhibitor, product):
    """Hand the owner's proposal to the services; whether it was saved (else the parts
    show why)."""
    proposal = parts.proposal()
    submit = request.POST.get("action") != "draft"
    try:
        if product is None:
            saved = product_create(
                exhibitor=exhibitor,
                proposal=proposal,
                actor=request.user,
                submit=submit,
                photo_owner=request.user,
            )
            message = _saved_message(saved, None, submit=submit, created=True, was=None)
        else:
            was = product.review_status
            result = product_submit_changes(
                product=product,
                proposal=proposal,
                actor=request.user,
                submit=submit,
                photo_owner=request.user,
            )
            product.refresh_from_db()
            message = _saved_message(product, result, submit=submit, created=False, was=was)
    except ValidationError as error:
        parts.add_error(error)
        return False
    messages.success(request, message)
    return True


def _product_form(request, *, exhibitor, product):
    pending = pending_change_request(product) if product else None
    proposal = product_proposal(product, pending=pending) if product else ProductProposal()
    instance = proposal.applied_to(product) if product else Product(exhibitor=exhibitor)
    bound = request.method == "POST"
    parts = ProductFormParts(
        request.POST if bound else None,
        request.FILES if bound else None,
        instance=instance,
        proposal=proposal,
    )
    if bound:
        if parts.is_valid() and _save(request, parts, exhibitor=exhibitor, product=product):
            return redirect("portal:product-list")
        if request.FILES:
            messages.warning(
                request,
                _(
                    "Your new photos were not saved yet. Please fix the fields marked below "
                    "and choose the photos again."
                ),
            )

    status = product_status(product) if product else None
    rejected = None
    if status and status.code == "changes_rejected":
        rejected = product.change_requests.order_by("-submitted_at", "-pk").first()
    context = {
        "exhibitor": exhibitor,
        "product": product,
        "status": status,
        "pending_rows": change_request_diff(pending) if pending else [],
        "rejected_rows": change_request_diff(rejected) if rejected else [],
        "form": parts.form,
        "photos": parts.photos,
        "photo_rows": _photo_rows(product, proposal, parts),
        "new_keys": {photo_key(photo) for photo in proposal.photos or () if photo.file},
        "new_photos": parts.new_photos,
        "certifications": parts.certifications,
        "photo_quota": photo_quota(),
        "max_photos": MAX_PHOTOS_PER_PRODUCT,
        "is_published": bool(product and product.review_status == ReviewStatus.APPROVED),
        "can_save_draft": product is None
        or product.review_status in (ReviewStatus.DRAFT, ReviewStatus.REJECTED),
    }
    return render(request, "portal/product_form.html", context, status=400 if bound else 200)


@owner_view
@require_http_methods(["GET", "POST"])
def product_add(request):
    exhibitors = list(selectors.owner_exhibitors(request.user))
    if not exhibitors:
        raise Http404
    slug = request.GET.get("business")
    if slug:
        exhibitor = next((e for e in exhibitors if e.slug == slug), None)
        if exhibitor is None:
            raise Http404
    elif len(exhibitors) == 1:
        exhibitor = exhibitors[0]
    else:
        return render(request, "portal/product_choose_business.html", {"exhibitors": exhibitors})
    return _product_form(request, exhibitor=exhibitor, product=None)


@owner_view
@require_http_methods(["GET", "POST"])
def product_edit(request, pk):
    product = _own_product_with_status(request, pk)
    return _product_form(request, exhibitor=product.exhibitor, product=product)


# ---- Actions on one product ------------------------------------------------------------------


@owner_view
@require_POST
def product_archive(request, pk):
    product = _own_product(request, pk)
    archived = request.POST.get("archived") != "0"
    product_set_archived(product=product, archived=archived, actor=request.user)
    if archived:
        messages.success(
            request,
            _("“%(name)s” is archived: buyers no longer see it.") % {"name": product.name},
        )
    else:
        messages.success(request, _("“%(name)s” is back.") % {"name": product.name})
    return redirect("portal:product-list")


@owner_view
@require_POST
def product_withdraw(request, pk):
    product = _own_product(request, pk)
    if product_withdraw_changes(product=product, actor=request.user):
        messages.success(
            request,
            _("Your changes are taken back. Buyers keep seeing the approved version."),
        )
    return redirect("portal:product-list")


@owner_view
@require_http_methods(["GET", "POST"])
def product_delete_view(request, pk):
    product = _own_product(request, pk)
    if request.method == "POST":
        name = product.name
        try:
            product_delete(product=product, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("“%(name)s” is deleted.") % {"name": name})
        return redirect("portal:product-list")
    return render(
        request,
        "portal/product_delete.html",
        {"product": product, "can_delete": product.published_at is None},
    )
