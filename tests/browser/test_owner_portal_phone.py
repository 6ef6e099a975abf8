"""An owner on a phone adds a product with two photos; staff approve it in the admin;
buyers find it in the catalogue."""

import pytest
from playwright.sync_api import expect

from products.models import Product

from .. import upload_files as files
from ..factories import ExhibitorFactory, SubCategoryFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_PASSWORD = "Booth-staff-test-2024"


@pytest.fixture
def booth(password):
    owner = UserFactory(username="sari", first_name="Sari")
    ExhibitorFactory(name="Kopi Gayo Sari", slug="kopi-gayo-sari", owners=[owner])
    category = SubCategoryFactory(name_en="Coffee", name_ind="Kopi")
    staff = UserFactory(username="admin", is_staff=True, is_superuser=True)
    staff.set_password(STAFF_PASSWORD)
    staff.save()
    return {"owner": owner, "category": category, "password": password}


@pytest.fixture
def photos(tmp_path):
    paths = []
    for name, data in (
        ("IMG_2041.jpg", files.image_bytes((1600, 1200), "JPEG", exif=files.camera_exif())),
        ("label.png", files.image_bytes((800, 800), "PNG")),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(str(path))
    return paths


def test_owner_adds_a_product_on_a_phone_and_staff_approve_it(
    live_server, browser, phone, screenshot, booth, photos
):
    errors = []
    phone.on("console", lambda message: message.type == "error" and errors.append(message.text))
    phone.on("pageerror", lambda error: errors.append(str(error)))

    # The owner logs in (Indonesian, the owners' language) and opens "Add a product".
    phone.goto(f"{live_server.url}/id/portal/login/")
    phone.locator("#id_username").fill("sari")
    phone.locator("#id_password").fill(booth["password"])
    phone.locator("form.owner-form button[type=submit]").click()
    expect(phone).to_have_url(f"{live_server.url}/id/portal/")
    screenshot(phone, "dashboard")

    phone.locator("a[href^='/id/portal/products/add/']").first.click()
    phone.locator("#id_name_ind").fill("Kopi arabika Gayo, sangrai sedang")
    phone.locator("#id_name_en").fill("Gayo arabica, medium roast")
    phone.locator("#id_category").select_option(str(booth["category"].pk))
    phone.locator("#id_description_ind").fill("Biji kopi satu asal dari dataran tinggi Gayo.")
    phone.locator("#id_price_min").fill("85.000")
    phone.locator("#id_moq").fill("10")
    phone.locator("#id_new_photos").set_input_files(photos)
    screenshot(phone, "form")
    phone.locator("button[name=action][value=submit]").click()

    # Back on the product list: the new product waits for review.
    expect(phone).to_have_url(f"{live_server.url}/id/portal/products/")
    row = phone.locator(".owner-product", has_text="Kopi arabika Gayo, sangrai sedang")
    expect(row.locator(".badge-status-pending")).to_be_visible()
    # Django's live server serves MEDIA_ROOT too: the re-encoded photo really loads.
    thumbnail = row.locator("img.owner-product-thumb")
    expect(thumbnail).to_have_js_property("complete", True)
    assert thumbnail.evaluate("img => img.naturalWidth") == 400
    product = Product.objects.get(slug="gayo-arabica-medium-roast")
    assert product.images.count() == 2
    screenshot(phone, "pending")

    # Staff approve it with the admin's changelist action.
    staff_context = browser.new_context(viewport={"width": 1366, "height": 900})
    admin = staff_context.new_page()
    admin.goto(f"{live_server.url}/en/admin/login/")
    admin.locator("#id_username").fill("admin")
    admin.locator("#id_password").fill(STAFF_PASSWORD)
    admin.locator("input[type=submit], button[type=submit]").last.click()
    admin.goto(f"{live_server.url}/en/admin/products/product/?review_status=pending")
    admin.locator(f"input[name=_selected_action][value='{product.pk}']").check()
    admin.locator("select[name=action]").select_option("approve")
    admin.locator("button[name=index]").click()
    expect(admin.locator(".messagelist")).to_contain_text("Approved 1 item(s).")
    staff_context.close()

    # Buyers find it in the catalogue; the owner sees it on show.
    phone.goto(f"{live_server.url}/en/catalogue/")
    card = phone.get_by_role("link", name="Gayo arabica, medium roast")
    expect(card).to_be_visible()
    screenshot(phone, "catalogue")
    phone.goto(f"{live_server.url}/id/portal/products/")
    expect(row.locator(".badge-status-approved")).to_be_visible()
    # No broken image, blocked script or style (CSP) on any page the owner saw.
    assert errors == []
