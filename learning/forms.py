"""Forms of the learning path: what courses to recommend, and progress in a course."""

from django import forms

from .models import LearnerSettings


class LearnerSettingsForm(forms.ModelForm):
    class Meta:
        model = LearnerSettings
        fields = ["free_only", "level"]
        labels = {"free_only": "Free courses only", "level": "Course level"}
        help_texts = {
            "free_only": "Recommend only courses that cost nothing.",
            "level": "Courses for all levels are always included.",
        }


class ProgressForm(forms.Form):
    progress = forms.IntegerField(
        label="Progress (%)",
        min_value=0,
        max_value=100,
        error_messages={
            "required": "Give your progress as a whole number from 0 to 100.",
            "invalid": "Give your progress as a whole number from 0 to 100.",
            "min_value": "Progress is a percentage: from 0 to 100.",
            "max_value": "Progress is a percentage: from 0 to 100; 100 completes the course.",
        },
    )
