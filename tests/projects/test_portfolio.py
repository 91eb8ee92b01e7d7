"""A freelancer's portfolio: adding, editing and deleting work, by role, and its query counts."""

import factory
import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils.html import escape

from projects.models import PortfolioItem
from projects.services.talent import (
    MAX_PORTFOLIO_ITEM_SKILLS,
    MAX_PORTFOLIO_ITEMS,
    PORTFOLIO_FULL,
    PORTFOLIO_TITLE_REQUIRED,
    portfolio_item_create,
    portfolio_item_delete,
    portfolio_item_update,
)
from tests.factories import FreelancerFactory
from tests.projects.factories import SkillFactory
from tests.projects.test_dashboard import FREELANCER_QUERIES

PORTFOLIO = reverse("projects:portfolio")
DASHBOARD = reverse("projects:dashboard")
LOGIN = reverse("account_login")


class PortfolioItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PortfolioItem
        skip_postgeneration_save = True

    profile = factory.SubFactory("tests.factories.FreelancerProfileFactory")
    title = factory.Sequence(lambda n: f"Piece of work {n}")
    description = "What was made and for whom."
    link = "https://example.com/work"

    @factory.post_generation
    def skills(self, create, extracted, **kwargs):
        if create and extracted:
            self.skills.set(extracted)


def edit_url(item):
    return reverse("projects:portfolio-edit", args=[item.pk])


def delete_url(item):
    return reverse("projects:portfolio-delete", args=[item.pk])


def item_data(**overrides):
    data = {
        "title": "Checkout redesign",
        "description": "A faster checkout for an online shop.",
        "link": "shop.example.com/case-study",
        "skills": "postgres, Django, django",
    }
    return {**data, **overrides}


def stored(item):
    """What a user could see of an item: everything but its identity."""
    item = PortfolioItem.objects.get(pk=item.pk)
    return (item.title, item.description, item.link, sorted(s.name for s in item.skills.all()))


# --- Happy paths -------------------------------------------------------------------------
def test_add_resolves_skills_assumes_https_and_lists_the_item(client, freelancer, taxonomy):
    client.force_login(freelancer)
    response = client.post(PORTFOLIO, item_data(), follow=True)
    assert response.redirect_chain == [(PORTFOLIO, 302)]
    item = PortfolioItem.objects.get(profile__user=freelancer)
    assert item.title == "Checkout redesign"
    assert item.link == "https://shop.example.com/case-study"
    assert sorted(s.name for s in item.skills.all()) == ["Django", "PostgreSQL"]
    html = response.text
    assert "Added “Checkout redesign” to your portfolio." in html
    assert "1 of 20" in html
    assert 'href="https://shop.example.com/case-study"' in html
    assert "A faster checkout for an online shop." in html
    assert f'href="{edit_url(item)}"' in html
    assert f'href="{delete_url(item)}"' in html


def test_edit_shows_current_values_and_saves_changes(client, freelancer, taxonomy):
    item = PortfolioItemFactory(
        profile=freelancer.freelancer_profile,
        title="Old title",
        skills=[taxonomy["react"], taxonomy["django"]],
    )
    client.force_login(freelancer)
    html = client.get(edit_url(item)).text
    assert 'value="Old title"' in html
    assert 'value="Django, React"' in html
    assert 'value="https://example.com/work"' in html

    response = client.post(
        edit_url(item),
        item_data(title="New title", link="", description="", skills="k8s"),
        follow=True,
    )
    assert response.redirect_chain == [(PORTFOLIO, 302)]
    assert "Saved “New title”." in response.text
    assert stored(item) == ("New title", "", "", ["Kubernetes"])


def test_edit_can_clear_every_skill(client, freelancer, taxonomy):
    item = PortfolioItemFactory(profile=freelancer.freelancer_profile, skills=[taxonomy["react"]])
    client.force_login(freelancer)
    client.post(edit_url(item), item_data(title=item.title, skills=""))
    assert stored(item)[3] == []


def test_delete_asks_first_then_deletes(client, freelancer):
    item = PortfolioItemFactory(profile=freelancer.freelancer_profile, title="Logo for a bakery")
    client.force_login(freelancer)
    confirm = client.get(delete_url(item))
    assert confirm.status_code == 200
    assert "Delete “Logo for a bakery”?" in confirm.text
    assert f'<form method="post" action="{delete_url(item)}"' in confirm.text
    assert PortfolioItem.objects.filter(pk=item.pk).exists()

    response = client.post(delete_url(item), follow=True)
    assert response.redirect_chain == [(PORTFOLIO, 302)]
    assert "Deleted “Logo for a bakery” from your portfolio." in response.text
    assert not PortfolioItem.objects.filter(pk=item.pk).exists()


# --- Bad input: a specific message, what was typed kept, nothing written ------------------
BAD_INPUT = [
    pytest.param({"title": ""}, "title", PORTFOLIO_TITLE_REQUIRED, id="empty-title"),
    pytest.param({"title": "   "}, "title", PORTFOLIO_TITLE_REQUIRED, id="blank-title"),
    pytest.param(
        {"title": "x" * 121}, "title", "A title can be at most 120 characters.", id="long-title"
    ),
    pytest.param(
        {"link": "not a web address"},
        "link",
        "Enter a web address, for example https://example.com/my-work.",
        id="bad-url",
    ),
    pytest.param(
        {"link": "javascript:alert(1)"},
        "link",
        "Enter a web address, for example https://example.com/my-work.",
        id="script-url",
    ),
    pytest.param(
        {"skills": "Django, Quux"},
        "skills",
        "We don't know “Quux” as a skill; remove it or check its spelling.",
        id="unknown-skill",
    ),
    pytest.param(
        {"skills": "Djang"},
        "skills",
        "We don't know “Djang” as a skill; remove it or pick a suggestion: Django.",
        id="unknown-skill-with-suggestion",
    ),
    pytest.param(
        {"skills": ", ".join(f"Skill {n}" for n in range(MAX_PORTFOLIO_ITEM_SKILLS + 1))},
        "skills",
        f"List at most {MAX_PORTFOLIO_ITEM_SKILLS} skills for one piece of work; you listed 16.",
        id="too-many-skills",
    ),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_INPUT)
def test_bad_input_on_add_says_what_is_wrong_and_keeps_it(
    client, freelancer, taxonomy, overrides, field, message
):
    client.force_login(freelancer)
    data = item_data(**overrides)
    response = client.post(PORTFOLIO, data)
    assert response.status_code == 200
    html = response.text
    assert escape(message) in html
    assert f'id="id_{field}_error"' in html
    assert 'aria-invalid="true"' in html
    for name in ("title", "link", "skills"):
        if data[name].strip():
            assert f'value="{escape(data[name])}"' in html
    assert escape(data["description"]) in html
    assert not PortfolioItem.objects.exists()


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_INPUT)
def test_bad_input_on_edit_changes_nothing(client, freelancer, taxonomy, overrides, field, message):
    item = PortfolioItemFactory(
        profile=freelancer.freelancer_profile, title="Kept title", skills=[taxonomy["react"]]
    )
    before = stored(item)
    client.force_login(freelancer)
    data = item_data(**overrides)
    response = client.post(edit_url(item), data)
    assert response.status_code == 200
    assert escape(message) in response.text
    assert f'id="id_{field}_error"' in response.text
    # The heading names the item as it is stored, not the rejected text.
    assert "Edit “Kept title”" in response.text
    assert stored(item) == before


def test_unknown_skills_are_each_named(client, freelancer, taxonomy):
    client.force_login(freelancer)
    html = client.post(PORTFOLIO, item_data(skills="Quux, Django, Zorblax")).text
    assert escape("We don't know “Quux” as a skill") in html
    assert escape("We don't know “Zorblax” as a skill") in html
    assert escape("We don't know “Django”") not in html


def test_a_full_portfolio_refuses_another_item(client, freelancer, taxonomy):
    profile = freelancer.freelancer_profile
    PortfolioItemFactory.create_batch(MAX_PORTFOLIO_ITEMS, profile=profile)
    client.force_login(freelancer)
    page = client.get(PORTFOLIO).text
    assert f"{MAX_PORTFOLIO_ITEMS} of {MAX_PORTFOLIO_ITEMS}" in page
    assert "Delete one to add another." in page
    assert 'name="title"' not in page

    response = client.post(PORTFOLIO, item_data())
    assert response.status_code == 200
    assert PORTFOLIO_FULL in response.text
    assert 'value="Checkout redesign"' in response.text
    assert 'value="postgres, Django, django"' in response.text
    assert PortfolioItem.objects.filter(profile=profile).count() == MAX_PORTFOLIO_ITEMS


# --- Who may do what ----------------------------------------------------------------------
def test_anonymous_is_sent_to_login_everywhere(client, freelancer):
    item = PortfolioItemFactory(profile=freelancer.freelancer_profile)
    before = stored(item)
    for url in (PORTFOLIO, edit_url(item), delete_url(item)):
        for response in (client.get(url), client.post(url, item_data())):
            assert response.status_code == 302
            assert response.url == f"{LOGIN}?next={url}"
    assert stored(item) == before
    assert PortfolioItem.objects.count() == 1


def test_another_freelancer_gets_404_and_changes_nothing(client, freelancer, taxonomy):
    item = PortfolioItemFactory(profile=freelancer.freelancer_profile, title="Secret client work")
    before = stored(item)
    client.force_login(FreelancerFactory())
    for url in (edit_url(item), delete_url(item)):
        for method in (client.get, client.post):
            response = method(url, item_data())
            assert response.status_code == 404
            assert "Secret client work" not in response.text
    # Their own portfolio page shows their own (empty) portfolio, not somebody else's.
    page = client.get(PORTFOLIO)
    assert page.status_code == 200
    assert "Secret client work" not in page.text
    assert "0 of 20" in page.text
    assert stored(item) == before
    assert PortfolioItem.objects.count() == 1


def test_employer_gets_404_everywhere(client, freelancer, employer, taxonomy):
    item = PortfolioItemFactory(profile=freelancer.freelancer_profile, title="Secret client work")
    before = stored(item)
    client.force_login(employer)
    for url in (PORTFOLIO, edit_url(item), delete_url(item)):
        for method in (client.get, client.post):
            response = method(url, item_data())
            assert response.status_code == 404
            assert "Secret client work" not in response.text
    assert stored(item) == before
    assert PortfolioItem.objects.count() == 1


def test_staff_without_a_role_are_sent_to_the_dashboard(client, freelancer, staff, taxonomy):
    item = PortfolioItemFactory(profile=freelancer.freelancer_profile)
    before = stored(item)
    client.force_login(staff)
    for url in (PORTFOLIO, edit_url(item), delete_url(item)):
        for method in (client.get, client.post):
            response = method(url, item_data())
            assert response.status_code == 302
            assert response.url == DASHBOARD
    assert stored(item) == before
    assert PortfolioItem.objects.count() == 1


def test_the_owner_can_open_every_page(client, freelancer):
    item = PortfolioItemFactory(profile=freelancer.freelancer_profile)
    client.force_login(freelancer)
    for url in (PORTFOLIO, edit_url(item), delete_url(item)):
        assert client.get(url).status_code == 200
    assert client.put(PORTFOLIO).status_code == 405


# --- The dashboard card and query counts ---------------------------------------------------
def test_dashboard_lists_the_portfolio_and_links_to_it(client, freelancer, taxonomy):
    PortfolioItemFactory(
        profile=freelancer.freelancer_profile,
        title="Shop checkout",
        skills=[taxonomy["react"], taxonomy["django"]],
    )
    client.force_login(freelancer)
    html = client.get(DASHBOARD).text
    assert "Shop checkout" in html
    assert "Django, React" in html
    assert f'href="{PORTFOLIO}">Manage portfolio</a>' in html


def test_dashboard_with_an_empty_portfolio_says_so(client, freelancer):
    client.force_login(freelancer)
    assert "No work in your portfolio yet." in client.get(DASHBOARD).text


@pytest.mark.parametrize("item_count", [1, 5])
def test_dashboard_query_count_does_not_grow_with_portfolio_items(
    client, freelancer, django_assert_num_queries, item_count
):
    skills = SkillFactory.create_batch(2)
    PortfolioItemFactory.create_batch(
        item_count, profile=freelancer.freelancer_profile, skills=skills
    )
    client.force_login(freelancer)
    client.get(DASHBOARD)  # warm the session and the site's first-request caches
    # The dashboard's own count (test_dashboard), plus the portfolio items' skills.
    with django_assert_num_queries(FREELANCER_QUERIES + 1):
        response = client.get(DASHBOARD)
    assert response.text.count(f"{skills[0].name}, {skills[1].name}") == item_count


@pytest.mark.parametrize("item_count", [1, 5])
def test_portfolio_page_query_count_does_not_grow_with_items(
    client, freelancer, django_assert_num_queries, item_count
):
    skills = SkillFactory.create_batch(2)
    PortfolioItemFactory.create_batch(
        item_count, profile=freelancer.freelancer_profile, skills=skills
    )
    client.force_login(freelancer)
    client.get(PORTFOLIO)
    # session, user, profile_ensure, portfolio, its skills; the navbar's two unread counts; a
    # pending account deletion (the banner)
    with django_assert_num_queries(8):
        response = client.get(PORTFOLIO)
    assert response.text.count('Edit<span class="visually-hidden">') == item_count


# --- The services, for callers other than these pages -------------------------------------
def test_update_leaves_unnamed_fields_alone(freelancer, taxonomy):
    item = PortfolioItemFactory(profile=freelancer.freelancer_profile, skills=[taxonomy["react"]])
    portfolio_item_update(item=item, title="Renamed")
    assert stored(item) == ("Renamed", item.description, item.link, ["React"])


def test_update_that_fails_leaves_the_item_as_stored(freelancer):
    item = PortfolioItemFactory(profile=freelancer.freelancer_profile, title="Stored")
    with pytest.raises(ValidationError) as error:
        portfolio_item_update(item=item, title="Changed", link="not a url")
    assert "link" in error.value.message_dict
    assert (item.title, item.link) == ("Stored", "https://example.com/work")
    assert stored(item)[:3] == ("Stored", item.description, "https://example.com/work")


def test_create_refuses_a_blank_title_and_a_full_portfolio(freelancer):
    profile = freelancer.freelancer_profile
    with pytest.raises(ValidationError) as error:
        portfolio_item_create(profile=profile, title="  ")
    assert error.value.message_dict == {"title": [PORTFOLIO_TITLE_REQUIRED]}
    PortfolioItemFactory.create_batch(MAX_PORTFOLIO_ITEMS, profile=profile)
    with pytest.raises(ValidationError) as error:
        portfolio_item_create(profile=profile, title="One too many")
    assert error.value.message_dict == {NON_FIELD_ERRORS: [PORTFOLIO_FULL]}
    assert profile.portfolio_items.count() == MAX_PORTFOLIO_ITEMS


def test_delete_only_touches_the_profiles_own_items(freelancer):
    other = PortfolioItemFactory()
    own = PortfolioItemFactory(profile=freelancer.freelancer_profile)
    portfolio_item_delete(profile=freelancer.freelancer_profile, item_id=other.pk)
    assert PortfolioItem.objects.filter(pk=other.pk).exists()
    portfolio_item_delete(profile=freelancer.freelancer_profile, item_id=own.pk)
    assert not PortfolioItem.objects.filter(pk=own.pk).exists()
