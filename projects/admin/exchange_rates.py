"""Staff tools for the exchange-rate table that comparisons and statistics convert through."""

from decimal import Decimal

from django.contrib import admin
from django.http import HttpRequest

from projects.models import ExchangeRate
from projects.money import CURRENCY_CODES
from projects.services.exchange_rates import exchange_rate_set


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ("currency", "usd_per_unit", "units_per_usd", "source", "updated_at")
    list_editable = ("usd_per_unit",)
    list_filter = ("source",)
    search_fields = ("currency", "source")
    fields = ("currency", "usd_per_unit", "source", "updated_at")
    readonly_fields = ("source", "updated_at")

    @admin.display(description="Units per US dollar")
    def units_per_usd(self, rate: ExchangeRate) -> str:
        # The way rates are usually quoted (1 USD = 85.5 INR): a typo stands out here.
        return f"{rate.units_per_usd.quantize(Decimal('0.0001')):,}"

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        # A row is one currency's rate; moving it to another currency is never what was meant.
        return (*self.readonly_fields, "currency") if obj is not None else self.readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Every listed currency is seeded; adding is only for one whose row went missing.
        missing = ExchangeRate.objects.count() < len(CURRENCY_CODES)
        return missing and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # amounts in that currency could no longer be compared: change the rate

    def save_model(self, request: HttpRequest, obj: ExchangeRate, form, change: bool) -> None:
        saved = exchange_rate_set(currency=obj.currency, usd_per_unit=obj.usd_per_unit)
        obj.pk, obj.source, obj.updated_at = saved.pk, saved.source, saved.updated_at
