"""Saved-search pages: saving from the browse page, the forms and the list.

Who may open each automation URL is in tests/permissions, the one matrix of the site."""

import pytest
from django.urls import reverse

from automation.models import SavedSearch
from automation.services.saved_searches import saved_search_create

pytestmark = pytest.mark.django_db

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
