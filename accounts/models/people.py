"""Users, their role, the two kinds of profile, and API tokens."""

from decimal import Decimal

from django.conf import global_settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from timezone_field import TimeZoneField

CURRENCIES = [
    ("USD", "US dollar"),
    ("EUR", "Euro"),
    ("GBP", "British pound"),
    ("CAD", "Canadian dollar"),
    ("AUD", "Australian dollar"),
    ("INR", "Indian rupee"),
    ("KES", "Kenyan shilling"),
    ("NGN", "Nigerian naira"),
    ("BRL", "Brazilian real"),
    ("PHP", "Philippine peso"),
]
LANGUAGE_CHOICES = [(code, name) for code, name in global_settings.LANGUAGES if "-" not in code]
LANGUAGE_CODES = {code for code, _name in LANGUAGE_CHOICES}


class FieldVisibility(models.TextChoices):
    """Who else may see a profile field (the owner and staff always can)."""

    EVERYONE = "everyone", _("Everyone, including visitors who are not signed in")
    EMPLOYERS = "employers", _("Signed-in employers")
    CLIENTS = "clients", _("Only employers I have a proposal, invitation or contract with")
    NOBODY = "nobody", _("Only me")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in with an e-mail address; staff come from Django's flags."""

    class Role(models.TextChoices):
        FREELANCER = "freelancer", _("Freelancer")
        EMPLOYER = "employer", _("Employer")

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    role = models.CharField(max_length=16, choices=Role.choices, blank=True)
    onboarded_at = models.DateTimeField(null=True, blank=True)
    # Set when the account is purged after its deletion grace period: the row stays (contracts,
    # messages and the ledger point at it) with every personal field emptied or anonymised.
    deleted_at = models.DateTimeField(null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def display_name(self) -> str:
        if self.deleted_at is not None:
            return "Deleted user"
        return self.get_full_name() or self.email.split("@")[0]

    @property
    def is_freelancer(self) -> bool:
        return self.role == self.Role.FREELANCER

    @property
    def is_employer(self) -> bool:
        return self.role == self.Role.EMPLOYER

    def _get_session_auth_hash(self, secret=None) -> str:
        # Django signs every session with the password hash, so a new password ends the others.
        # The rights are signed with it: a change of role, staff or superuser status ends every
        # session opened before it (docs/SECURITY.md, "Sessions").
        rights = f"{self.password}|{self.role}|{int(self.is_staff)}|{int(self.is_superuser)}"
        return salted_hmac(
            "accounts.User.get_session_auth_hash", rights, secret=secret, algorithm="sha256"
        ).hexdigest()


class FreelancerProfile(models.Model):
    class BudgetPreference(models.TextChoices):
        ANY = "any", _("Fixed price or hourly")
        FIXED = "fixed", _("Fixed price only")
        HOURLY = "hourly", _("Hourly only")

    class ProjectSize(models.TextChoices):
        ANY = "any", _("Any size")
        SMALL = "small", _("Small (under a week)")
        MEDIUM = "medium", _("Medium (one week to three months)")
        LARGE = "large", _("Large (over three months)")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="freelancer_profile")
    headline = models.CharField(max_length=120, blank=True)
    bio = models.TextField(blank=True)
    hourly_rate = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1.00"))],
    )
    currency = models.CharField(max_length=3, choices=CURRENCIES, default="USD")
    country = CountryField(blank=True)
    timezone = TimeZoneField(default="UTC")
    languages = models.JSONField(default=list, blank=True, help_text="ISO 639-1 codes")
    years_experience = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(60)]
    )
    availability_hours_per_week = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(80)]
    )
    # Preferences: what the freelancer wants to be offered.
    min_rate = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    budget_preference = models.CharField(
        max_length=8, choices=BudgetPreference.choices, default=BudgetPreference.ANY
    )
    project_size = models.CharField(
        max_length=8, choices=ProjectSize.choices, default=ProjectSize.ANY
    )
    remote_only = models.BooleanField(default=True)
    # A profile photo, re-encoded on upload; served by a view that applies photo_visibility.
    photo = models.ImageField(upload_to="profile-photos/", blank=True)
    # Who else sees these fields (matching uses them whatever is chosen here).
    rate_visibility = models.CharField(
        max_length=10, choices=FieldVisibility.choices, default=FieldVisibility.EVERYONE
    )
    country_visibility = models.CharField(
        max_length=10, choices=FieldVisibility.choices, default=FieldVisibility.EVERYONE
    )
    photo_visibility = models.CharField(
        max_length=10, choices=FieldVisibility.choices, default=FieldVisibility.EMPLOYERS
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hourly_rate__isnull=True) | models.Q(hourly_rate__gt=0),
                name="freelancer_rate_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.headline or 'freelancer'})"


class EmployerProfile(models.Model):
    class CompanySize(models.TextChoices):
        SOLO = "1", _("Just me")
        SMALL = "2-10", _("2 to 10 people")
        MEDIUM = "11-50", _("11 to 50 people")
        LARGE = "51-250", _("51 to 250 people")
        ENTERPRISE = "250+", _("More than 250 people")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="employer_profile")
    company_name = models.CharField(max_length=120, blank=True)
    company_size = models.CharField(max_length=8, choices=CompanySize.choices, blank=True)
    country = CountryField(blank=True)
    timezone = TimeZoneField(default="UTC")
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    # The currency the employer reads market figures in; each project keeps its own currency.
    currency = models.CharField(max_length=3, choices=CURRENCIES, default="USD")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.company_name or str(self.user)


class ApiToken(models.Model):
    """A personal API token: shown once at creation, kept only as a SHA-256 digest."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60, help_text="What the token is for, e.g. “CI script”.")
    # The first characters, kept so the owner can tell tokens apart; not enough to use one.
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="api_token_name_unique_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) of {self.user}"
