"""Adding and removing a freelancer's skills through the pages (with and without htmx)."""

import pytest
from django.urls import reverse

from projects.models import FreelancerSkill
from projects.services.talent import MAX_SKILLS
from tests.factories import FreelancerFactory
from tests.projects.factories import FreelancerSkillFactory, SkillFactory

ADD = reverse("projects:freelancer-skill-add")
SKILLS_STEP = reverse("projects:onboarding-skills")
HTMX = {"HTTP_HX_REQUEST": "true"}


def add(client, text, level=3, years=0, **headers):
    return client.post(ADD, {"q": text, "level": level, "years": years}, **headers)


def test_alias_adds_the_canonical_skill(client, freelancer, taxonomy):
    client.force_login(freelancer)
    response = add(client, "postgres", level=4, years=6, follow=True)
    item = FreelancerSkill.objects.get(profile__user=freelancer)
    assert item.skill == taxonomy["postgresql"]
    assert (item.level, item.years) == (4, 6)
    assert response.redirect_chain[-1][0] == SKILLS_STEP
    assert "Added PostgreSQL (you typed “postgres”)." in response.text


def test_unknown_text_is_kept_as_typed_and_the_user_is_told(client, freelancer, taxonomy):
    client.force_login(freelancer)
    response = add(client, "Quantum basket weaving", follow=True)
    item = FreelancerSkill.objects.get(profile__user=freelancer)
    assert item.skill is None
    assert item.free_text == "Quantum basket weaving"
    assert (
        "“Quantum basket weaving” isn&#x27;t in our skill list yet; "
        "we kept it as you wrote it." in response.text
    )
    assert "as you wrote it</span>" in response.text


def test_adding_a_skill_again_updates_its_level(client, freelancer, taxonomy):
    client.force_login(freelancer)
    add(client, "Django", level=2, years=1)
    response = add(client, "django", level=5, years=4, follow=True)
    items = FreelancerSkill.objects.filter(profile__user=freelancer)
    assert items.count() == 1
    assert (items[0].level, items[0].years) == (5, 4)
    assert "Updated Django: level 5, 4 years." in response.text


def test_adding_free_text_again_updates_instead_of_duplicating(client, freelancer, db):
    client.force_login(freelancer)
    add(client, "Underwater welding", level=2)
    add(client, "underwater  welding", level=4)
    items = FreelancerSkill.objects.filter(profile__user=freelancer)
    assert [(i.free_text, i.level) for i in items] == [("Underwater welding", 4)]


def test_htmx_add_returns_the_list_partial_with_a_status(client, freelancer, taxonomy):
    client.force_login(freelancer)
    response = add(client, "k8s", **HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="skill-picker-body"' in response.text
    assert "Kubernetes" in response.text
    assert 'id="skill-picker-status" hx-swap-oob="innerHTML"' in response.text
    assert "Added Kubernetes (you typed “k8s”)." in response.text


def test_errors_show_next_to_the_field_and_keep_the_text(client, freelancer, taxonomy):
    FreelancerSkillFactory.create_batch(MAX_SKILLS, profile=freelancer.freelancer_profile)
    client.force_login(freelancer)
    for headers in ({}, HTMX):
        response = add(client, "Quantum basket weaving", **headers)
        assert response.status_code == 200
        assert f"A profile can list at most {MAX_SKILLS} skills." in response.text
        assert 'id="id_q_error"' in response.text
        assert 'value="Quantum basket weaving"' in response.text
    assert FreelancerSkill.objects.filter(profile__user=freelancer).count() == MAX_SKILLS


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"q": "", "level": 3, "years": 0}, "Type a skill, for example Django or Copywriting."),
        ({"q": "Django", "level": 9, "years": 0}, "Choose a level from 1 (beginner) to 5"),
        ({"q": "Django", "level": 3, "years": 99}, "Years of experience must be a number"),
    ],
)
def test_bad_skill_input_says_what_is_wrong(client, freelancer, taxonomy, data, message):
    client.force_login(freelancer)
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert message in response.text
    assert not FreelancerSkill.objects.filter(profile__user=freelancer).exists()


def test_remove_own_skill(client, freelancer, taxonomy):
    item = FreelancerSkillFactory(profile=freelancer.freelancer_profile, skill=taxonomy["react"])
    client.force_login(freelancer)
    response = client.post(reverse("projects:freelancer-skill-remove", args=[item.pk]), **HTMX)
    assert response.status_code == 200
    assert "Removed React." in response.text
    assert not FreelancerSkill.objects.filter(pk=item.pk).exists()


def test_remove_someone_elses_skill_is_404_and_removes_nothing(client, freelancer, taxonomy):
    other = FreelancerFactory()
    item = FreelancerSkillFactory(profile=other.freelancer_profile, skill=taxonomy["react"])
    client.force_login(freelancer)
    response = client.post(reverse("projects:freelancer-skill-remove", args=[item.pk]))
    assert response.status_code == 404
    assert "React" not in response.text
    assert FreelancerSkill.objects.filter(pk=item.pk).exists()


def test_remove_without_js_redirects_back_with_a_message(client, freelancer, taxonomy):
    item = FreelancerSkillFactory(profile=freelancer.freelancer_profile, skill=taxonomy["react"])
    client.force_login(freelancer)
    response = client.post(reverse("projects:freelancer-skill-remove", args=[item.pk]), follow=True)
    assert response.redirect_chain[-1][0] == SKILLS_STEP
    assert "Removed React." in response.text


def test_skill_urls_by_role(client, freelancer, employer, staff, taxonomy):
    item = FreelancerSkillFactory(profile=freelancer.freelancer_profile)
    remove = reverse("projects:freelancer-skill-remove", args=[item.pk])
    for url in (ADD, remove):
        response = client.post(url, {"q": "Django"})
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    client.force_login(employer)
    assert client.post(ADD, {"q": "Django", "level": 3, "years": 0}).status_code == 404
    assert client.post(remove).status_code == 404
    client.force_login(staff)
    assert client.post(ADD, {"q": "Django", "level": 3, "years": 0}).url == reverse(
        "projects:dashboard"
    )
    assert client.post(remove).url == reverse("projects:dashboard")
    client.force_login(freelancer)
    assert client.get(ADD).status_code == 405
    assert FreelancerSkill.objects.filter(pk=item.pk).exists()
    assert not FreelancerSkill.objects.filter(skill__name="Django").exists()


def test_skill_service_keeps_unknown_text(freelancer, db):
    from projects.services.talent import freelancer_skill_add

    SkillFactory(name="Django")
    item = freelancer_skill_add(profile=freelancer.freelancer_profile, text="Djangoo CMS")
    assert item.skill is None
    assert item.free_text == "Djangoo CMS"
