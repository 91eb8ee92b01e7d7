"""Reads about a freelancer's profile that need the taxonomy: skills, portfolio, completeness."""

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Coalesce, Lower
from django.shortcuts import get_object_or_404

from accounts.models import FreelancerProfile, User
from accounts.selectors import (
    ONBOARDING_MIN_SKILLS,
    ONBOARDING_STEPS,
    Completeness,
    completeness_from_checks,
    freelancer_account_checks,
)
from projects.models import FreelancerSkill, PortfolioItem, Skill
from projects.selectors.skills import skill_resolve
from projects.skill_names import normalise


def freelancer_skills(*, profile: FreelancerProfile) -> QuerySet[FreelancerSkill]:
    """The freelancer's skills, strongest first, then by name (taxonomy or free text)."""
    return _skills_in_display_order().filter(profile=profile)


def _skills_in_display_order() -> QuerySet[FreelancerSkill]:
    return FreelancerSkill.objects.select_related("skill").order_by(
        "-level", Coalesce(Lower("skill__name"), Lower("free_text"))
    )


def freelancer_profile_get(*, user: User) -> FreelancerProfile:
    """The freelancer's profile with their skills and preferred categories, in three queries."""
    return (
        FreelancerProfile.objects.select_related("user")
        .prefetch_related(
            Prefetch("skills", queryset=_skills_in_display_order()),
            "preferred_categories",
        )
        .get(user=user)
    )


def freelancer_skill_get_for_user(*, user: User, pk: int) -> FreelancerSkill:
    """One of the user's own skills; anybody else's answers 404."""
    return get_object_or_404(FreelancerSkill, pk=pk, profile__user=user)


def portfolio_items(profile: FreelancerProfile) -> QuerySet[PortfolioItem]:
    """The freelancer's portfolio, newest first, with each item's skills in one more query."""
    return (
        PortfolioItem.objects.filter(profile=profile)
        .order_by("-created_at", "-pk")
        .prefetch_related(Prefetch("skills", queryset=Skill.objects.order_by("name")))
    )


def portfolio_item_get_for_user(user: User, pk: int) -> PortfolioItem:
    """One of the user's own portfolio items with its skills; anybody else's answers 404."""
    return get_object_or_404(
        PortfolioItem.objects.prefetch_related(
            Prefetch("skills", queryset=Skill.objects.order_by("name"))
        ),
        pk=pk,
        profile__user=user,
    )


def freelancer_profile_completeness(profile: FreelancerProfile) -> Completeness:
    """How complete a freelancer's profile is; each missing item names the step that fixes it.

    Uses prefetched skills and categories when the profile comes from freelancer_profile_get.
    """
    checks = [
        *freelancer_account_checks(profile),
        (
            f"At least {ONBOARDING_MIN_SKILLS} skills",
            "projects:onboarding-skills",
            len(profile.skills.all()) >= ONBOARDING_MIN_SKILLS,
        ),
        (
            "Categories you want work in",
            "projects:onboarding-preferences",
            len(profile.preferred_categories.all()) > 0,
        ),
    ]
    order = [name for name, _label in ONBOARDING_STEPS[User.Role.FREELANCER]]
    checks.sort(key=lambda check: order.index(check[1]))
    return completeness_from_checks(checks)


def freelancer_skill_find(*, profile: FreelancerProfile, text: str) -> FreelancerSkill | None:
    """The skill of the freelancer's that `text` names (aliases count), or None if not listed.

    The same lookup freelancer_skill_add updates through, so a caller can tell an addition
    from a change before making it.
    """
    skill = skill_resolve(text)
    if skill is not None:
        return _skills_in_display_order().filter(profile=profile, skill=skill).first()
    key = normalise(text)
    free = _skills_in_display_order().filter(profile=profile, skill__isnull=True)
    return next((item for item in free if normalise(item.free_text) == key), None)
