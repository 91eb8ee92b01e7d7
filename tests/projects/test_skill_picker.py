"""The skill picker: alias-aware autocomplete fragment and the accessible markup around it."""

import pytest
from django.urls import reverse
from django.utils.text import slugify

from projects.models import Skill
from projects.selectors.skills import skill_search
from projects.skill_names import compact

AUTOCOMPLETE = reverse("projects:skill-autocomplete")


def suggest(client, q):
    return client.get(AUTOCOMPLETE, {"q": q}, HTTP_HX_REQUEST="true")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("postgres", "PostgreSQL"), ("k8s", "Kubernetes"), ("Djan", "Django"), ("react", "React")],
)
def test_autocomplete_is_alias_aware(client, freelancer, taxonomy, typed, expected):
    client.force_login(freelancer)
    response = suggest(client, typed)
    assert response.status_code == 200
    assert f'data-skill-pick="{expected}"' in response.text
    assert "<html" not in response.text


def test_autocomplete_announces_how_many_suggestions(client, freelancer, taxonomy):
    client.force_login(freelancer)
    response = suggest(client, "k8s")
    assert 'id="skill-suggestions-status" hx-swap-oob="innerHTML"' in response.text
    assert "1 suggestion for “k8s”." in response.text
    assert "Kubernetes<span" in response.text
    assert "DevOps" in response.text  # the category helps tell similar names apart


def test_autocomplete_with_no_match_offers_free_text(client, freelancer, taxonomy):
    client.force_login(freelancer)
    response = suggest(client, "Quantum basket weaving")
    assert "data-skill-pick" not in response.text
    assert "0 suggestions for “Quantum basket weaving”." in response.text
    assert "we will keep it as you wrote it" in response.text


def test_autocomplete_with_empty_query_is_empty(client, freelancer, taxonomy):
    client.force_login(freelancer)
    response = suggest(client, "  ")
    assert "data-skill-pick" not in response.text
    assert 'hx-swap-oob="innerHTML"></div>' in response.text  # the count is cleared


def test_autocomplete_escapes_what_was_typed(client, freelancer, taxonomy):
    client.force_login(freelancer)
    response = suggest(client, "<script>alert(1)</script>")
    assert "<script>" not in response.text


def test_autocomplete_by_role(client, freelancer, employer, staff, taxonomy):
    response = client.get(AUTOCOMPLETE, {"q": "k8s"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    # Employers will pick skills on project forms; staff use it too.
    for user in (freelancer, employer, staff):
        client.force_login(user)
        assert 'data-skill-pick="Kubernetes"' in suggest(client, "k8s").text


def test_picker_markup_is_htmx_driven_and_labelled(client, freelancer, taxonomy):
    client.force_login(freelancer)
    html = client.get(reverse("projects:onboarding-skills")).text
    assert '<label class="form-label fw-semibold" for="id_q">Skill</label>' in html
    assert f'hx-get="{AUTOCOMPLETE}"' in html
    assert 'hx-trigger="input changed delay:200ms"' in html
    assert 'hx-target="#skill-suggestions"' in html
    assert 'id="skill-suggestions-status" class="visually-hidden" role="status"' in html
    assert 'id="skill-picker-status"' in html
    # Without JavaScript the same form posts to the add URL.
    assert f'action="{reverse("projects:freelancer-skill-add")}"' in html
    assert "js/skill-picker.js" in html
    assert "<script>" not in html  # CSP: no inline scripts


@pytest.mark.django_db
def test_the_closest_names_come_first_popular_ones_among_equals():
    def make(name, **popularity):
        Skill.objects.create(name=name, slug=slugify(name), normalised=compact(name), **popularity)

    make("Bioreactor Design", is_hot=True, occupation_count=90)
    make("Propeller Multimedia React2", is_hot=True, occupation_count=80)
    make("Reactor Physics", is_in_demand=True)
    make("React Native", occupation_count=5)
    make("React")
    names = [s.name for s in skill_search(query="react")]
    assert names == [
        "React",  # the name itself
        "React Native",  # starts with it as a word
        "Reactor Physics",  # starts with it
        "Propeller Multimedia React2",  # a word starts with it
        "Bioreactor Design",  # contains it
    ]
