"""Staff views of billing. Issued invoices, their lines and paid weeks are read-only here:
an invoice is corrected by a credit note its issuer writes, never edited."""

from django.contrib import admin

from .models import Invoice, InvoiceLine, InvoiceSequence, TimeEntry, Timesheet


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable, never added, changed or deleted by hand."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False
    fields = ["position", "description", "quantity", "unit", "unit_price", "amount", "is_live"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = [
        "display_number",
        "kind",
        "seller_name",
        "buyer_company",
        "total",
        "currency",
        "issued_at",
        "due_date",
        "paid_at",
    ]
    list_filter = ["kind", "currency", ("paid_at", admin.EmptyFieldListFilter), "issued_at"]
    search_fields = ["seller_name", "seller_email", "buyer_name", "buyer_company", "buyer_email"]
    list_select_related = ["freelancer"]
    date_hierarchy = "issued_at"
    inlines = [InvoiceLineInline]


@admin.register(InvoiceLine)
class InvoiceLineAdmin(ReadOnlyAdmin):
    list_display = ["description", "invoice", "quantity", "unit_price", "amount", "is_live"]
    list_filter = ["is_live", "unit"]
    search_fields = ["description", "invoice__seller_name", "invoice__buyer_company"]
    list_select_related = ["invoice"]


@admin.register(InvoiceSequence)
class InvoiceSequenceAdmin(ReadOnlyAdmin):
    list_display = ["freelancer", "last_number"]
    list_filter = ["freelancer__is_active"]
    search_fields = ["freelancer__email"]


@admin.register(Timesheet)
class TimesheetAdmin(ReadOnlyAdmin):
    list_display = ["contract", "week_start", "state", "minutes", "amount", "currency"]
    list_filter = ["state", "week_start"]
    search_fields = ["contract__title", "contract__freelancer__email", "contract__employer__email"]
    list_select_related = ["contract"]


@admin.register(TimeEntry)
class TimeEntryAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "ended_at", "freelancer", "contract", "note"]
    list_filter = [("ended_at", admin.EmptyFieldListFilter), "started_at"]
    search_fields = ["note", "freelancer__email", "contract__title"]
    list_select_related = ["freelancer", "contract"]
