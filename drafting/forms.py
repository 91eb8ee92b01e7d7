"""Forms of the drafting pages: the letter's text, and the bulk re-draft's one choice."""

from django import forms

from .services import TEXT_MAX, TEXT_REQUIRED, TEXT_TOO_LONG


class DraftTextForm(forms.Form):
    # Named as in the proposal form: the draft page shows one text box for both, and "Save
    # draft" posts it here while "Send proposal" posts it to the proposal form's view.
    cover_letter = forms.CharField(
        max_length=TEXT_MAX,
        error_messages={"required": TEXT_REQUIRED, "max_length": TEXT_TOO_LONG},
    )


class RedraftForm(forms.Form):
    include_edited = forms.BooleanField(
        required=False,
        label="Also re-draft the ones I edited (my edits are replaced)",
    )
