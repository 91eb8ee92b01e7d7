"""Factories for the skill taxonomy and a freelancer's skills (until import_skills seeds them)."""

import factory
from django.utils.text import slugify

from projects.models import FreelancerSkill, Skill, SkillAlias, SkillCategory
from projects.skill_names import compact


class SkillCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillCategory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    normalised = factory.LazyAttribute(lambda o: compact(o.name))
    category = factory.SubFactory(SkillCategoryFactory)


class SkillAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillAlias

    skill = factory.SubFactory(SkillFactory)
    alias = factory.Sequence(lambda n: f"alias{n}")


class FreelancerSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FreelancerSkill

    profile = factory.SubFactory("tests.factories.FreelancerProfileFactory")
    skill = factory.SubFactory(SkillFactory)
    level = 3
    years = 2


def skill_with_aliases(name: str, *aliases: str, category: str = "Software development") -> Skill:
    """A skill and the aliases people type for it, stored normalised as the import does."""
    skill = SkillFactory(name=name, category=SkillCategoryFactory(name=category))
    for alias in aliases:
        SkillAlias.objects.get_or_create(alias=compact(alias), defaults={"skill": skill})
    return skill


def small_taxonomy() -> dict[str, Skill]:
    """A handful of skills with the aliases tests type ("postgres", "k8s"), keyed by slug."""
    return {
        "postgresql": skill_with_aliases("PostgreSQL", "postgres", "psql"),
        "kubernetes": skill_with_aliases("Kubernetes", "k8s", category="DevOps"),
        "django": skill_with_aliases("Django"),
        "python": skill_with_aliases("Python"),
        "react": skill_with_aliases("React", "reactjs"),
        "copywriting": skill_with_aliases("Copywriting", category="Writing"),
    }
