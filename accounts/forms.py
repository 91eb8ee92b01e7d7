"""Forms for sign-up and profiles."""

from decimal import Decimal

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm
from allauth.core import context as allauth_context
from django import forms
from django.core.exceptions import ValidationError
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField
from timezone_field.forms import TimeZoneFormField

from .models import (
    CURRENCIES,
    LANGUAGE_CHOICES,
    ApiToken,
    EmployerProfile,
    FreelancerProfile,
    User,
)
from .services import TOKEN_NAME_REQUIRED


class RoleSignupForm(SignupForm):
    role = forms.ChoiceField(
        label="I want to",
        choices=[
            (User.Role.FREELANCER, "Find work as a freelancer"),
            (User.Role.EMPLOYER, "Hire freelancers for my projects"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether you are joining as a freelancer or as an employer.",
            "invalid_choice": "Choose whether you are joining as a freelancer or as an employer.",
        },
    )
    field_order = ["role", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "E-mail address"
        self.fields["email"].widget.attrs["placeholder"] = "you@example.com"
        self.fields["email"].error_messages.update(
            required="Enter your e-mail address.",
            invalid="Enter a valid e-mail address, like name@example.com.",
        )
        self.fields["password1"].error_messages["required"] = "Choose a password."
        self.fields["password2"].label = "Password again"
        self.fields["password2"].error_messages["required"] = "Type the password again."
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)
        # The landing page links to ?role=freelancer and ?role=employer.
        request = getattr(allauth_context, "request", None)
        role = request.GET.get("role") if request is not None else None
        if not self.is_bound and role in User.Role.values:
            self.initial["role"] = role

    def validate_unique_email(self, value: str) -> str:
        # Say plainly that the address is taken rather than pretend to send a verification
        # mail (allauth's enumeration prevention): a person signing up twice needs to know.
        value = super().validate_unique_email(value)
        if self.account_already_exists:
            raise get_adapter().validation_error("email_taken")
        return value


# --- Profile forms (the onboarding wizard, later the "edit profile" pages) ------------------
# Plain forms rather than ModelForms: saving goes through accounts.services, and each field
# says precisely what is wrong in words a person can act on.

COUNTRY_CHOICES = [("", "Choose a country"), *countries]


def money_errors(max_digits: int, decimal_places: int = 2) -> dict[str, str]:
    """Messages for an amount field that say what is wrong and what would do."""
    largest = Decimal(10) ** (max_digits - decimal_places) - Decimal(10) ** -decimal_places
    too_large = f"That amount is too large: the most you can enter is {largest:,}."
    return {
        "max_digits": too_large,
        "max_whole_digits": too_large,
        "max_decimal_places": "Use at most two decimal places, for example 45.50.",
    }


def integer_errors(message: str) -> dict[str, str]:
    """One message for a whole-number field left empty, not a number, or out of range: it
    names the range, so it suits all of them."""
    return dict.fromkeys(("required", "invalid", "min_value", "max_value"), message)


def _country_field(required_message: str) -> LazyTypedChoiceField:
    return LazyTypedChoiceField(
        choices=COUNTRY_CHOICES,
        error_messages={
            "required": required_message,
            "invalid_choice": "Choose a country from the list.",
        },
    )


def _timezone_field() -> TimeZoneFormField:
    return TimeZoneFormField(
        label="Time zone",
        choices_display="WITH_GMT_OFFSET",
        error_messages={
            "required": "Choose your time zone.",
            "invalid_choice": "Choose a time zone from the list.",
        },
    )


class FreelancerAboutForm(forms.Form):
    first_name = forms.CharField(
        max_length=150, error_messages={"required": "Enter your first name."}
    )
    last_name = forms.CharField(
        max_length=150, error_messages={"required": "Enter your last name."}
    )
    headline = forms.CharField(
        max_length=120,
        help_text="One line clients see first, for example “Django developer for data-heavy apps”.",
        error_messages={
            "required": "Write a headline: one line about the work you do.",
            "max_length": "Keep the headline to 120 characters (it has %(show_value)d).",
        },
    )
    bio = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you do, for whom, and what you are proud of. Plain text.",
        error_messages={"required": "Tell clients a little about yourself and your work."},
    )
    country = _country_field("Choose the country you work from.")
    timezone = _timezone_field()
    languages = forms.MultipleChoiceField(
        choices=sorted(LANGUAGE_CHOICES, key=lambda choice: choice[1]),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Hold Ctrl (or ⌘ on a Mac) to choose more than one.",
        error_messages={
            "required": "Choose at least one language you work in.",
            "invalid_choice": "Choose languages from the list.",
        },
    )
    years_experience = forms.IntegerField(
        label="Years of professional experience",
        min_value=0,
        max_value=60,
        error_messages=integer_errors("Enter your years of experience as a number from 0 to 60."),
    )

    @classmethod
    def initial_for(cls, profile: FreelancerProfile) -> dict:
        return {
            "first_name": profile.user.first_name,
            "last_name": profile.user.last_name,
            "headline": profile.headline,
            "bio": profile.bio,
            "country": profile.country.code or "",
            "timezone": str(profile.timezone),
            "languages": profile.languages,
            "years_experience": profile.years_experience,
        }


class FreelancerRateForm(forms.Form):
    hourly_rate = forms.DecimalField(
        max_digits=9,
        decimal_places=2,
        error_messages={
            "required": "Enter your hourly rate.",
            "invalid": "Enter the hourly rate as a number, for example 45 or 45.50.",
            **money_errors(9),
        },
    )
    currency = forms.ChoiceField(
        choices=CURRENCIES,
        error_messages={"invalid_choice": "Choose a currency from the list."},
    )
    availability_hours_per_week = forms.IntegerField(
        label="Hours a week you can work",
        min_value=0,
        max_value=80,
        help_text="0 if you are not taking on work at the moment.",
        error_messages=integer_errors("Enter the hours a week you can work, from 0 to 80."),
    )

    def __init__(self, *args, profile: FreelancerProfile, **kwargs):
        self.profile = profile
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_for(cls, profile: FreelancerProfile) -> dict:
        return {
            "hourly_rate": profile.hourly_rate,
            "currency": profile.currency,
            "availability_hours_per_week": profile.availability_hours_per_week,
        }

    def clean_hourly_rate(self):
        rate = self.cleaned_data["hourly_rate"]
        if rate <= 0:
            raise forms.ValidationError("Hourly rate must be more than 0.")
        minimum = self.profile.min_rate
        if minimum is not None and rate < minimum:
            raise forms.ValidationError(
                f"Hourly rate cannot be below the minimum rate you set in Preferences "
                f"({minimum} {self.profile.currency}). Lower that first."
            )
        return rate


class EmployerCompanyForm(forms.Form):
    company_name = forms.CharField(
        max_length=120,
        help_text="Your own name is fine if you hire as an individual.",
        error_messages={"required": "Enter your company's name (or your own name)."},
    )
    company_size = forms.ChoiceField(
        choices=[("", "Choose a size"), *EmployerProfile.CompanySize.choices],
        error_messages={
            "required": "Choose how many people work at your company.",
            "invalid_choice": "Choose a company size from the list.",
        },
    )
    country = _country_field("Choose the country your company is based in.")
    timezone = _timezone_field()
    website = forms.URLField(
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a full web address, for example https://example.com."},
    )
    description = forms.CharField(
        label="What your company does",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Freelancers read this before they reply to an invitation.",
    )
    currency = forms.ChoiceField(
        label="Currency for market figures",
        choices=CURRENCIES,
        required=False,
        help_text="Rates and budgets across Gigwise are shown converted to this currency. "
        "Each of your projects keeps its own currency.",
        error_messages={"invalid_choice": "Choose a currency from the list."},
    )

    @classmethod
    def initial_for(cls, profile: EmployerProfile) -> dict:
        return {
            "company_name": profile.company_name,
            "company_size": profile.company_size,
            "country": profile.country.code or "",
            "timezone": str(profile.timezone),
            "website": profile.website,
            "description": profile.description,
            "currency": profile.currency,
        }

    def clean_currency(self) -> str:
        # Left out of the submission: keep the one already chosen.
        return self.cleaned_data["currency"] or self.initial.get("currency") or "USD"


def form_add_service_errors(
    form: forms.Form, error: ValidationError, *, field_map: dict[str, str] | None = None
) -> None:
    """Show a service's ValidationError on the form: next to its field when the form has one.

    `field_map` renames the service's argument names to the form's field names.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    field_map = field_map or {}
    for name, errors in error.error_dict.items():
        name = field_map.get(name, name)
        form.add_error(name if name in form.fields else None, errors)


# --- Settings → API tokens ---------------------------------------------------------------------

TOKEN_NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=TOKEN_NAME_MAX_LENGTH,
        help_text="What will use it, for example “CI script” or “Laptop”. Only you see it.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": TOKEN_NAME_REQUIRED,
            "max_length": (
                f"Keep the name to {TOKEN_NAME_MAX_LENGTH} characters (it has %(show_value)d)."
            ),
        },
    )
