"""Forms of Settings → Privacy: AI feature switches, field visibility, audit-only attributes,
and the profile photo. Plain forms: saving goes through accounts.services.privacy."""

from django import forms

from .models import DECLARED_CHOICES, FieldVisibility, FreelancerProfile, SelfDeclaredAttribute
from .photos import PHOTO_MAX_BYTES
from .selectors.privacy import ConsentState
from .selectors.visibility import VISIBILITY_FIELDS

VISIBILITY_LABELS = {
    "rate": "Your hourly rate",
    "country": "The country you work from",
    "photo": "Your photo",
}
VISIBILITY_CHOICE_ERROR = "Choose who may see it from the list."
PREFER_NOT_TO_SAY = "Prefer not to say"
PHOTO_REQUIRED = "Choose a photo to upload (JPEG, PNG or WebP, at most 5 MB)."


class ConsentsForm(forms.Form):
    """One switch per AI feature that applies to the person; unticked means off."""

    def __init__(self, *args, states: list[ConsentState], **kwargs):
        kwargs.setdefault("initial", {state.feature: state.granted for state in states})
        super().__init__(*args, **kwargs)
        self.states = states
        for state in states:
            self.fields[state.feature] = forms.BooleanField(
                label=state.label,
                required=False,
                help_text=state.description,
                widget=forms.CheckboxInput(attrs={"role": "switch"}),
            )

    def switches(self) -> list[tuple[forms.BoundField, ConsentState]]:
        return [(self[state.feature], state) for state in self.states]


class VisibilityForm(forms.Form):
    """Who else sees the rate, country and photo on the profile and in lists."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in VISIBILITY_FIELDS:
            self.fields[name] = forms.ChoiceField(
                label=VISIBILITY_LABELS[name],
                choices=FieldVisibility.choices,
                error_messages={
                    "required": VISIBILITY_CHOICE_ERROR,
                    "invalid_choice": VISIBILITY_CHOICE_ERROR,
                },
            )

    @classmethod
    def initial_for(cls, profile: FreelancerProfile) -> dict[str, str]:
        return {name: getattr(profile, attr) for name, attr in VISIBILITY_FIELDS.items()}


class DeclaredAttributesForm(forms.Form):
    """Optional answers for the fairness audit only; "Prefer not to say" shares nothing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for attribute, choices in DECLARED_CHOICES.items():
            self.fields[attribute] = forms.ChoiceField(
                label=SelfDeclaredAttribute.Attribute(attribute).label,
                choices=[("", PREFER_NOT_TO_SAY), *choices],
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": "Choose one of the listed answers, or “Prefer not to say”."
                },
            )


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label="A new photo",
        help_text="JPEG, PNG or WebP, at most 5 MB. We shrink it to 512 pixels and remove "
        "everything but the picture (camera details, location) before saving it.",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={
            "required": PHOTO_REQUIRED,
            "empty": "The file is empty; choose a photo.",
            "invalid": PHOTO_REQUIRED,
        },
    )

    def clean_photo(self):
        photo = self.cleaned_data["photo"]
        # Refused before the service reads it: no need to decode a file that is too big.
        if photo.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(
                f"The photo is {photo.size / 1024 / 1024:.1f} MB; choose one of at most 5 MB."
            )
        return photo
