"""Public pages, the shared layout, and the error pages, for each kind of visitor."""

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.accounts.html_page import parse

pytestmark = pytest.mark.django_db

VISITORS = ["anonymous", "freelancer", "employer", "staff"]
O_NET_CREDIT = (
    "This product includes information from O*NET OnLine by the U.S. Department of Labor, "
    "Employment and Training Administration (USDOL/ETA), used under CC BY 4.0."
)
ESCO_CREDIT = "ESCO, European Commission, CC BY 4.0"


@pytest.fixture(params=VISITORS)
def visitor(request, client):
    """A client for each kind of visitor, and who it is (None when anonymous)."""
    user = None if request.param == "anonymous" else request.getfixturevalue(request.param)
    if user is not None:
        client.force_login(user)
    return client, user


def assert_layout(response):
    """The landmarks, skip link and single h1 every page built on base.html has."""
    page = parse(response.content)
    assert page.find("html").attrs["lang"] == "en"
    assert len(page.find_all("h1")) == 1
    skip = page.find("a", href="#main")
    assert skip is not None
    assert skip.text == "Skip to main content"
    assert page.find("main", id="main") is not None
    assert page.find("header") is not None
    assert page.find("nav", aria_label="Main") is not None
    footer = page.find("footer")
    assert footer is not None
    assert footer.find("a", href=reverse("about")) is not None
    assert page.find("script", src="/static/vendor/htmx/htmx.min.js") is not None
    # CSP (script-src/style-src 'self'): no inline script or style may creep in.
    assert " style=" not in response.text
    for script in page.find_all("script"):
        assert script.attrs.get("src"), "inline <script> is blocked by the CSP"
    return page


@pytest.mark.parametrize("url_name", ["landing", "about"])
def test_public_pages_answer_everyone_with_the_layout(visitor, url_name):
    client, _user = visitor

    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert "Content-Security-Policy" in response.headers
    assert_layout(response)


@pytest.mark.parametrize("url_name", ["account_login", "account_signup"])
def test_log_in_and_sign_up_pages(visitor, url_name):
    client, user = visitor

    response = client.get(reverse(url_name))

    if user is None:
        assert response.status_code == 200
        page = assert_layout(response)
        assert page.find("form", method="post") is not None
    else:
        # allauth sends people who are already logged in on to where they belong.
        assert response.status_code == 302


def test_navbar_for_anonymous_visitors(client):
    nav = parse(client.get(reverse("landing")).content).find("nav", aria_label="Main")

    links = {a.text: a.attrs["href"] for a in nav.find_all("a")}
    assert links["Log in"] == reverse("account_login")
    assert links["Sign up"] == reverse("account_signup")
    assert "Dashboard" not in links
    assert "Log out" not in nav.text


@pytest.mark.parametrize(
    ("role_fixture", "profile_link", "has_admin"),
    [
        ("freelancer", "My profile", False),
        ("employer", "Company profile", False),
        ("staff", None, True),
    ],
)
def test_navbar_is_role_aware(client, request, role_fixture, profile_link, has_admin):
    client.force_login(request.getfixturevalue(role_fixture))

    nav = parse(client.get(reverse("about")).content).find("nav", aria_label="Main")

    links = {a.text: a.attrs["href"] for a in nav.find_all("a")}
    assert links["Dashboard"] == reverse("projects:dashboard")
    if profile_link:
        assert links[profile_link] == reverse("accounts:onboarding")
    other_profiles = {"My profile", "Company profile"} - {profile_link}
    assert not other_profiles & set(links)
    assert ("Admin" in links) is has_admin
    assert "Log in" not in links
    logout = nav.find("form", action=reverse("account_logout"))
    assert logout is not None
    assert logout.attrs["method"] == "post"
    assert logout.find("button").text == "Log out"


def test_landing_page_says_what_gigwise_does_for_both_sides(client):
    page = parse(client.get(reverse("landing")).content)
    main = page.find("main")

    assert "Gigwise" in main.text
    assert "For freelancers" in main.text
    assert "For employers" in main.text
    signup = reverse("account_signup")
    assert main.find("a", href=f"{signup}?role=freelancer") is not None
    assert main.find("a", href=f"{signup}?role=employer") is not None
    assert main.find("a", href=reverse("account_login")) is not None
    promise = page.by_id("honest-ai").text
    for promised in ("Explained matches", "Published ranking criteria", "Privacy", "Fairness"):
        assert promised in promise


def test_logged_in_landing_page_offers_the_dashboard_instead_of_sign_up(client, freelancer):
    client.force_login(freelancer)

    main = parse(client.get(reverse("landing")).content).find("main")

    assert main.find("a", href=reverse("projects:dashboard")) is not None
    assert "Sign up as" not in main.text


@pytest.mark.parametrize("visitor_name", VISITORS)
def test_every_link_on_the_landing_page_answers(client, request, visitor_name):
    if visitor_name != "anonymous":
        client.force_login(request.getfixturevalue(visitor_name))
    page = parse(client.get(reverse("landing")).content)
    hrefs = {a.attrs.get("href") for a in page.find_all("a")}
    internal = {href for href in hrefs if href and href.startswith("/")}
    assert len(internal) >= 4

    for href in sorted(internal):
        response = client.get(href)
        assert response.status_code < 500, href
        assert response.status_code != 404, href


def test_about_page_credits_the_data_and_libraries_exactly(client):
    page = parse(client.get(reverse("about")).content)
    text = page.find("main").text

    assert O_NET_CREDIT in text
    assert ESCO_CREDIT in text
    for library in ("Bootstrap", "htmx", "Chart.js"):
        assert library in text
    assert page.find(id="how-matching-works") is not None
    assert page.find("a", href="https://creativecommons.org/licenses/by/4.0/") is not None


@pytest.mark.parametrize("url", ["/no-such-page/", "/accounts/no-such-page/"])
def test_unknown_url_answers_404_with_the_site_page(visitor, url):
    client, user = visitor

    response = client.get(url)

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    page = assert_layout(response)
    assert page.find("h1").text == "Page not found"
    home = reverse("projects:dashboard") if user else reverse("landing")
    assert page.find("main").find("a", href=home) is not None


def test_500_page_renders_without_a_request_context():
    request = RequestFactory().get("/broken/")

    response = server_error(request)

    assert response.status_code == 500
    page = parse(response.content)
    assert page.find("html").attrs["lang"] == "en"
    assert page.find("h1").text == "Something went wrong on our side"
    assert page.find("main") is not None
    assert page.find("a", href="/") is not None


@pytest.mark.django_db
def test_browsers_asking_for_favicon_ico_get_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    # The test client does not serve static files; the file must exist for whitenoise to.
    assert finders.find("favicon.svg")
