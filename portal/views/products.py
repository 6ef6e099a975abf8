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
from common.uploads import check_photo_quota, photo_quota
from products.models import Product, ProductImage
from products.services import (
    MAX_PHOTOS_PER_PRODUCT,
    change_request_diff,
    owner_photo_count,
    product_create,
    product_delete,
    product_proposal,
    product_set_archived,
    product_submit_changes,
    product_withdraw_changes,
)

from .. import selectors
from ..forms import CertificationFormSet, NewPhotosForm, PhotoFormSet, ProductForm
from ..status import product_status
from .common import add_errors


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


def _photo_key(entry: dict) -> str:
    return f"id:{entry['id']}" if "id" in entry else f"file:{entry['file']}"


def _photo_entry(key: str) -> dict:
    kind, _sep, value = key.partition(":")
    return {"id": int(value)} if kind == "id" else {"file": value}


def _photo_urls(product, entries) -> dict:
    """Thumbnail address of each photo the form shows (on show, or new and waiting)."""
    storage = ProductImage._meta.get_field("image").storage
    images = {image.pk: image for image in product.images.all()} if product else {}
    urls = {}
    for entry in entries:
        if "id" in entry and entry["id"] in images:
            image = images[entry["id"]]
            best = image.best(400)
            urls[_photo_key(entry)] = best[0] if best else image.image.url
        elif "file" in entry:
            urls[_photo_key(entry)] = storage.url(entry["file"])
    return urls


def _photo_initial(entries) -> list[dict]:
    return [
        {
            "key": _photo_key(entry),
            "alt_text_ind": entry.get("alt_text_ind", ""),
            "alt_text_en": entry.get("alt_text_en", ""),
            "position": position,
        }
        for position, entry in enumerate(entries, start=1)
    ]


def _certification_initial(entries) -> list[dict]:
    return [
        {
            "kind": entry["kind"],
            "number": entry["number"],
            "issuer": entry["issuer"],
            "valid_until": entry["valid_until"],
        }
        for entry in entries
    ]


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


def _product_form(request, *, exhibitor, product):
    proposal = product_proposal(product) if product else None
    instance = proposal.product if proposal else Product(exhibitor=exhibitor)
    photo_entries = proposal.photos if proposal else []
    photo_initial = _photo_initial(photo_entries)
    allowed_keys = [row["key"] for row in photo_initial]
    certification_initial = _certification_initial(proposal.certifications if proposal else [])
    bound = request.method == "POST"
    data = request.POST if bound else None
    form = ProductForm(data, instance=instance)
    photos = PhotoFormSet(data, prefix="photos", initial=photo_initial, allowed_keys=allowed_keys)
    new_photos = NewPhotosForm(data, request.FILES if bound else None)
    certifications = CertificationFormSet(data, prefix="certs", initial=certification_initial)

    if bound:
        # Every part is checked, so the owner sees every mistake at once.
        valid = [
            form.is_valid(),
            photos.is_valid(),
            new_photos.is_valid(),
            certifications.is_valid(),
        ]
        if all(valid):
            kept = photos.kept()
            uploads = new_photos.cleaned_data["new_photos"]
            if len(kept) + len(uploads) > MAX_PHOTOS_PER_PRODUCT:
                new_photos.add_error(
                    "new_photos",
                    _("A product can have at most %(count)s photos. Choose fewer or remove some.")
                    % {"count": MAX_PHOTOS_PER_PRODUCT},
                )
            else:
                try:
                    check_photo_quota(used=owner_photo_count(request.user), adding=len(uploads))
                except ValidationError as error:
                    new_photos.add_error("new_photos", error)
        if all(valid) and new_photos.is_valid():
            changes = form.changes()
            changes["photos"] = [
                {
                    **_photo_entry(row["key"]),
                    "alt_text_ind": row["alt_text_ind"].strip(),
                    "alt_text_en": row["alt_text_en"].strip(),
                }
                for row in kept
            ] + [
                {"upload": upload.file, "alt_text_ind": "", "alt_text_en": ""} for upload in uploads
            ]
            changes["certifications"] = certifications.entries()
            submit = request.POST.get("action") != "draft"
            try:
                if product is None:
                    saved = product_create(
                        exhibitor=exhibitor, changes=changes, actor=request.user, submit=submit
                    )
                    result, was = None, None
                else:
                    was = product.review_status
                    result = product_submit_changes(
                        product=product, changes=changes, actor=request.user, submit=submit
                    )
                    saved = product
            except ValidationError as error:
                add_errors(error, form, aliases={"name": "name_ind"})
                if hasattr(error, "error_dict"):
                    for name in ("photos", "certifications"):
                        for message in error.error_dict.get(name, ()):
                            messages.error(request, " ".join(message.messages))
            else:
                saved.refresh_from_db()
                messages.success(
                    request,
                    _saved_message(saved, result, submit=submit, created=product is None, was=was),
                )
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
    pending_rows = change_request_diff(proposal.pending) if proposal and proposal.pending else []
    rejected = None
    if status and status.code == "changes_rejected":
        rejected = product.change_requests.order_by("-submitted_at", "-pk").first()
    urls = _photo_urls(product, photo_entries)
    photo_rows = [(photo_form, urls.get(photo_form["key"].value())) for photo_form in photos]
    new_keys = {row["key"] for row in photo_initial if row["key"].startswith("file:")}
    context = {
        "exhibitor": exhibitor,
        "product": product,
        "proposal": proposal,
        "status": status,
        "pending_rows": pending_rows,
        "rejected_rows": change_request_diff(rejected) if rejected else [],
        "form": form,
        "photos": photos,
        "photo_rows": photo_rows,
        "new_keys": new_keys,
        "new_photos": new_photos,
        "certifications": certifications,
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
