"""The Django admin: every registered model's pages load for staff and are refused to others."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import EmployerProfile, FreelancerProfile, User
from tests.accounts.html_page import parse
from tests.factories import EmployerFactory, FreelancerFactory

pytestmark = pytest.mark.django_db


def admin_url(model, page, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
MODEL_IDS = [model._meta.label for model, _model_admin in REGISTERED]


@pytest.fixture
def staff_client(client, staff, staff_login, freelancer, employer):
    return staff_login(client, staff)  # with the second factor the admin asks of staff


def test_our_models_are_registered():
    for model in (User, FreelancerProfile, EmployerProfile):
        assert model in admin.site._registry


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=MODEL_IDS)
def test_staff_can_open_every_changelist_add_and_change_page(
    staff_client, rf, staff, model, model_admin
):
    assert staff_client.get(admin_url(model, "changelist")).status_code == 200

    request = rf.get("/")
    request.user = staff
    add = staff_client.get(admin_url(model, "add"))
    assert add.status_code == (200 if model_admin.has_add_permission(request) else 403)

    instance = model._default_manager.first()
    if instance is not None:
        change = staff_client.get(admin_url(model, "change", instance.pk))
        assert change.status_code == 200


@pytest.mark.parametrize(("model", "_model_admin"), REGISTERED, ids=MODEL_IDS)
def test_non_staff_are_sent_to_the_admin_log_in(client, freelancer, model, _model_admin):
    client.force_login(freelancer)

    response = client.get(admin_url(model, "changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_anonymous_visitors_are_sent_to_the_admin_log_in(client):
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_user_changelist_shows_the_useful_columns_and_filters(staff_client, freelancer):
    page = parse(staff_client.get(admin_url(User, "changelist")).content)

    headers = [th.text for th in page.find("table", id="result_list").find("thead").find_all("th")]
    for column in ("E-mail address", "Role", "Staff status", "Active", "Date joined"):
        assert column in headers
    filters = page.by_id("changelist-filter").text
    assert "By role" in filters
    assert "By staff status" in filters


def test_user_search_by_e_mail_and_filter_by_role(staff_client, freelancer, employer):
    found = staff_client.get(admin_url(User, "changelist"), {"q": freelancer.email}).text
    assert freelancer.email in found
    assert employer.email not in found

    employers = staff_client.get(admin_url(User, "changelist"), {"role__exact": "employer"}).text
    assert employer.email in employers
    assert freelancer.email not in employers


def test_staff_add_a_user_by_e_mail_and_the_profile_follows(staff_client):
    response = staff_client.post(
        admin_url(User, "add"),
        {
            "email": "Added@Example.com",
            "role": "employer",
            "usable_password": "true",
            "password1": "plum-orchard-sunset-42",
            "password2": "plum-orchard-sunset-42",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="added@example.com")
    assert user.role == User.Role.EMPLOYER
    assert user.check_password("plum-orchard-sunset-42")
    assert EmployerProfile.objects.filter(user=user).exists()


def test_admin_add_refuses_a_taken_e_mail(staff_client, freelancer):
    response = staff_client.post(
        admin_url(User, "add"),
        {
            "email": freelancer.email.upper(),
            "role": "employer",
            "usable_password": "true",
            "password1": "plum-orchard-sunset-42",
            "password2": "plum-orchard-sunset-42",
        },
    )

    assert response.status_code == 200
    assert "A user is already registered with this e-mail address." in response.text
    assert User.objects.filter(email__iexact=freelancer.email).count() == 1


def test_staff_change_a_user_without_a_username(staff_client, freelancer):
    url = admin_url(User, "change", freelancer.pk)
    page = parse(staff_client.get(url).content)
    assert page.find("input", name="username") is None
    # The profile matching the role is edited inline; the other kind is not offered.
    assert page.find("input", name="freelancer_profile-0-headline") is not None
    assert page.find("input", name="employer_profile-0-company_name") is None

    response = staff_client.post(
        url,
        {
            "email": freelancer.email,
            "first_name": "Ada",
            "last_name": "Lovelace",
            "role": "freelancer",
            "onboarded_at_0": "",
            "onboarded_at_1": "",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "freelancer_profile-TOTAL_FORMS": "1",
            "freelancer_profile-INITIAL_FORMS": "1",
            "freelancer_profile-MIN_NUM_FORMS": "0",
            "freelancer_profile-MAX_NUM_FORMS": "1",
            "freelancer_profile-0-id": str(freelancer.freelancer_profile.pk),
            "freelancer_profile-0-user": str(freelancer.pk),
            "freelancer_profile-0-headline": "Data engineer",
            "freelancer_profile-0-hourly_rate": "60.00",
            "freelancer_profile-0-currency": "EUR",
            "freelancer_profile-0-country": "KE",
            "freelancer_profile-0-availability_hours_per_week": "20",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    freelancer.refresh_from_db()
    assert freelancer.get_full_name() == "Ada Lovelace"
    assert freelancer.freelancer_profile.headline == "Data engineer"
    assert freelancer.freelancer_profile.currency == "EUR"


@pytest.mark.parametrize(
    ("model", "factory", "search", "column"),
    [
        (FreelancerProfile, FreelancerFactory, "headline", "Hourly rate"),
        (EmployerProfile, EmployerFactory, "company_name", "Company name"),
    ],
)
def test_profile_changelists_search_and_keep_a_constant_query_count(
    staff_client, model, factory, search, column
):
    url = admin_url(model, "changelist")
    staff_client.get(url)  # warm up: session, content types

    with CaptureQueriesContext(connection) as few:
        page = parse(staff_client.get(url).content)
    factory.create_batch(6)
    with CaptureQueriesContext(connection) as many:
        staff_client.get(url)

    assert len(many) == len(few)
    headers = [th.text for th in page.find("table", id="result_list").find("thead").find_all("th")]
    assert column in headers

    target = factory(email="findme@example.com")
    profile = model.objects.get(user=target)
    by_email = staff_client.get(url, {"q": "findme@example.com"}).text
    assert admin_url(model, "change", profile.pk) in by_email
    by_text = staff_client.get(url, {"q": getattr(profile, search)}).text
    assert admin_url(model, "change", profile.pk) in by_text
