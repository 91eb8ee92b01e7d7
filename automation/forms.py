"""Forms of saved searches: saving the browse page's filters, and changing a saved search."""

from django import forms

from .models import SavedSearch
from .services.saved_searches import NAME_MAX_LENGTH


class SavedSearchForm(forms.Form):
    """Name and frequency; `query` carries the browse page's filters as its GET query string."""

    name = forms.CharField(
        label="Name",
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text="Left empty, it is named after what you searched for.",
        error_messages={"max_length": f"Keep the name to {NAME_MAX_LENGTH} characters or fewer."},
    )
    frequency = forms.ChoiceField(
        label="Alert me",
        choices=SavedSearch.Frequency.choices,
        initial=SavedSearch.Frequency.DAILY,
        error_messages={"invalid_choice": "Choose instant, daily, weekly or off."},
    )
    query = forms.CharField(
        label="Filters", widget=forms.HiddenInput, required=False, max_length=2000
    )


class SavedSearchEditForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": "Give the search a name.",
            "max_length": f"Keep the name to {NAME_MAX_LENGTH} characters or fewer.",
        },
    )
    frequency = forms.ChoiceField(
        label="Alert me",
        choices=SavedSearch.Frequency.choices,
        error_messages={"invalid_choice": "Choose instant, daily, weekly or off."},
    )
