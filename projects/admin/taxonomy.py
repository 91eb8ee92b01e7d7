"""Staff tools for the skill taxonomy and what freelancers claim from it."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from projects.models import (
    FreelancerSkill,
    PortfolioItem,
    Skill,
    SkillAlias,
    SkillCategory,
    TaxonomyImport,
)
from projects.skill_names import compact


class SkillAliasForm(forms.ModelForm):
    """An alias is stored as its lookup key, and may not be another skill's name."""

    class Meta:
        model = SkillAlias
        fields = ["alias", "skill"]

    def clean_alias(self) -> str:
        key = compact(self.cleaned_data.get("alias", ""))
        if not key:
            raise forms.ValidationError(_("Type another spelling, for example “postgres”."))
        owner = Skill.objects.filter(normalised=key).first()
        if owner is not None:
            raise forms.ValidationError(
                _("“%(key)s” is already the name of the skill %(skill)s."),
                params={"key": key, "skill": owner.name},
            )
        return key


class SkillForm(forms.ModelForm):
    """Keeps `normalised` (the lookup key) in step with the name, and unique."""

    class Meta:
        model = Skill
        fields = [
            "name",
            "slug",
            "category",
            "source",
            "external_id",
            "description",
            "is_hot",
            "is_in_demand",
            "occupation_count",
        ]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data.get("name", "").split())
        key = compact(name)
        if not key:
            raise forms.ValidationError(_("A skill needs a name with letters or digits."))
        same = Skill.objects.filter(normalised=key).exclude(pk=self.instance.pk).first()
        if same is not None:
            raise forms.ValidationError(
                _("%(skill)s already exists (names ignore case and punctuation)."),
                params={"skill": same.name},
            )
        alias = (
            SkillAlias.objects.filter(alias=key)
            .exclude(skill_id=self.instance.pk)
            .select_related("skill")
            .first()
        )
        if alias is not None:
            raise forms.ValidationError(
                _("“%(name)s” is an alias of %(skill)s: edit that skill, or remove the alias."),
                params={"name": name, "skill": alias.skill.name},
            )
        self.instance.normalised = key
        return name


class SkillAliasInline(admin.TabularInline):
    model = SkillAlias
    form = SkillAliasForm
    fields = ["alias"]
    extra = 1


@admin.register(SkillCategory)
class SkillCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "skill_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ["preferred_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(skill_count=Count("skills"))

    @admin.display(description=_("skills"), ordering="skill_count")
    def skill_count(self, category: SkillCategory) -> int:
        return category.skill_count


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    form = SkillForm
    list_display = ["name", "category", "source", "is_hot", "is_in_demand", "occupation_count"]
    list_filter = ["source", "category", "is_hot", "is_in_demand"]
    list_select_related = ["category"]
    search_fields = ["name", "aliases__alias"]
    readonly_fields = ["normalised"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [SkillAliasInline]
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        """Also match the way the resolver does: "React.js" finds React through "reactjs"."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        key = compact(search_term)
        if key:
            queryset |= self.model.objects.filter(
                Q(normalised__startswith=key) | Q(aliases__alias=key)
            )
            may_have_duplicates = True
        return queryset, may_have_duplicates


@admin.register(SkillAlias)
class SkillAliasAdmin(admin.ModelAdmin):
    form = SkillAliasForm
    list_display = ["alias", "skill", "skill_source"]
    list_filter = ["skill__source"]
    list_select_related = ["skill"]
    search_fields = ["alias", "skill__name"]
    autocomplete_fields = ["skill"]
    show_full_result_count = False

    @admin.display(description=_("skill source"), ordering="skill__source")
    def skill_source(self, alias: SkillAlias) -> str:
        return alias.skill.get_source_display()


@admin.register(FreelancerSkill)
class FreelancerSkillAdmin(admin.ModelAdmin):
    list_display = ["name", "profile", "level", "years", "source", "created_at"]
    list_filter = ["source", "level"]
    list_select_related = ["skill", "profile__user"]
    search_fields = ["skill__name", "free_text", "profile__user__email"]
    autocomplete_fields = ["skill"]
    raw_id_fields = ["profile"]


@admin.register(PortfolioItem)
class PortfolioItemAdmin(admin.ModelAdmin):
    list_display = ["title", "profile", "created_at"]
    list_select_related = ["profile__user"]
    search_fields = ["title", "description", "profile__user__email"]
    autocomplete_fields = ["skills"]
    raw_id_fields = ["profile"]
    # Links typed without a scheme are https (Django 6's default; silences its warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(TaxonomyImport)
class TaxonomyImportAdmin(admin.ModelAdmin):
    """The import history: written by `import_skills`, read-only here."""

    list_display = [
        "finished_at",
        "sources",
        "skills_total",
        "aliases_total",
        "categories_total",
        "elapsed_seconds",
        "short_fingerprint",
    ]
    list_filter = ["sources"]
    readonly_fields = [field.name for field in TaxonomyImport._meta.fields]

    @admin.display(description=_("fingerprint"))
    def short_fingerprint(self, run: TaxonomyImport) -> str:
        return run.fingerprint[:12]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
