"""The workforce pages for employers and delegates, the placement form opened from an
occupation, demand against readiness for staff, and who may edit the content."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_countries import countries
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField

from backoffice.results import Period, demand_readiness
from buyers.choices import LeadKind, LeadStatus
from buyers.models import ExpressionOfInterest
from buyers.services import lead_change_status
from workforce.models import Occupation, ReadinessFigure

from .factories import (
    DelegateFactory,
    ExpoFactory,
    OccupationFactory,
    PlacementLeadFactory,
    ReadinessFigureFactory,
    TradeLeadFactory,
    TrainingPhotoFactory,
    TrainingProgrammeFactory,
)

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")

# Names a field about a person would have; none may exist behind the public pages.
PERSONAL_NAMES = {
    "email",
    "phone",
    "birth_date",
    "date_of_birth",
    "gender",
    "passport",
    "passport_number",
    "nik",
    "address",
    "full_name",
    "first_name",
    "last_name",
    "candidate",
    "worker",
    "person",
    "photo_of_person",
}


@pytest.fixture
def welder():
    occupation = OccupationFactory(
        slug="welder",
        name_en="Welder",
        name_ind="Juru las",
        destination_countries=["JP", "KR"],
    )
    # The older report is replaced by the newer one on the public page.
    ReadinessFigureFactory(
        occupation=occupation, country="JP", as_of=datetime.date(2024, 6, 30), in_training=11
    )
    ReadinessFigureFactory(
        occupation=occupation,
        country="JP",
        as_of=datetime.date(2024, 9, 30),
        in_training=85,
        certified=40,
    )
    ReadinessFigureFactory(occupation=occupation, country="KR", in_training=33, certified=27)
    TrainingProgrammeFactory(
        slug="welding-course",
        name_en="Welding to Japanese standards",
        name_ind="Pengelasan standar Jepang",
        occupations=[occupation],
    )
    return occupation


# --- public pages: aggregates only ---------------------------------------------------------


def test_workforce_models_have_no_personal_field():
    """Tried: every field of every workforce model, by name, by kind and by relation."""
    user_model = get_user_model()
    personal_models = {
        user_model,
        apps.get_model("buyers", "Buyer"),
        apps.get_model("buyers", "Delegate"),
        apps.get_model("buyers", "ExpressionOfInterest"),
    }
    for model in apps.get_app_config("workforce").get_models():
        for field in model._meta.get_fields():
            assert field.name not in PERSONAL_NAMES, (model, field.name)
            assert not isinstance(field, models.EmailField | PhoneNumberField), (model, field)
            if field.is_relation and field.concrete:
                assert field.related_model not in personal_models, (model, field.name)
            if isinstance(field, models.DateField):
                # The one date is the date of a report, not of a person.
                assert field.name == "as_of", (model, field.name)
    assert isinstance(ReadinessFigure._meta.get_field("country"), CountryField)


def test_workforce_pages_read_only_workforce_tables(client, welder):
    """The pages' SQL touches the workforce tables alone: no lead, delegate or user."""
    TrainingPhotoFactory(programme=welder.programmes.get())
    pages = [
        reverse("workforce:index"),
        reverse("workforce:sector", kwargs={"sector": "manufacturing"}),
        reverse("workforce:programme", kwargs={"slug": "welding-course"}),
    ]
    for url in pages:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        for query in queries.captured_queries:
            sql = query["sql"]
            for forbidden in ("buyers_", "auth_user", "booths_exhibitor", "django_session"):
                assert forbidden not in sql, (url, sql)
            assert "workforce_" in sql, (url, sql)


def test_sector_page_shows_standard_countries_and_current_figures(client, welder):
    response = client.get(reverse("workforce:sector", kwargs={"sector": "manufacturing"}))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Welder" in page
    assert "SKKNI welding, level 2" in page
    assert "JFT-Basic A2" in page
    assert "640 hours" in page
    assert "SMAW plate welding" in page
    assert "Japan, South Korea" in page
    # The report of 30 September, not the older one.
    assert '</span></th><td class="text-end">85</td><td class="text-end">40</td>' in page
    assert ">11<" not in page
    assert "30 Sep 2024" in page
    assert "Welding to Japanese standards" in page
    assert f'href="{reverse("buyers:cooperation")}?occupation=welder"' in page


def test_sector_page_speaks_indonesian(client, welder):
    response = client.get("/id/workforce/manufacturing/")

    page = response.content.decode()
    assert "Juru las" in page
    assert "SKKNI pengelasan, level 2" in page
    assert "Jepang" in page
    assert "Minta tenaga kerja ini" in page


def test_index_sums_current_figures_per_sector(client, welder):
    OccupationFactory(sector="caregiving", name_en="Care worker", destination_countries=["JP"])

    page = client.get(reverse("workforce:index")).content.decode()

    # Sectors in their usual order: caregiving before manufacturing.
    assert page.index("Care worker") < page.index("Welder")
    # 85 + 33 in training, 40 + 27 certified: the latest report per country.
    assert "<dd>118</dd>" in page
    assert "<dd>67</dd>" in page


def test_hidden_occupations_and_programmes_stay_off_the_pages(client, welder):
    OccupationFactory(name_en="Secret trade", published=False)
    TrainingProgrammeFactory(name_en="Draft course", published=False, occupations=[welder])

    page = client.get(reverse("workforce:sector", kwargs={"sector": "manufacturing"}))
    hidden = client.get(reverse("workforce:programme", kwargs={"slug": "programme-x"}))

    assert "Secret trade" not in page.content.decode()
    assert "Draft course" not in page.content.decode()
    assert hidden.status_code == 404


@pytest.mark.parametrize("sector", ["caregiving", "no-such-sector"])
def test_sector_without_occupations_is_not_found(client, welder, sector):
    assert client.get(reverse("workforce:sector", kwargs={"sector": sector})).status_code == 404


def test_programme_page_shows_photos_and_links_videos(client, welder):
    programme = welder.programmes.get()
    TrainingPhotoFactory(programme=programme)
    programme.media.create(
        kind="video",
        video_url="https://video.example.org/welding",
        caption_en="A day at the welding school",
        caption_ind="Sehari di sekolah las",
    )

    page = client.get(programme.get_absolute_url()).content.decode()

    assert "BLK Bekasi" in page
    assert "Practical (workshop or workplace)" in page
    assert "16 weeks" in page
    assert "Weld plate in 3G" in page
    assert 'srcset="' in page and 'alt="Trainees at the welding booth"' in page
    assert 'href="https://video.example.org/welding"' in page
    # A link, never an embedded player from another site.
    assert "<iframe" not in page


def test_staff_change_shows_at_once_on_the_cached_page(client, welder, booth_admin):
    url = reverse("workforce:sector", kwargs={"sector": "manufacturing"})
    client.get(url)
    figure = ReadinessFigure.objects.get(occupation=welder, country="KR")
    staff = Client()
    staff.force_login(booth_admin)

    response = staff.post(
        reverse("admin:workforce_readinessfigure_change", args=[figure.pk]),
        {
            "occupation": welder.pk,
            "country": "KR",
            "in_training": figure.in_training,
            "certified": 999,
            "as_of": figure.as_of.isoformat(),
            "source": figure.source,
        },
    )

    assert response.status_code == 302
    assert ">999<" in client.get(url).content.decode()


def _grow(count):
    for _ in range(count):
        occupation = OccupationFactory()
        ReadinessFigureFactory(occupation=occupation, country="JP")
        ReadinessFigureFactory(occupation=occupation, country="KR")
        TrainingPhotoFactory(programme=TrainingProgrammeFactory(occupations=[occupation]))


def test_workforce_pages_query_count_is_fixed(client, welder, assert_page_queries):
    pages = {
        "index": reverse("workforce:index"),
        "sector": reverse("workforce:sector", kwargs={"sector": "manufacturing"}),
        "programme": reverse("workforce:programme", kwargs={"slug": "welding-course"}),
    }
    # Occupations with their programmes and their figures: three queries; a programme
    # with its photos and occupations: three.
    queries = {"index": 3, "sector": 3, "programme": 3}
    _grow(2)
    assert_page_queries(client, pages, queries, cold=True)
    _grow(20)
    assert_page_queries(client, pages, queries, cold=True)
    # Warm: straight from the page cache.
    for url in pages.values():
        client.get(url)
    assert_page_queries(client, pages, dict.fromkeys(pages, 0))


def test_home_and_navigation_link_the_workforce_pages(client):
    ExpoFactory(current=True)
    page = client.get("/en/").content.decode()

    assert page.count(f'href="{reverse("workforce:index")}"') == 2


# --- the placement form from an occupation ---------------------------------------------------


def test_cooperation_form_opens_with_the_occupation_and_its_sector(client, welder):
    page = client.get(welder.cooperation_url()).content.decode()

    assert '<option value="welder" selected>' in page
    assert 'value="manufacturing" id="id_sectors_3" class="form-check-input" checked>' in page
    assert "You are asking about <strong>Welder</strong>" in page


@pytest.mark.parametrize("slug", ["no-such-thing", "hidden", "x" * 500])
def test_cooperation_form_ignores_unknown_occupations(client, welder, slug):
    OccupationFactory(slug="hidden", published=False)

    response = client.get(reverse("buyers:cooperation"), {"occupation": slug})

    page = response.content.decode()
    assert response.status_code == 200
    assert '<option value="" selected>' in page
    assert '<option value="welder">' in page
    assert (
        'name="sectors" value="manufacturing" id="id_sectors_3" class="form-check-input">' in page
    )


def _placement_post(**fields):
    data = {
        "idempotency_key": "6f1b9f0e-52d4-4e0b-8a47-0c1d2e3f4a5b",
        "name": "Hiroshi Yamamoto",
        "institution": "Kansai Care Association",
        "delegate_type": "association",
        "email": "hiroshi@example.jp",
        "country": "JP",
        "headcount": "40",
        "consent": "on",
    }
    data.update(fields)
    return data


def test_lead_sent_from_an_occupation_records_it(client, welder, generous_limits):
    response = client.post(reverse("buyers:cooperation"), _placement_post(occupation="welder"))

    lead = ExpressionOfInterest.objects.get()
    assert response.status_code == 302
    assert lead.occupation == welder
    # The sector comes with the occupation, even when the box was not ticked.
    assert lead.sectors == ["manufacturing"]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"occupation": "no-such-thing"}, "occupation", "Choose an occupation from the list."),
        ({"occupation": "hidden"}, "occupation", "Choose an occupation from the list."),
        ({}, "sectors", "Choose at least one sector."),
    ],
)
def test_bad_occupation_or_no_sector_is_refused(
    client, welder, generous_limits, fields, field, message
):
    """Tried: an unknown slug, an unpublished occupation, neither sector nor occupation."""
    OccupationFactory(slug="hidden", published=False)

    response = client.post(reverse("buyers:cooperation"), _placement_post(**fields))

    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert not ExpressionOfInterest.objects.exists()


def test_lead_without_occupation_still_works(client, welder, generous_limits):
    response = client.post(
        reverse("buyers:cooperation"),
        _placement_post(sectors=["construction"], occupations="Scaffolders"),
    )

    lead = ExpressionOfInterest.objects.get()
    assert response.status_code == 302
    assert (lead.occupation, lead.sectors, lead.occupations) == (
        None,
        ["construction"],
        "Scaffolders",
    )


def test_only_placement_leads_name_an_occupation(welder):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        TradeLeadFactory(occupation=welder)


# --- demand against readiness ------------------------------------------------------------------


def _at(day, hour=12):
    return datetime.datetime(2024, 10, day, hour, tzinfo=JAKARTA)


def _received(lead, day):
    ExpressionOfInterest.objects.filter(pk=lead.pk).update(created_at=_at(day))
    return lead


@pytest.fixture
def demand(welder):
    """TEI 2024 (9-13 October) with placement leads naming occupations, and figures."""
    expo = ExpoFactory(start_date=datetime.date(2024, 10, 9), end_date=datetime.date(2024, 10, 13))
    carer = OccupationFactory(
        sector="caregiving", name_en="Care worker", destination_countries=["JP", "TW"]
    )
    ReadinessFigureFactory(occupation=carer, country="TW", in_training=10, certified=5)
    # After the period: not yet known on its last day.
    ReadinessFigureFactory(
        occupation=carer, country="TW", as_of=datetime.date(2024, 12, 1), certified=500
    )
    japan, korea, taiwan = (DelegateFactory(country=code) for code in ("JP", "KR", "TW"))
    leads = [
        PlacementLeadFactory(expo=expo, delegate=japan, occupation=welder, headcount=200),
        PlacementLeadFactory(expo=expo, delegate=japan, occupation=welder, headcount=30),
        PlacementLeadFactory(expo=expo, delegate=korea, occupation=welder, headcount=10),
        # A Korean association asking for workers for Japan counts for Japan.
        PlacementLeadFactory(
            expo=expo, delegate=korea, occupation=welder, headcount=5, destination_country="JP"
        ),
        PlacementLeadFactory(expo=expo, delegate=taiwan, occupation=carer, headcount=None),
        PlacementLeadFactory(expo=expo, delegate=taiwan, occupation=carer, headcount=60),
    ]
    for index, lead in enumerate(leads):
        _received(lead, 9 + index % 5)
    spam = _received(PlacementLeadFactory(expo=expo, occupation=welder, headcount=999), 10)
    lead_change_status(lead=spam, status=LeadStatus.SPAM)
    _received(PlacementLeadFactory(expo=expo, occupation=welder, headcount=777), 20)
    _received(PlacementLeadFactory(expo=ExpoFactory(), occupation=welder, headcount=555), 10)
    _received(PlacementLeadFactory(expo=expo, headcount=444), 10)
    return Period(expo, datetime.date(2024, 10, 9), datetime.date(2024, 10, 13))


def _expected(period):
    """The table computed the long way: every lead and figure read one by one."""
    rows = {}
    for lead in ExpressionOfInterest.objects.filter(
        expo=period.expo, kind=LeadKind.PLACEMENT, occupation__isnull=False
    ).exclude(status=LeadStatus.SPAM):
        day = lead.created_at.astimezone(JAKARTA).date()
        if not period.start <= day <= period.end:
            continue
        country = lead.destination_country.code or lead.delegate.country.code
        row = rows.setdefault((lead.occupation.name, country), [0, 0, 0, 0, None])
        row[0] += 1
        row[1] += lead.headcount or 0
    for occupation in Occupation.objects.all():
        for country in occupation.destination_countries:
            known = occupation.figures.filter(country=country, as_of__lte=period.end)
            latest = known.order_by("-as_of").first()
            if latest is not None:
                row = rows.setdefault((occupation.name, country.code), [0, 0, 0, 0, None])
                row[2:] = [latest.in_training, latest.certified, latest.as_of]
    return sorted(
        [
            name,
            countries.name(code),
            leads,
            workers,
            training,
            certified,
            max(workers - training - certified, 0),
            as_of,
        ]
        for (name, code), (leads, workers, training, certified, as_of) in rows.items()
    )


def test_demand_readiness_equals_sums_from_the_database(demand):
    table = demand_readiness(demand)

    assert sorted(table.rows) == _expected(demand)
    assert table.rows[0] == [
        "Welder",
        "Japan",
        3,
        235,
        85,
        40,
        110,
        datetime.date(2024, 9, 30),
    ]
    assert ["Care worker", "Taiwan", 2, 60, 10, 5, 45, datetime.date(2024, 9, 30)] in table.rows
    assert ["Welder", "South Korea", 1, 10, 33, 27, 0, datetime.date(2024, 9, 30)] in table.rows


def test_results_page_and_csv_show_the_gaps(client, booth_staff, demand):
    client.force_login(booth_staff)
    query = {"expo": demand.expo.pk, "start": "2024-10-09", "end": "2024-10-13"}

    page = client.get(reverse("backoffice:results"), query).content.decode()
    download = client.get(
        reverse("backoffice:results-csv", kwargs={"table": "demand-readiness"}), query
    )

    assert "Placement demand against readiness, by occupation and country" in page
    assert 'class="badge text-bg-danger"' in page
    lines = download.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Occupation,Destination country,Inquiries,Workers asked for,In training,Certified,"
        "Shortfall,Figures as of"
    )
    assert lines[1] == "Welder,Japan,3,235,85,40,110,2024-09-30"


def test_demand_readiness_is_empty_without_data():
    expo = ExpoFactory()
    table = demand_readiness(Period(expo, expo.start_date, expo.end_date))

    assert table.rows == []


# --- who edits ------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["occupation", "readinessfigure", "trainingprogramme"])
def test_booth_staff_see_but_do_not_edit(client, booth_staff, welder, model):
    client.force_login(booth_staff)
    obj = {
        "occupation": welder,
        "readinessfigure": welder.figures.first(),
        "trainingprogramme": welder.programmes.first(),
    }[model]

    listing = client.get(reverse(f"admin:workforce_{model}_changelist"))
    add = client.get(reverse(f"admin:workforce_{model}_add"))
    delete = client.post(reverse(f"admin:workforce_{model}_delete", args=[obj.pk]), {"post": "yes"})

    assert (listing.status_code, add.status_code, delete.status_code) == (200, 403, 403)
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_booth_admin_edits_with_history(client, booth_admin, welder):
    client.force_login(booth_admin)
    url = reverse("admin:workforce_readinessfigure_add")

    response = client.post(
        url,
        {
            "occupation": welder.pk,
            "country": "KR",
            "as_of": "2024-10-31",
            "in_training": "50",
            "certified": "41",
            "source": "October report",
        },
    )

    figure = ReadinessFigure.objects.get(as_of=datetime.date(2024, 10, 31))
    history = client.get(reverse("admin:workforce_readinessfigure_history", args=[figure.pk]))
    assert response.status_code == 302
    assert (figure.in_training, figure.certified) == (50, 41)
    assert "Added." in history.content.decode()


@pytest.mark.parametrize(
    ("country", "message"),
    [
        ("TW", "is not prepared for Taiwan"),
        ("", "This field is required."),
    ],
)
def test_figure_for_a_country_not_prepared_for_is_refused(
    client, booth_admin, welder, country, message
):
    """Tried: a country the occupation is not prepared for, and no country."""
    client.force_login(booth_admin)

    response = client.post(
        reverse("admin:workforce_readinessfigure_add"),
        {
            "occupation": welder.pk,
            "country": country,
            "as_of": "2024-10-31",
            "in_training": "5",
            "certified": "1",
        },
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReadinessFigure.objects.filter(as_of=datetime.date(2024, 10, 31)).exists()


# --- figures from a spreadsheet ------------------------------------------------------------


def _import(rows, dry_run=False):
    import tablib

    from workforce.resources import ReadinessFigureResource

    dataset = tablib.Dataset(
        headers=["occupation", "country", "as_of", "in_training", "certified", "source"]
    )
    for row in rows:
        dataset.append(row)
    return ReadinessFigureResource().import_data(dataset, dry_run=dry_run)


def test_figures_import_from_a_spreadsheet_twice_without_duplicates(welder):
    rows = [
        ["welder", "jp", "2024-10-31", 90, 44, "October report"],
        ["welder", "KR", "2024-10-31", 35, 30, "October report"],
    ]

    _import(rows)
    result = _import(rows)

    figures = ReadinessFigure.objects.filter(as_of=datetime.date(2024, 10, 31))
    assert not result.has_errors() and not result.has_validation_errors()
    assert sorted(figures.values_list("country", "in_training", "certified")) == [
        ("JP", 90, 44),
        ("KR", 35, 30),
    ]


@pytest.mark.parametrize(
    "row",
    [
        ["no-such-occupation", "JP", "2024-10-31", 1, 1, ""],
        ["welder", "TW", "2024-10-31", 1, 1, ""],
        ["welder", "JP", "31/31/2024", 1, 1, ""],
        ["welder", "JP", "2024-10-31", -5, 1, ""],
    ],
)
def test_bad_spreadsheet_rows_are_refused(welder, row):
    """Tried: an unknown occupation, a country it is not prepared for, a bad date, a
    negative figure."""
    before = ReadinessFigure.objects.count()

    result = _import([row])

    assert result.has_errors() or result.has_validation_errors()
    assert ReadinessFigure.objects.count() == before


# --- demo --------------------------------------------------------------------------------


def test_demo_shows_three_sectors_with_figures_and_a_gap(client):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", "--no-images", stdout=StringIO())

    page = client.get(reverse("workforce:index")).content.decode()
    sectors = {o.sector for o in Occupation.objects.published()}
    expo = ExpoFactory._meta.model.objects.current()
    table = demand_readiness(Period(expo, expo.start_date, expo.end_date))
    assert sectors == {"manufacturing", "caregiving", "construction"}
    assert page.count("workforce-sector-card") == 3
    assert ReadinessFigure.objects.count() >= 10
    assert any(row[6] > 0 for row in table.rows)


# --- photos and videos in the admin -----------------------------------------------------------


def _programme_post(media):
    data = {
        "slug": "new-course",
        "name_en": "New course",
        "name_ind": "Kursus baru",
        "provider": "BLK Bekasi",
        "mode": "classroom",
        "duration_weeks": "4",
        "outcomes_en": "Weld",
        "outcomes_ind": "Mengelas",
        "position": "0",
        "published": "on",
        "media-TOTAL_FORMS": "1",
        "media-INITIAL_FORMS": "0",
        "media-MIN_NUM_FORMS": "0",
        "media-MAX_NUM_FORMS": "1000",
        "media-0-position": "0",
        "media-0-caption_en": "Trainees",
        "media-0-caption_ind": "Peserta",
    }
    data.update({f"media-0-{name}": value for name, value in media.items()})
    return data


def test_admin_photo_is_checked_and_reencoded_like_product_photos(client, booth_admin):
    from PIL import Image

    from .factories import png_file

    client.force_login(booth_admin)

    response = client.post(
        reverse("admin:workforce_trainingprogramme_add"),
        _programme_post({"kind": "photo", "image": png_file("course.png", (60, 40))}),
    )

    media = TrainingProgrammeFactory._meta.model.objects.get(slug="new-course").media.get()
    assert response.status_code == 302
    assert media.derived and media.width == 60
    with Image.open(media.image.path) as stored:
        assert not stored.info.get("exif")


@pytest.mark.parametrize(
    ("media", "message"),
    [
        (
            {"kind": "photo", "image": "not-a-file"},
            "Choose the photo to upload.",
        ),
        ({"kind": "video", "video_url": "http://video.example.org/x"}, "starts with https://"),
        ({"kind": "video", "video_url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"kind": "video"}, "Enter the link to the video."),
    ],
)
def test_admin_refuses_bad_photos_and_links(client, booth_admin, media, message):
    """Tried: a photo without a file, a plain-http link, a javascript: link, no link."""
    client.force_login(booth_admin)

    response = client.post(reverse("admin:workforce_trainingprogramme_add"), _programme_post(media))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TrainingProgrammeFactory._meta.model.objects.filter(slug="new-course").exists()


def test_admin_refuses_a_file_that_is_not_a_photo(client, booth_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(booth_admin)
    fake = SimpleUploadedFile("course.jpg", b"<html>not a photo</html>", "image/jpeg")

    response = client.post(
        reverse("admin:workforce_trainingprogramme_add"),
        _programme_post({"kind": "photo", "image": fake}),
    )

    assert response.status_code == 200
    assert "This file is not a photo we can use." in response.content.decode()


def test_sitemap_lists_the_workforce_pages(client, welder):
    OccupationFactory(sector="construction", published=False)

    page = client.get("/sitemap-workforce.xml").content.decode()

    assert "http://testserver/en/workforce/manufacturing/" in page
    assert "http://testserver/id/workforce/programmes/welding-course/" in page
    assert "/construction/" not in page


def test_staff_mail_and_admin_name_the_chosen_occupation(
    client, booth_staff, welder, settings, generous_limits, django_capture_on_commit_callbacks
):
    from post_office.models import Email

    settings.STAFF_NOTIFICATION_EMAILS = ["booth-team@bp2mi.example"]
    settings.EXPO_NOTIFICATION_LANGUAGE = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("buyers:cooperation"), _placement_post(occupation="welder"))
    client.force_login(booth_staff)

    staff_mail = Email.objects.get(to=["booth-team@bp2mi.example"])
    listing = client.get(reverse("admin:buyers_expressionofinterest_changelist"))
    assert "Occupation: Welder" in staff_mail.message
    assert "Manufacturing · Welder" in listing.content.decode()
