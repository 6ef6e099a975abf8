"""POST data for the owner portal's forms, as a browser sends them."""

from products.services import pending_change_request, product_proposal


def product_form_data(
    *, category, product=None, action="submit", photos=None, certs=None, **fields
):
    """The product form as a browser posts it; ``fields`` override or add to values.

    Without ``product``: valid values for a new product. With it: what the edit form
    shows (the product as last proposed).

    ``photos`` are the rows of the photo formset (defaults: the product's photos as they
    are); ``certs`` the certificate rows (default: one empty row).
    """
    data = {
        "name_ind": "Kopi arabika Gayo",
        "name_en": "Gayo arabica coffee",
        "category": str(category.pk),
        "description_ind": "Biji kopi satu asal.",
        "description_en": "Single-origin beans.",
        "materials_ind": "",
        "materials_en": "",
        "currency": "IDR",
        "price_min": "85.000",
        "price_max": "",
        "unit": "kg",
        "moq": "10",
        "monthly_capacity": "",
        "lead_time_days": "",
        "shelf_life_days": "",
        "incoterms": ["EXW"],
        "hs_code": "",
        "action": action,
    }
    if product is not None:
        data.update(_shown_values(product))
    if photos is None:
        photos = []
        if product is not None:
            for position, photo in enumerate(_last_proposed(product).photos, start=1):
                key = f"id:{photo.id}" if photo.id is not None else f"file:{photo.file}"
                photos.append({"key": key, "position": str(position)})
    data.update(formset("photos", photos, initial=len(photos)))
    data.update(formset("certs", certs or [{}], initial=0))
    data.update(fields)
    return data


def _last_proposed(product):
    return product_proposal(product, pending=pending_change_request(product))


def _shown_values(product):
    """What the edit form shows for ``product`` (as last proposed), as a browser posts it."""
    from portal.forms import ProductForm

    form = ProductForm(instance=_last_proposed(product).applied_to(product))
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if name == "custom_orders":
            if value:
                data[name] = "on"
        elif isinstance(value, list):
            data[name] = value
        else:
            data[name] = "" if value is None else str(field.prepare_value(value))
    return data


def formset(prefix, rows, *, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def profile_form_data(exhibitor, **fields):
    data = {
        "tagline_ind": exhibitor.tagline_ind or "",
        "tagline_en": exhibitor.tagline_en or "",
        "story_ind": "Saya belajar merawat lansia di Taiwan.",
        "story_en": "",
        "founder_name": exhibitor.founder_name,
        "former_placement_country": exhibitor.former_placement_country.code,
        "sector_abroad": "",
        "years_abroad": "6",
        "year_returned": "2018",
        "province": exhibitor.province,
        "regency": "Pekalongan",
        "address": "",
        "scale": exhibitor.scale,
        "employees": "4",
        "established_year": "",
        "export_readiness": exhibitor.export_readiness,
        "contact_name": "Sari",
        "email": "",
        "phone": "0812 3456 7890",
        "whatsapp": "",
        "website": "",
        "instagram": "",
        "action": "save",
    }
    data.update(fields)
    return data
