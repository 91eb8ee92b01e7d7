"""Forms for messages, notification preferences and reports (the services validate again)."""

from django import forms

from projects.models import Report
from projects.selectors.notifications import KindPreference
from projects.services.messaging import MESSAGE_EMPTY, MESSAGE_MAX_LENGTH
from projects.services.moderation import REPORT_DETAILS_MAX


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_MAX_LENGTH}),
        error_messages={"required": MESSAGE_EMPTY},
        help_text="Plain text. Links are shown as text.",
    )


class NotificationPreferencesForm(forms.Form):
    """One check box per kind of notification: e-mail it to me, or keep it on Gigwise only."""

    def __init__(self, *args, preferences: list[KindPreference], **kwargs):
        super().__init__(*args, **kwargs)
        for preference in preferences:
            self.fields[preference.kind] = forms.BooleanField(
                label=preference.label,
                required=False,
                initial=preference.email,
                help_text="E-mailed by default" if preference.default else "",
            )

    def emailed_kinds(self) -> list[str]:
        return [kind for kind, wanted in self.cleaned_data.items() if wanted]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="What is wrong?",
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the reason closest to what is wrong."},
    )
    details = forms.CharField(
        label="Details",
        required=False,
        max_length=REPORT_DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What our team should look at. Only staff read this.",
    )
