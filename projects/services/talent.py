"""Writes about what a freelancer can do: their skills and portfolio."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from accounts.models import FreelancerProfile
from projects.models import FreelancerSkill, PortfolioItem, Skill, SkillCategory
from projects.selectors.skills import skill_resolve
from projects.skill_names import normalise

MAX_SKILLS = 40
MAX_PORTFOLIO_ITEMS = 20
MAX_PORTFOLIO_ITEM_SKILLS = 15
PORTFOLIO_TITLE_REQUIRED = "Give the work a title, for example “Checkout redesign for a shop”."
PORTFOLIO_FULL = (
    f"A portfolio can hold at most {MAX_PORTFOLIO_ITEMS} items; delete one to add another."
)


@transaction.atomic
def freelancer_skill_add(
    *,
    profile: FreelancerProfile,
    text: str,
    level: int = 3,
    years: int = 0,
    source: str = FreelancerSkill.Source.CLAIMED,
    skill: Skill | None = None,
) -> FreelancerSkill:
    """Add (or update) a skill from what the freelancer typed; unknown text stays free text."""
    text = (text or "").strip()
    if skill is None and not text:
        raise ValidationError({"text": "Type a skill, for example Django or Copywriting."})
    if not 1 <= int(level) <= 5:
        raise ValidationError({"level": "Choose a level from 1 (beginner) to 5 (expert)."})
    if not 0 <= int(years) <= 60:
        raise ValidationError({"years": "Years of experience must be between 0 and 60."})
    skill = skill or skill_resolve(text)
    if skill is not None:
        lookup = {"profile": profile, "skill": skill}
    else:
        if len(text) > 100:
            raise ValidationError({"text": "A skill name can be at most 100 characters."})
        existing = next(
            (
                s
                for s in profile.skills.filter(skill__isnull=True)
                if normalise(s.free_text) == normalise(text)
            ),
            None,
        )
        lookup = {"pk": existing.pk} if existing else {"profile": profile, "free_text": text}
    current = FreelancerSkill.objects.filter(**lookup).first()
    if current is None and profile.skills.count() >= MAX_SKILLS:
        raise ValidationError({"text": f"A profile can list at most {MAX_SKILLS} skills."})
    # A learned or proven skill is never downgraded back to merely claimed.
    keep_source = current is not None and current.source != FreelancerSkill.Source.CLAIMED
    item, _created = FreelancerSkill.objects.update_or_create(
        **lookup,
        defaults={
            "level": int(level),
            "years": int(years),
            "source": current.source if keep_source else source,
        },
    )
    return item


def freelancer_skill_remove(*, profile: FreelancerProfile, skill_id: int) -> None:
    """Remove one of the freelancer's own skills (others' answer 404 upstream)."""
    FreelancerSkill.objects.filter(profile=profile, pk=skill_id).delete()


def freelancer_categories_set(
    *, profile: FreelancerProfile, categories: list[SkillCategory]
) -> None:
    """Set the categories the freelancer wants work in."""
    profile.preferred_categories.set(categories)


def _portfolio_skills_check(skills: list[Skill]) -> None:
    if len(skills) > MAX_PORTFOLIO_ITEM_SKILLS:
        raise ValidationError(
            {"skills": f"A portfolio item can list at most {MAX_PORTFOLIO_ITEM_SKILLS} skills."}
        )


def _portfolio_item_save(item: PortfolioItem, skills: list[Skill] | None) -> PortfolioItem:
    item.title = item.title.strip()
    item.link = item.link.strip()
    if not item.title:
        raise ValidationError({"title": PORTFOLIO_TITLE_REQUIRED})
    if skills is not None:
        _portfolio_skills_check(skills)
    item.full_clean()
    item.save()
    if skills is not None:
        item.skills.set(skills)
    return item


@transaction.atomic
def portfolio_item_create(
    *,
    profile: FreelancerProfile,
    title: str,
    description: str = "",
    link: str = "",
    skills: list[Skill] | None = None,
) -> PortfolioItem:
    """Add a piece of work to the freelancer's portfolio."""
    # Lock the profile so that two submissions at once cannot both pass the limit.
    FreelancerProfile.objects.select_for_update().filter(pk=profile.pk).first()
    if PortfolioItem.objects.filter(profile=profile).count() >= MAX_PORTFOLIO_ITEMS:
        raise ValidationError({NON_FIELD_ERRORS: PORTFOLIO_FULL})
    item = PortfolioItem(profile=profile, title=title, description=description, link=link)
    # A new item has no skills to clear, so an empty list needs no query.
    return _portfolio_item_save(item, skills or None)


@transaction.atomic
def portfolio_item_update(
    *,
    item: PortfolioItem,
    title: str | None = None,
    description: str | None = None,
    link: str | None = None,
    skills: list[Skill] | None = None,
) -> PortfolioItem:
    """Change a portfolio item; an argument left as None keeps its current value."""
    changes = {"title": title, "description": description, "link": link}
    saved = {name: getattr(item, name) for name in changes}
    for name, value in changes.items():
        if value is not None:
            setattr(item, name, value)
    try:
        return _portfolio_item_save(item, skills)
    except ValidationError:
        # The caller still holds `item`: leave it as stored, not half-changed.
        for name, value in saved.items():
            setattr(item, name, value)
        raise


@transaction.atomic
def portfolio_item_delete(*, profile: FreelancerProfile, item_id: int) -> None:
    """Delete one of the freelancer's own portfolio items (others' answer 404 upstream)."""
    PortfolioItem.objects.filter(profile=profile, pk=item_id).delete()
