"""Saved-search pages: every automation URL for every role, and saving from the browse page."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from automation.models import SavedSearch
from automation.services.saved_searches import saved_search_create
from automation.tokens import saved_search_unsubscribe_token
from tests.factories import EmployerFactory, FreelancerFactory, StaffFactory

pytestmark = pytest.mark.django_db

SECRET_NAME = "Private search of X: payroll gigs for Acme"
ROLES = ("anonymous", "X", "Y", "A", "B", "staff")
LOGIN, DASHBOARD, REDIRECT = "login", "dashboard", "redirect"


def _roles(anonymous, x, y, a, b, staff) -> dict:
    return dict(zip(ROLES, (anonymous, x, y, a, b, staff), strict=True))


FREELANCERS = _roles(LOGIN, 200, 200, 404, 404, DASHBOARD)
X_ONLY = _roles(LOGIN, 200, 404, 404, 404, DASHBOARD)
X_ACTS = _roles(LOGIN, REDIRECT, 404, 404, 404, DASHBOARD)
POST_ONLY = _roles(LOGIN, 405, 405, 404, 404, DASHBOARD)
PUBLIC = _roles(200, 200, 200, 200, 200, 200)

# (url name, label, args of the world, method, data, expected per role)
CASES = [
    ("automation:search-list", "own list", lambda w: [], "get", {}, FREELANCERS),
    ("automation:search-create", "form", lambda w: [], "get", {}, FREELANCERS),
    (
        "automation:search-create",
        "no filters",
        lambda w: [],
        "post",
        {"query": "", "frequency": "daily"},
        _roles(LOGIN, 400, 400, 404, 404, DASHBOARD),
    ),
    (
        "automation:search-send-all",
        "own searches",
        lambda w: [],
        "post",
        {},
        _roles(LOGIN, REDIRECT, REDIRECT, 404, 404, DASHBOARD),
    ),
    ("automation:search-send-all", "GET", lambda w: [], "get", {}, POST_ONLY),
    ("automation:search-detail", "X's search", lambda w: [w["search"].pk], "get", {}, X_ONLY),
    (
        "automation:search-detail",
        "X's search, empty form",
        lambda w: [w["search"].pk],
        "post",
        {},
        _roles(LOGIN, 400, 404, 404, 404, DASHBOARD),
    ),
    ("automation:search-delete", "confirm", lambda w: [w["search"].pk], "get", {}, X_ONLY),
    ("automation:search-delete", "X's search", lambda w: [w["search"].pk], "post", {}, X_ACTS),
    ("automation:search-send", "X's search", lambda w: [w["search"].pk], "post", {}, X_ACTS),
    (
        "automation:search-send",
        "GET",
        lambda w: [w["search"].pk],
        "get",
        {},
        # The method is refused before the search is looked up: nothing of it is shown.
        _roles(LOGIN, 405, 405, 404, 404, DASHBOARD),
    ),
    ("automation:unsubscribe", "X's link, confirm", lambda w: [w["token"]], "get", {}, PUBLIC),
    ("automation:unsubscribe", "X's link", lambda w: [w["token"]], "post", {}, PUBLIC),
    (
        "automation:unsubscribe",
        "forged link",
        lambda w: ["1:forged"],
        "get",
        {},
        _roles(404, 404, 404, 404, 404, 404),
    ),
]


@pytest.fixture
def world(db) -> dict:
    x = FreelancerFactory()
    search = saved_search_create(user=x, params={"skills": "Django"}, name=SECRET_NAME)
    return {
        "X": x,
        "Y": FreelancerFactory(),
        "A": EmployerFactory(),
        "B": EmployerFactory(),
        "staff": StaffFactory(),
        "search": search,
        "token": saved_search_unsubscribe_token(search_id=search.pk),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case[3].upper()} {case[0]} ({case[1]})")
def test_url_answers_each_role_as_documented(client, world, case, role):
    name, _label, args, method, data, expect = case
    if role != "anonymous":
        client.force_login(world[role])
    response = getattr(client, method)(reverse(name, args=args(world)), data)
    expected = expect[role]
    assert response.status_code < 500
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif expected == DASHBOARD:
        assert response.status_code == 302
        assert response.url == reverse("projects:dashboard")
    elif expected == REDIRECT:
        assert response.status_code == 302
        assert not response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == expected
    if response.status_code == 404 or (
        role in ("Y", "A", "B") and name != "automation:unsubscribe"
    ):
        assert SECRET_NAME not in response.content.decode()


def test_every_automation_url_is_in_the_matrix():
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "automation" and pattern.name:
                names.add(f"automation:{pattern.name}")

    walk(get_resolver().url_patterns, "")
    assert len(names) >= 7
    assert names == {case[0] for case in CASES}


# --- Saving from the browse page ---------------------------------------------------------------


def test_the_browse_page_offers_to_save_the_filters_shown(client, freelancer, employer):
    url = reverse("projects:project-list")
    client.force_login(freelancer)
    html = client.get(url, {"skills": "Django", "budget_type": "hourly", "page": "2"}).content
    html = html.decode()
    assert 'action="/searches/new/"' in html
    assert 'name="query" value="skills=Django&amp;budget_type=hourly"' in html
    client.force_login(employer)
    assert "Save this search" not in client.get(url).content.decode()
    client.logout()
    assert "to save this search" in client.get(url).content.decode()


def test_saving_from_the_browse_page_keeps_the_filters_and_says_what_happens(client, freelancer):
    client.force_login(freelancer)
    response = client.post(
        reverse("automation:search-create"),
        {
            "query": "skills=Django&budget_type=hourly&sort=budget&posted=7",
            "name": "",
            "frequency": "instant",
        },
    )
    search = SavedSearch.objects.get(user=freelancer)
    assert response.url == reverse("automation:search-detail", args=[search.pk])
    assert search.query == "skills=Django&budget_type=hourly"  # not the sort or "posted"
    assert search.name == "Django"
    page = client.get(response.url).content.decode()
    assert "within 15 minutes" in page
    assert "Skills (any of):</span> Django" in page
    assert "Budget type:</span> Hourly" in page


def test_wrong_input_is_explained_and_what_was_typed_is_kept(client, freelancer):
    saved_search_create(user=freelancer, params={"q": "react"}, name="Frontend")
    client.force_login(freelancer)
    url = reverse("automation:search-create")

    empty = client.post(url, {"query": "page=3", "name": "Everything", "frequency": "weekly"})
    html = empty.content.decode()
    assert empty.status_code == 400
    assert "Choose at least one filter" in html
    assert 'value="Everything"' in html
    assert 'value="weekly" checked' in html or 'value="weekly" selected' in html

    duplicate = client.post(url, {"query": "skills=Vue", "name": "frontend", "frequency": "daily"})
    html = duplicate.content.decode()
    assert duplicate.status_code == 400
    assert "You already have a saved search called “frontend”" in html
    assert 'value="skills=Vue"' in html

    same = client.post(url, {"query": "q=react", "name": "Again", "frequency": "daily"})
    assert "You already saved these filters as “Frontend”" in same.content.decode()
    wrong = client.post(url, {"query": "budget_from=lots", "frequency": "daily"})
    assert "Budget at least: Enter a number." in wrong.content.decode()
    assert SavedSearch.objects.count() == 1


def test_changing_frequency_and_name_on_the_search_page(client, freelancer):
    search = saved_search_create(user=freelancer, params={"q": "react"}, frequency="off")
    client.force_login(freelancer)
    url = reverse("automation:search-detail", args=[search.pk])
    before = search.last_sent_at
    response = client.post(url, {"name": "React gigs", "frequency": "daily"})
    assert response.status_code == 302
    search.refresh_from_db()
    assert (search.name, search.frequency) == ("React gigs", "daily")
    assert search.last_sent_at > before  # back on: what is new from now, not since saving
    bad = client.post(url, {"name": "", "frequency": "hourly"})
    assert bad.status_code == 400
    assert "Give the search a name." in bad.content.decode()
    assert "Choose instant, daily, weekly or off." in bad.content.decode()


def test_the_list_costs_the_same_queries_with_more_searches(
    client, freelancer, django_assert_max_num_queries
):
    client.force_login(freelancer)
    url = reverse("automation:search-list")
    for n in range(2):
        saved_search_create(user=freelancer, params={"q": f"word{n}", "budget_type": "hourly"})
    with django_assert_max_num_queries(50) as few:
        client.get(url)
    for n in range(2, 12):
        saved_search_create(user=freelancer, params={"q": f"word{n}", "skills": "Django"})
    with django_assert_max_num_queries(50) as many:
        assert client.get(url).content.decode().count('class="card mb-3"') == 12
    assert len(many.captured_queries) == len(few.captured_queries)
