"""An employer on a phone finds an occupation and opens the placement form with it chosen;
the same pages at desktop width and in Indonesian."""

import datetime

import pytest
from playwright.sync_api import expect

from ..factories import OccupationFactory, ReadinessFigureFactory, TrainingProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def welders():
    welder = OccupationFactory(
        slug="welder",
        name_en="Welder (SMAW and GMAW)",
        name_ind="Juru las (SMAW dan GMAW)",
        destination_countries=["JP", "KR"],
    )
    ReadinessFigureFactory(occupation=welder, country="JP", in_training=85, certified=40)
    ReadinessFigureFactory(
        occupation=welder, country="KR", as_of=datetime.date(2024, 9, 30), certified=30
    )
    TrainingProgrammeFactory(
        slug="welding", name_en="Welding to Japanese standards", occupations=[welder]
    )
    return welder


def test_employer_goes_from_an_occupation_to_the_form(live_server, phone, screenshot, welders):
    phone.goto(f"{live_server.url}/en/")
    phone.get_by_role("link", name="Workforce", exact=True).click()
    phone.get_by_role("link", name="Manufacturing").click()
    expect(phone.get_by_role("heading", name="Welder (SMAW and GMAW)")).to_be_visible()
    expect(phone.get_by_role("cell", name="85")).to_be_visible()
    screenshot(phone, "sector-phone-en")

    phone.get_by_role("link", name="Ask for these workers").click()

    expect(phone.get_by_label("Occupation from our workforce pages")).to_have_value("welder")
    expect(phone.get_by_label("Manufacturing")).to_be_checked()
    # Nothing runs off the side of a phone.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone, "form-phone-en")


@pytest.mark.parametrize("language", ["en", "id"])
def test_workforce_pages_at_both_widths(live_server, phone, desktop, screenshot, welders, language):
    for device, name in ((phone, "phone"), (desktop, "desktop")):
        for path in ("workforce/", "workforce/manufacturing/", "workforce/programmes/welding/"):
            device.goto(f"{live_server.url}/{language}/{path}")
            assert device.evaluate("document.documentElement.scrollWidth") <= (
                390 if name == "phone" else 1366
            )
        screenshot(device, f"programme-{name}-{language}")
