"""A form refused and shown again never sends back more of a value than its field
accepts (common.widgets.EchoLimitedRenderer, the project's FORM_RENDERER).

Tried on every form page of the site, public, owner's, booth and admin: 50,000
characters in every field of the form at once. No field with a limit accepts more than
5,000 (an owner's story), so no longer run of "x" may come back, except in a long text
without a limit of its own, cut to ECHO_LIMIT_TEXTAREA.
"""

import re

import pytest
from django.test import Client

from common.widgets import ECHO_LIMIT_OTHER, ECHO_LIMIT_TEXTAREA, EchoLimitedRenderer

from .url_walk import world_url

pytestmark = pytest.mark.django_db

HUGE = "x" * 50_000
RUN = re.compile("x{100,}")
MAXLENGTH = re.compile(r'\smaxlength="(\d+)"')


def assert_echoes_within_limits(page: str) -> None:
    """Every long run of "x" is the value of an input or text area, no longer than its
    maxlength (or the renderer's limits for a field without one): never in a message."""
    for run in RUN.finditer(page):
        before = page[: run.start()]
        tag = before[before.rindex("<") :]
        assert tag.startswith(("<input", "<textarea")), tag
        maxlength = MAXLENGTH.search(tag)
        if maxlength:
            limit = int(maxlength.group(1))
        else:
            limit = ECHO_LIMIT_TEXTAREA if tag.startswith("<textarea") else ECHO_LIMIT_OTHER
        assert len(run.group()) <= limit, tag


FIELD = re.compile(r'<(?:input|textarea|select)\b[^>]*?\sname="([^"]+)"')
# The form pages of the site, and who fills each one in.
FORMS = [
    ("buyers:product-interest", "anonymous"),
    ("buyers:exhibitor-interest", "anonymous"),
    ("buyers:cooperation", "anonymous"),
    ("meetings:book", "anonymous"),
    ("meetings:book-agency", "anonymous"),
    ("portal:login", "anonymous"),
    ("admin:login", "anonymous"),
    ("portal:password-reset", "anonymous"),
    ("portal:business-edit", "owner A"),
    ("portal:product-add", "owner A"),
    ("portal:product-edit", "owner A"),
    ("portal:lead-detail", "owner A"),
    ("meetings:host-move", "owner A"),  # Its slots are radio buttons: none free here.
    ("booth:capture", "booth staff"),
    ("backoffice:personal-data", "booth admin"),
]


@pytest.mark.parametrize(("name", "role"), FORMS)
def test_refused_form_echoes_no_more_than_the_field_limit(world, name, role):
    client = Client()
    if role != "anonymous":
        client.force_login(world["accounts"][role])
    url = world_url(world, name)
    fields = set(FIELD.findall(client.get(url).text)) - {"csrfmiddlewaretoken"} | {"slot"}

    response = client.post(url, dict.fromkeys(fields, HUGE))
    page = response.content.decode()

    assert fields - {"next", "slot"} or name == "meetings:host-move", fields
    assert response.status_code < 500
    assert_echoes_within_limits(page)


def test_admin_change_form_echoes_no_more_than_the_field_limit(world, client):
    client.force_login(world["accounts"]["superuser"])
    exhibitor = world["exhibitor"]
    url = f"/en/admin/booths/exhibitor/{exhibitor.pk}/change/"

    response = client.post(url, {"name": HUGE, "slug": HUGE, "tagline_en": HUGE})

    assert response.status_code == 200
    assert "x" * 200 in response.text  # The name, cut to its limit.
    assert_echoes_within_limits(response.text)


@pytest.mark.parametrize(
    ("widget", "limit"),
    [
        ({"template_name": "django/forms/widgets/text.html"}, ECHO_LIMIT_OTHER),
        ({"template_name": "django/forms/widgets/textarea.html"}, ECHO_LIMIT_TEXTAREA),
        ({"template_name": "x.html", "attrs": {"maxlength": "120"}}, 120),
    ],
)
def test_echo_limited_renderer_cuts_values_to_the_limit(widget, limit):
    context = {"widget": {"name": "field", "value": HUGE, "attrs": {}, **widget}}
    if "attrs" in widget:
        context["widget"]["attrs"] = widget["attrs"]

    EchoLimitedRenderer().render("django/forms/widgets/text.html", context)

    assert len(context["widget"]["value"]) == limit
