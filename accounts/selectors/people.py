"""Reads about users and their profiles: the onboarding steps, how complete a profile is, API
tokens and the currency a person reads figures in."""

from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet

from ..models import LANGUAGE_CHOICES, ApiToken, EmployerProfile, FreelancerProfile, User

DEFAULT_CURRENCY = "USD"

# The onboarding wizard, in order, as URL names. Steps that need the skill taxonomy live in
# projects; they are named here as strings so that accounts never imports projects.
ONBOARDING_STEPS: dict[str, list[tuple[str, str]]] = {
    User.Role.FREELANCER: [
        ("accounts:onboarding-about", "About you"),
        ("projects:onboarding-skills", "Skills"),
        ("accounts:onboarding-rate", "Rate & availability"),
        ("projects:onboarding-preferences", "Preferences"),
    ],
    User.Role.EMPLOYER: [
        ("accounts:onboarding-company", "Company"),
    ],
}
# Fewer than this and matching has too little to go on.
ONBOARDING_MIN_SKILLS = 3


@dataclass(frozen=True)
class Completeness:
    """A percentage, and what is missing with the URL name of the wizard step that fixes it."""

    percent: int
    missing: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class OnboardingStep:
    url_name: str
    label: str
    number: int
    is_current: bool


@dataclass(frozen=True)
class OnboardingProgress:
    """Where a step sits in its role's wizard: the step indicator and Back/Continue targets."""

    steps: list[OnboardingStep]
    current: OnboardingStep
    previous_url_name: str | None
    next_url_name: str | None

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def is_last(self) -> bool:
        return self.next_url_name is None


def onboarding_progress(*, role: str, url_name: str) -> OnboardingProgress:
    """The step indicator for `url_name` in the wizard of `role`."""
    names = [name for name, _label in ONBOARDING_STEPS[role]]
    index = names.index(url_name)
    steps = [
        OnboardingStep(url_name=name, label=label, number=i + 1, is_current=i == index)
        for i, (name, label) in enumerate(ONBOARDING_STEPS[role])
    ]
    return OnboardingProgress(
        steps=steps,
        current=steps[index],
        previous_url_name=names[index - 1] if index > 0 else None,
        next_url_name=names[index + 1] if index + 1 < len(names) else None,
    )


def freelancer_account_checks(profile: FreelancerProfile) -> list[tuple[str, str, bool]]:
    """The parts of a freelancer's profile that accounts owns: (label, step URL name, done)."""
    user = profile.user
    about = "accounts:onboarding-about"
    rate = "accounts:onboarding-rate"
    return [
        ("Your name", about, bool(user.first_name.strip() and user.last_name.strip())),
        ("A headline", about, bool(profile.headline.strip())),
        ("A short bio", about, bool(profile.bio.strip())),
        ("The country you work from", about, bool(profile.country)),
        ("Languages you work in", about, bool(profile.languages)),
        ("Your hourly rate", rate, profile.hourly_rate is not None),
        ("Your weekly availability", rate, profile.availability_hours_per_week > 0),
    ]


def employer_profile_completeness(profile: EmployerProfile) -> Completeness:
    """How complete a company profile is; each missing item names the step that fixes it."""
    step = "accounts:onboarding-company"
    checks = [
        ("Company name", bool(profile.company_name.strip())),
        ("Company size", bool(profile.company_size)),
        ("Country", bool(profile.country)),
        ("Website", bool(profile.website)),
        ("A description of what you do", bool(profile.description.strip())),
    ]
    return completeness_from_checks([(label, step, done) for label, done in checks])


def language_names(codes: list[str]) -> list[str]:
    """The names of ISO 639-1 language codes, in the order given; unknown codes as they are."""
    names = dict(LANGUAGE_CHOICES)
    return [str(names.get(code, code)) for code in codes]


def completeness_from_checks(checks: list[tuple[str, str, bool]]) -> Completeness:
    done = sum(1 for _label, _url, ok in checks if ok)
    return Completeness(
        percent=round(100 * done / len(checks)) if checks else 100,
        missing=[(label, url_name) for label, url_name, ok in checks if not ok],
    )


def onboarding_first_incomplete_step(*, user: User) -> str | None:
    """URL name of the first wizard step the user still has to do; their first step if none.

    None for a user without a role (staff), who has no wizard.
    """
    steps = [name for name, _label in ONBOARDING_STEPS.get(user.role, [])]
    if not user.is_freelancer:
        # An employer's wizard is a single step: it is both the first and the one to edit.
        return steps[0] if steps else None
    profile = FreelancerProfile.objects.select_related("user").get(user=user)
    pending = {url for _label, url, done in freelancer_account_checks(profile) if not done}
    # `skills` is the reverse accessor projects declares on the profile; reading it by name
    # keeps accounts free of any import from projects.
    if profile.skills.count() < ONBOARDING_MIN_SKILLS:
        pending.add("projects:onboarding-skills")
    if user.onboarded_at is None:
        # Preferences are all optional, so that step is done once the wizard has been finished.
        pending.add("projects:onboarding-preferences")
    return next((name for name in steps if name in pending), steps[0])


def api_tokens_for_user(*, user: User) -> QuerySet[ApiToken]:
    """The user's own personal API tokens, newest first; nobody else's token is ever in it."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def freelancer_profile_of(user: User) -> FreelancerProfile | None:
    """The user's freelancer profile, or None for employers, staff and role-less users."""
    return user.freelancer_profile if user.is_freelancer else None


def preferred_currency(user: User) -> str:
    """The currency the user reads figures in: their profile's; US dollars for anyone else.

    At most one query, none when the profile is already loaded on `user`.
    """
    if not getattr(user, "is_authenticated", False):
        return DEFAULT_CURRENCY
    profile_attribute = {
        User.Role.FREELANCER: "freelancer_profile",
        User.Role.EMPLOYER: "employer_profile",
    }.get(user.role)
    if profile_attribute is None:
        return DEFAULT_CURRENCY  # staff, or a user who has not chosen a role yet
    try:
        return getattr(user, profile_attribute).currency
    except ObjectDoesNotExist:
        return DEFAULT_CURRENCY
