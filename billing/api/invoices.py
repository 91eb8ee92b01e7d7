"""API: invoices and credit notes (``invoices/``).

The freelancer issues an invoice for a contract's released milestones and approved weeks (all
that are not invoiced yet, or the ones named), downloads it as PDF, corrects it with a credit
note and marks it paid. The employer sees the invoices addressed to them, never the freelancer's
others; anybody else's invoice is a 404.
"""

from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from marketplace.api.permissions import HasMarketplaceRole, IsFreelancer
from projects.api.projects import MAX_ID
from projects.selectors.contracts import contract_get_for_party

from ..models import Invoice, InvoiceLine
from ..pdf import invoice_pdf
from ..selectors.invoices import invoice_get_for_user, invoices_for_user
from ..services.invoices import ISSUER_ONLY, credit_note_create, invoice_create, invoice_mark_paid
from .fields import contract_id_field


class InvoiceLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = InvoiceLine
        fields = [
            "description", "quantity", "unit", "unit_price", "amount", "platform_fee",
            "milestone", "timesheet",
        ]  # fmt: skip
        read_only_fields = fields


class InvoiceSerializer(serializers.ModelSerializer):
    display_number = serializers.CharField(read_only=True, help_text="INV-… or CN-…")
    is_paid = serializers.BooleanField(read_only=True)
    escrow_paid = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        read_only=True,
        help_text="Already paid through Gigwise escrow (the released items billed here).",
    )
    amount_due = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        read_only=True,
        help_text="What the client still owes: 0 once paid, else the total minus escrow.",
    )
    lines = InvoiceLineSerializer(many=True, read_only=True)

    class Meta:
        model = Invoice
        fields = [
            "id", "kind", "number", "display_number", "credits", "contract", "seller_name",
            "seller_email", "seller_country", "seller_tax_id", "buyer_name", "buyer_company",
            "buyer_email", "buyer_country", "currency", "subtotal", "tax_rate", "tax_amount",
            "total", "platform_fee", "issued_at", "due_date", "notes", "escrow_paid",
            "amount_due", "is_paid", "paid_at", "lines",
        ]  # fmt: skip
        read_only_fields = fields


class InvoiceCreateSerializer(serializers.Serializer):
    contract = contract_id_field("The contract to invoice (you are its freelancer).")
    milestones = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        help_text="Released milestones to bill. Omit both lists to bill everything not invoiced.",
    )
    timesheets = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        help_text="Approved weeks (timesheet ids) to bill.",
    )
    tax_rate = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False,
        help_text="Per cent, added to the total.",
    )  # fmt: skip
    tax_id = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    due_date = serializers.DateField(required=False, help_text="Default: 14 days from today.")
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class CreditNoteSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, help_text="Printed on the credit note.")
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0.01"), required=False,
        help_text="Before tax; omit to credit everything left on the invoice.",
    )  # fmt: skip


def _issued(request: Request, pk: int) -> Invoice:
    invoice = invoice_get_for_user(user=request.user, pk=pk)
    if invoice.freelancer_id != request.user.pk:
        raise PermissionDenied(ISSUER_ONLY)
    return invoice


def _shown(invoice: Invoice) -> dict:
    return InvoiceSerializer(Invoice.objects.prefetch_related("lines").get(pk=invoice.pk)).data


class InvoiceList(ListAPIView):
    serializer_class = InvoiceSerializer
    # POST names a contract in its body: somebody else's is a 404, as everywhere.
    extra_error_codes = (404,)
    permission_classes = [HasMarketplaceRole]
    filter_backends = []

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsFreelancer()]
        return super().get_permissions()

    def get_queryset(self) -> QuerySet[Invoice]:
        if getattr(self, "swagger_fake_view", False):
            return Invoice.objects.none()
        paid = {"true": True, "false": False}.get(self.request.query_params.get("paid", ""))
        year = self.request.query_params.get("year", "")
        return invoices_for_user(
            user=self.request.user,
            paid=paid,
            year=int(year) if year.isdigit() and len(year) == 4 else None,
        ).prefetch_related("lines")

    @extend_schema(
        parameters=[
            OpenApiParameter("paid", OpenApiTypes.BOOL, description="Only paid, or unpaid."),
            OpenApiParameter("year", OpenApiTypes.INT, description="Only this year's."),
        ]
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        """Invoices and credit notes you issued or that are addressed to you, newest first."""
        return super().get(request, *args, **kwargs)

    @extend_schema(request=InvoiceCreateSerializer, responses={201: InvoiceSerializer})
    def post(self, request: Request) -> Response:
        """Issue an invoice for a contract's released milestones and approved weeks.

        It takes your next number (no gaps) and copies both parties' details. Nothing left to
        invoice, or an item already billed, is a 400.
        """
        data = InvoiceCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        contract = contract_get_for_party(
            user=request.user, pk=fields.pop("contract"), role="freelancer"
        )
        milestones, timesheets = fields.pop("milestones", None), fields.pop("timesheets", None)
        if milestones is not None or timesheets is not None:
            milestones, timesheets = milestones or [], timesheets or []
        invoice = invoice_create(
            contract=contract,
            by=request.user,
            milestone_ids=milestones,
            timesheet_ids=timesheets,
            **fields,
        )
        return Response(_shown(invoice), status=201)


class InvoiceDetail(GenericAPIView):
    serializer_class = InvoiceSerializer
    permission_classes = [HasMarketplaceRole]

    def get(self, request: Request, pk: int) -> Response:
        """One invoice or credit note, with its lines."""
        return Response(_shown(invoice_get_for_user(user=request.user, pk=pk)))


class InvoicePdf(GenericAPIView):
    serializer_class = InvoiceSerializer
    permission_classes = [HasMarketplaceRole]

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, "The PDF.")}
    )
    def get(self, request: Request, pk: int) -> HttpResponse:
        """The invoice as a PDF file."""
        invoice = invoice_get_for_user(user=request.user, pk=pk)
        response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{invoice.filename}"'
        return response


class InvoiceCreditNote(GenericAPIView):
    serializer_class = InvoiceSerializer
    permission_classes = [IsFreelancer]

    @extend_schema(request=CreditNoteSerializer, responses={201: InvoiceSerializer})
    def post(self, request: Request, pk: int) -> Response:
        """Correct an invoice you issued with a credit note, for all of it or part.

        Crediting all of it frees its milestones and weeks to be invoiced again.
        """
        invoice = _issued(request, pk)
        data = CreditNoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = credit_note_create(invoice=invoice, by=request.user, **data.validated_data)
        return Response(_shown(note), status=201)


class InvoiceMarkPaid(GenericAPIView):
    serializer_class = InvoiceSerializer
    permission_classes = [IsFreelancer]

    @extend_schema(request=None, responses=InvoiceSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Mark an invoice you issued as paid; marking it again changes nothing."""
        invoice = invoice_mark_paid(invoice=_issued(request, pk), by=request.user)
        return Response(_shown(invoice))


urlpatterns = [
    path("invoices/", InvoiceList.as_view(), name="billing-invoice-list"),
    path("invoices/<int:pk>/", InvoiceDetail.as_view(), name="billing-invoice-detail"),
    path("invoices/<int:pk>/pdf/", InvoicePdf.as_view(), name="billing-invoice-pdf"),
    path(
        "invoices/<int:pk>/credit-notes/",
        InvoiceCreditNote.as_view(),
        name="billing-invoice-credit-note",
    ),
    path(
        "invoices/<int:pk>/mark-paid/", InvoiceMarkPaid.as_view(), name="billing-invoice-mark-paid"
    ),
]
