"""/api/v1/me/skills/, me/categories/, freelancers/: what freelancers claim; finding them."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.models import FreelancerSkill
from projects.selectors.reputation import freelancer_reputation, freelancer_reputations
from projects.services.talent import MAX_SKILLS, portfolio_item_create
from tests.api import matrix
from tests.api.matrix import Row, codes, matrix_check, matrix_params
from tests.factories import ContractFactory, FreelancerFactory, ReviewFactory
from tests.projects.factories import (
    FreelancerSkillFactory,
    SkillCategoryFactory,
    SkillFactory,
    small_taxonomy,
)

FREELANCERS = codes(403, anonymous=401, freelancer=200, other_freelancer=200)
OWN_OBJECT = codes(403, anonymous=401, freelancer=200, other_freelancer=404)
MATRIX_ROWS = [
    Row("api:me-skill-list", "get", expect=FREELANCERS),
    Row(
        "api:me-skill-list",
        "post",
        body={"name": "Django", "level": 4},
        expect=FREELANCERS | {"freelancer": 201, "other_freelancer": 201},
    ),
    Row("api:me-categories", "get", expect=FREELANCERS),
    Row(
        "api:me-categories",
        "put",
        body=lambda world: {"categories": [world.skill.category_id]},
        expect=FREELANCERS,
    ),
    # Employers search, as on the website; anyone signed in may read a profile.
    Row(
        "api:freelancer-list",
        "get",
        query={"skill": "Django"},
        expect=codes(403, anonymous=401, employer=200, other_employer=200),
    ),
    Row("api:freelancer-detail", "get", {"pk": "freelancer"}, expect=codes(200, anonymous=401)),
]
# These name an object the World does not have yet (`freelancer_skill`, owned by
# world.freelancer): test_own_skill_role_matrix adds it to the world and checks them.
OWN_OBJECT_ROWS = [
    Row("api:me-skill-detail", "patch", {"pk": "freelancer_skill"}, OWN_OBJECT, {"years": 4}),
    Row(
        "api:me-skill-detail",
        "delete",
        {"pk": "freelancer_skill"},
        OWN_OBJECT | {"freelancer": 204},
    ),
]
ROWS = MATRIX_ROWS + OWN_OBJECT_ROWS


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), matrix_params(MATRIX_ROWS))
def test_role_matrix(row, role, client_for, anon_client):
    matrix_check(row, role, client_for, anon_client)


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), matrix_params(OWN_OBJECT_ROWS))
def test_own_skill_role_matrix(row, role, client_for, anon_client, monkeypatch):
    build = matrix.world_build

    def world_with_a_skill():
        world = build()
        world.freelancer_skill = FreelancerSkillFactory(
            profile=world.freelancer.freelancer_profile, skill=world.skill
        )
        return world

    monkeypatch.setattr(matrix, "world_build", world_with_a_skill)
    matrix_check(row, role, client_for, anon_client)


# --- me/skills/ -----------------------------------------------------------------------------

SKILLS = reverse("api:me-skill-list")


def skill_url(item) -> str:
    return reverse("api:me-skill-detail", args=[item.pk])


@pytest.mark.django_db
def test_adding_postgres_claims_postgresql(freelancer, client_for):
    taxonomy = small_taxonomy()
    client = client_for(freelancer)
    response = client.post(SKILLS, {"name": "postgres", "level": 4, "years": 3})
    assert response.status_code == 201
    added = response.json()
    assert added["name"] == "PostgreSQL"
    assert added["skill"] == taxonomy["postgresql"].pk
    assert (added["level"], added["years"], added["source"]) == (4, 3, "claimed")
    listed = client.get(SKILLS).json()["results"]
    assert [(s["id"], s["name"]) for s in listed] == [(added["id"], "PostgreSQL")]


@pytest.mark.django_db
def test_a_name_not_in_the_taxonomy_is_kept_as_typed_as_on_the_website(freelancer, client_for):
    small_taxonomy()
    response = client_for(freelancer).post(SKILLS, {"name": "Basket weaving"})
    assert response.status_code == 201
    assert response.json() | {"id": 0, "created_at": ""} == {
        "id": 0,
        "name": "Basket weaving",
        "skill": None,
        "level": 3,
        "years": 0,
        "source": "claimed",
        "created_at": "",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("again", ["PostgreSQL", "psql", " POSTGRES "])
def test_adding_a_skill_already_listed_is_a_field_error_that_says_what_to_do(
    freelancer, client_for, again
):
    small_taxonomy()
    client = client_for(freelancer)
    first = client.post(SKILLS, {"name": "postgres", "level": 4, "years": 3}).json()
    response = client.post(SKILLS, {"name": again, "level": 1})
    assert response.status_code == 400
    (message,) = response.json()["fields"]["name"]
    assert "already list PostgreSQL" in message
    assert f"/api/v1/me/skills/{first['id']}/" in message
    assert list(response.json()["fields"]) == ["name"]
    item = FreelancerSkill.objects.get(profile__user=freelancer)
    assert (item.level, item.years) == (4, 3)


@pytest.mark.django_db
def test_free_text_already_listed_is_refused_too(freelancer, client_for):
    client = client_for(freelancer)
    client.post(SKILLS, {"name": "Basket weaving"})
    response = client.post(SKILLS, {"name": "basket  Weaving"})
    assert response.status_code == 400
    assert "already list Basket weaving" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"name": "   "}, "name", "Type a skill"),
        ({}, "name", "Type a skill"),
        ({"name": "x" * 101}, "name", "at most 100 characters"),
        ({"name": "Django", "level": 6}, "level", "from 1 (beginner) to 5 (expert)"),
        ({"name": "Django", "level": "high"}, "level", "from 1 (beginner) to 5 (expert)"),
        ({"name": "Django", "years": -1}, "years", "from 0 to 60"),
        ({"name": "Django", "years": 61}, "years", "from 0 to 60"),
    ],
)
def test_wrong_input_names_the_field_and_why(freelancer, client_for, body, field, says):
    response = client_for(freelancer).post(SKILLS, body)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert says in response.json()["fields"][field][0]
    assert not FreelancerSkill.objects.exists()


@pytest.mark.django_db
def test_a_full_skill_list_refuses_another_under_name(freelancer, client_for):
    profile = freelancer.freelancer_profile
    FreelancerSkillFactory.create_batch(MAX_SKILLS, profile=profile)
    response = client_for(freelancer).post(SKILLS, {"name": "One more"})
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "name": [f"A profile can list at most {MAX_SKILLS} skills."]
    }


@pytest.mark.django_db
def test_level_and_years_can_be_changed_one_at_a_time(freelancer, client_for):
    item = FreelancerSkillFactory(profile=freelancer.freelancer_profile, level=2, years=1)
    client = client_for(freelancer)
    assert client.patch(skill_url(item), {"level": 5}).json()["level"] == 5
    shown = client.patch(skill_url(item), {"years": 7}).json()
    assert (shown["id"], shown["level"], shown["years"]) == (item.pk, 5, 7)
    item.refresh_from_db()
    assert (item.level, item.years) == (5, 7)


@pytest.mark.django_db
def test_a_free_text_skill_can_be_changed(freelancer, client_for):
    item = FreelancerSkillFactory(
        profile=freelancer.freelancer_profile, skill=None, free_text="Basket weaving"
    )
    response = client_for(freelancer).patch(skill_url(item), {"level": 5})
    assert response.status_code == 200
    assert response.json()["id"] == item.pk
    assert FreelancerSkill.objects.get().level == 5


@pytest.mark.django_db
def test_a_proven_skill_stays_proven_when_its_level_changes(freelancer, client_for):
    item = FreelancerSkillFactory(profile=freelancer.freelancer_profile, source="proven")
    response = client_for(freelancer).patch(skill_url(item), {"level": 5})
    assert response.json()["source"] == "proven"


@pytest.mark.django_db
def test_free_text_that_the_taxonomy_has_learned_since_says_what_to_do(freelancer, client_for):
    item = FreelancerSkillFactory(
        profile=freelancer.freelancer_profile, skill=None, free_text="k8s"
    )
    small_taxonomy()
    response = client_for(freelancer).patch(skill_url(item), {"level": 5})
    assert response.status_code == 400
    assert "now in our skill list as Kubernetes" in response.json()["detail"]
    assert FreelancerSkill.objects.get().level == 3


@pytest.mark.django_db
def test_removing_a_skill_takes_it_off_the_list(freelancer, client_for):
    keep, drop = FreelancerSkillFactory.create_batch(2, profile=freelancer.freelancer_profile)
    client = client_for(freelancer)
    assert client.delete(skill_url(drop)).status_code == 204
    assert [s["id"] for s in client.get(SKILLS).json()["results"]] == [keep.pk]


@pytest.mark.django_db
def test_another_freelancers_skill_is_not_found_and_stays(freelancer, client_for):
    theirs = FreelancerSkillFactory(level=2)
    client = client_for(freelancer)
    assert client.patch(skill_url(theirs), {"level": 5}).status_code == 404
    assert client.delete(skill_url(theirs)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.level == 2


@pytest.mark.django_db
def test_skill_list_queries_do_not_grow_with_the_list(freelancer, client_for):
    client = client_for(freelancer)
    profile = freelancer.freelancer_profile
    FreelancerSkillFactory.create_batch(2, profile=profile)
    client.get(SKILLS)  # the token's first use records it: not part of the list's cost
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(SKILLS).json()["results"]) == 2
    FreelancerSkillFactory.create_batch(4, profile=profile)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(SKILLS).json()["results"]) == 6
    assert len(many) == len(few)


# --- me/categories/ -------------------------------------------------------------------------

CATEGORIES = reverse("api:me-categories")


@pytest.mark.django_db
def test_preferred_categories_are_replaced_and_shown(freelancer, client_for):
    design, writing, devops = (
        SkillCategoryFactory(name=n) for n in ("Design", "Writing", "DevOps")
    )
    client = client_for(freelancer)
    assert client.get(CATEGORIES).json() == {"categories": []}
    client.put(CATEGORIES, {"categories": [writing.pk, design.pk, writing.pk]})
    response = client.put(CATEGORIES, {"categories": [writing.pk, devops.pk]})
    assert response.status_code == 200
    assert [c["name"] for c in response.json()["categories"]] == ["DevOps", "Writing"]
    assert client.get(CATEGORIES).json() == response.json()
    assert set(freelancer.freelancer_profile.preferred_categories.all()) == {writing, devops}


@pytest.mark.django_db
@pytest.mark.parametrize("categories", [[987654], [2**31], ["design"], "design", None])
def test_a_category_that_is_not_in_the_list_is_a_field_error(freelancer, client_for, categories):
    design = SkillCategoryFactory(name="Design")
    freelancer.freelancer_profile.preferred_categories.set([design])
    response = client_for(freelancer).put(CATEGORIES, {"categories": categories})
    assert response.status_code == 400
    assert all(field.startswith("categories") for field in response.json()["fields"])
    assert list(freelancer.freelancer_profile.preferred_categories.all()) == [design]


# --- freelancers/ ---------------------------------------------------------------------------

FREELANCER_LIST = reverse("api:freelancer-list")


def with_a_record(freelancer):
    """One completed contract, ended long enough ago that its 5-star review is published."""
    contract = ContractFactory(
        freelancer=freelancer,
        status="completed",
        ended_at=timezone.now() - dt.timedelta(days=30),
    )
    ReviewFactory(contract=contract)
    return contract


@pytest.mark.django_db
def test_employers_find_freelancers_with_their_record_and_nothing_private(employer, client_for):
    taxonomy = small_taxonomy()
    found = FreelancerFactory(first_name="Ada", last_name="Lovelace")
    profile = found.freelancer_profile
    profile.headline, profile.min_rate, profile.country = "Postgres tuning", "37.13", "KE"
    profile.save()
    FreelancerSkillFactory(profile=profile, skill=taxonomy["postgresql"], level=5)
    FreelancerSkillFactory(profile=profile, skill=taxonomy["django"], level=4)
    with_a_record(found)
    FreelancerSkillFactory(profile=FreelancerFactory().freelancer_profile, skill=taxonomy["react"])

    response = client_for(employer).get(FREELANCER_LIST, {"skill": "postgres"})

    assert response.status_code == 200
    assert response.json()["count"] == 1
    (shown,) = response.json()["results"]
    assert shown == {
        "id": found.pk,
        "display_name": "Ada Lovelace",
        "headline": "Postgres tuning",
        "hourly_rate": "45.00",
        "currency": "USD",
        "country": "KE",
        "country_name": "Kenya",
        "photo_url": None,
        "top_skills": [
            {"name": "PostgreSQL", "skill": taxonomy["postgresql"].pk, "level": 5},
            {"name": "Django", "skill": taxonomy["django"].pk, "level": 4},
        ],
        "reputation": {
            "job_success_percent": 100,
            "contracts_completed": 1,
            "contracts_ended": 1,
            "average_rating": 4.7,
            "review_count": 1,
        },
    }
    text = response.content.decode()
    assert found.email not in text
    assert "37.13" not in text
    assert "min_rate" not in text


@pytest.mark.django_db
def test_words_search_and_suspended_freelancers_are_left_out(employer, client_for):
    FreelancerFactory(profile__headline="Brand designer")
    wanted = FreelancerFactory(profile__headline="Shopify developer")
    FreelancerFactory(profile__headline="Shopify developer", is_active=False)
    response = client_for(employer).get(FREELANCER_LIST, {"q": "shopify"})
    assert [f["id"] for f in response.json()["results"]] == [wanted.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(("param", "value"), [("q", "x" * 201), ("skill", "x" * 101)])
def test_search_words_that_are_too_long_are_a_field_error(employer, client_for, param, value):
    response = client_for(employer).get(FREELANCER_LIST, {param: value})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == [param]


@pytest.mark.django_db
def test_freelancer_list_queries_do_not_grow_with_the_page(employer, client_for):
    client = client_for(employer)
    taxonomy = small_taxonomy()

    def add_freelancers(n):
        for _ in range(n):
            freelancer = FreelancerFactory()
            for skill in ("django", "python"):
                FreelancerSkillFactory(profile=freelancer.freelancer_profile, skill=taxonomy[skill])
            with_a_record(freelancer)

    add_freelancers(2)
    client.get(FREELANCER_LIST)  # the token's first use records it: not part of the cost
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(FREELANCER_LIST).json()["results"]) == 2
    add_freelancers(4)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(FREELANCER_LIST).json()["results"]) == 6
    assert len(many) == len(few)


@pytest.mark.django_db
def test_the_list_shows_the_same_record_as_the_profile():
    """The list computes every freelancer's record at once; it must agree with the profile's."""
    quiet, busy, blind = FreelancerFactory(), FreelancerFactory(), FreelancerFactory()
    with_a_record(busy)
    weak = with_a_record(busy)
    weak.reviews.update(rating_quality=3, rating_communication=3, rating_timeliness=4)
    ContractFactory(freelancer=busy, status="cancelled", ended_at=timezone.now())
    ContractFactory(freelancer=busy)  # still active
    ReviewFactory(
        contract=ContractFactory(freelancer=blind, status="completed", ended_at=timezone.now())
    )
    users = [quiet, busy, blind]
    together = freelancer_reputations(user_ids=[u.pk for u in users])
    assert together == {u.pk: freelancer_reputation(user=u) for u in users}
    assert together[busy.pk].job_success_percent == 33
    assert together[blind.pk].review_count == 0


@pytest.mark.django_db
def test_a_profile_shows_skills_portfolio_and_record_but_nothing_private(freelancer, client_for):
    profile = freelancer.freelancer_profile
    profile.min_rate = "37.13"
    profile.save()
    django = SkillFactory(name="Django")
    FreelancerSkillFactory(profile=profile, skill=django, level=5, years=6)
    portfolio_item_create(
        profile=profile, title="Clinic booking", link="https://example.com/clinic", skills=[django]
    )
    with_a_record(freelancer)
    response = client_for(FreelancerFactory()).get(
        reverse("api:freelancer-detail", args=[freelancer.pk])
    )
    assert response.status_code == 200
    shown = response.json()
    assert shown["id"] == freelancer.pk
    assert shown["bio"] == profile.bio
    assert shown["languages"] == ["en"]
    assert shown["skills"] == [{"name": "Django", "skill": django.pk, "level": 5}]
    assert [(p["title"], p["skills"]) for p in shown["portfolio"]] == [
        ("Clinic booking", ["Django"])
    ]
    assert shown["reputation"]["job_success_percent"] == 100
    text = response.content.decode()
    assert freelancer.email not in text
    assert "37.13" not in text
    assert "min_rate" not in text


@pytest.mark.django_db
def test_only_active_freelancers_have_a_profile(employer, client_for):
    suspended = FreelancerFactory(is_active=False)
    client = client_for(employer)
    for user in (employer, suspended):
        response = client.get(reverse("api:freelancer-detail", args=[user.pk]))
        assert response.status_code == 404
        assert user.email not in response.content.decode()
    assert client.get(reverse("api:freelancer-detail", args=[2**31 - 1])).status_code == 404
