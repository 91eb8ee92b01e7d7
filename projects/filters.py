"""The filters freelancers browse projects with (GET parameters of /projects/)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse_lazy

from projects.models import BudgetType, ExperienceLevel, Project, ProjectSkill, SkillCategory
from projects.selectors.projects import (
    SORT_BUDGET,
    SORT_NEWEST,
    SORT_RELEVANCE,
    posted_since,
    project_sort,
    project_text_search,
)
from projects.selectors.skills import skill_resolve
from projects.skill_names import normalise

POSTED_WITHIN = [("1", "Last 24 hours"), ("7", "Last 7 days"), ("30", "Last 30 days")]
SORTS = [(SORT_NEWEST, "Newest first"), (SORT_BUDGET, "Best budget first")]
MAX_FILTER_SKILLS = 10


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    pass


def skill_search_attrs(target: str) -> dict[str, str]:
    """Attributes of a comma-separated skill list whose last name gets suggestions.

    static/js/project-skills.js sends that last name as ?q= and appends a picked suggestion.
    """
    return {
        "autocomplete": "off",
        "spellcheck": "false",
        "hx-get": reverse_lazy("projects:skill-autocomplete"),
        "hx-trigger": "input changed delay:200ms",
        "hx-target": f"#{target}",
        "hx-swap": "innerHTML",
        "hx-sync": "this:replace",
        "aria-controls": target,
        "data-project-skills": "",
    }


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "e.g. Django booking"}),
    )
    skills = django_filters.CharFilter(
        label="Skills (any of)",
        method="filter_skills",
        widget=forms.TextInput(attrs=skill_search_attrs("filter-skill-suggestions")),
        help_text="Separate skills with commas.",
    )
    # Skill ids, as the skill badges on project cards link to them (?skill=12).
    skill = NumberInFilter(method="filter_skill_ids", widget=forms.HiddenInput)
    category = django_filters.ModelChoiceFilter(
        queryset=SkillCategory.objects.order_by("name"), empty_label="Any category"
    )
    budget_type = django_filters.ChoiceFilter(
        label="Budget type", choices=BudgetType.choices, empty_label="Fixed or hourly"
    )
    budget_from = django_filters.NumberFilter(
        label="Budget at least", field_name="budget_max", lookup_expr="gte", min_value=0
    )
    budget_to = django_filters.NumberFilter(
        label="Budget at most", field_name="budget_min", lookup_expr="lte", min_value=0
    )
    experience_level = django_filters.ChoiceFilter(
        label="Level", choices=ExperienceLevel.choices, empty_label="Any level"
    )
    posted = django_filters.ChoiceFilter(
        label="Posted", choices=POSTED_WITHIN, method="filter_posted", empty_label="Any time"
    )
    # Left empty, the best match comes first when searching, else the newest.
    sort = django_filters.ChoiceFilter(
        label="Sort", choices=SORTS, method="filter_nothing", empty_label="Best match"
    )

    class Meta:
        model = Project
        fields: list[str] = []

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return project_text_search(queryset, query=value)

    def filter_skills(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        names = [n.strip() for n in value.split(",") if normalise(n)][:MAX_FILTER_SKILLS]
        if not names:
            return queryset
        wanted = Q(pk__in=[])
        for text in names:
            skill = skill_resolve(text)
            wanted |= Q(skill=skill) if skill else Q(skill__isnull=True, free_text__iexact=text)
        rows = ProjectSkill.objects.filter(wanted, project=OuterRef("pk"))
        return queryset.filter(Exists(rows))

    def filter_skill_ids(self, queryset: QuerySet, name: str, value: list) -> QuerySet:
        ids = [int(v) for v in value][:MAX_FILTER_SKILLS]
        rows = ProjectSkill.objects.filter(project=OuterRef("pk"), skill_id__in=ids)
        return queryset.filter(Exists(rows))

    def filter_posted(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(published_at__gte=posted_since(int(value)))

    def filter_nothing(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Sorting happens once all filters are applied (filter_queryset below).
        return queryset

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        searched = bool((data.get("q") or "").strip())
        sort = data.get("sort") or (SORT_RELEVANCE if searched else SORT_NEWEST)
        return project_sort(queryset, sort=sort, searched=searched)
