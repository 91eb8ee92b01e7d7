"""An invoice or credit note as a PDF (ReportLab), from the snapshot stored on the invoice.

Only stored fields are read, so the PDF of an issued invoice is the same whenever it is made.
Text is set in DejaVu Sans when the system has it (names in any script), else Helvetica.
"""

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .models import Invoice

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _fonts() -> tuple[str, str]:
    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return "Helvetica", "Helvetica-Bold"
    if "GwSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("GwSans", str(regular)))
        pdfmetrics.registerFont(TTFont("GwSans-Bold", str(bold)))
    return "GwSans", "GwSans-Bold"


def _number(value) -> str:
    """1, 7.5, 12.25: a quantity or a rate without trailing zeros."""
    return f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"


def _status(invoice: Invoice) -> str:
    if invoice.is_credit_note:
        return "Issued"
    if invoice.is_paid:
        return f"Paid {invoice.paid_at:%d %B %Y}"
    return f"Unpaid: {_money(invoice.amount_due, invoice.currency)} due"


def _money(amount, currency: str) -> str:
    return f"{amount:,.2f} {currency}"


def _party(title: str, lines: list[str], style) -> Paragraph:
    body = "<br/>".join(escape(line) for line in lines if line)
    return Paragraph(f"<b>{escape(title)}</b><br/>{body}", style)


def invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice as PDF bytes (A4)."""
    regular, bold = _fonts()
    sheet = getSampleStyleSheet()
    normal = ParagraphStyle("gw", parent=sheet["Normal"], fontName=regular, fontSize=9.5)
    heading = ParagraphStyle("gw-h", parent=sheet["Title"], fontName=bold, alignment=0)
    right = ParagraphStyle("gw-r", parent=normal, alignment=TA_RIGHT)
    kind = "Credit note" if invoice.is_credit_note else "Invoice"
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"{kind} {invoice.display_number}",
        author=invoice.seller_name,
    )
    facts = [
        f"Number: {invoice.display_number}",
        f"Issued: {invoice.issued_at:%d %B %Y}",
        f"Due: {invoice.due_date:%d %B %Y}" if not invoice.is_credit_note else "",
        f"Corrects: {invoice.credits.display_number}" if invoice.credits_id else "",
        f"Contract: {invoice.contract.title}",
        f"Status: {_status(invoice)}",
    ]
    story = [
        Paragraph(f"{kind} {escape(invoice.display_number)}", heading),
        Table(
            [
                [
                    _party(
                        "From",
                        [
                            invoice.seller_name,
                            invoice.seller_email,
                            invoice.seller_country,
                            f"Tax id: {invoice.seller_tax_id}" if invoice.seller_tax_id else "",
                        ],
                        normal,
                    ),
                    _party(
                        "To",
                        [
                            invoice.buyer_company,
                            invoice.buyer_name,
                            invoice.buyer_email,
                            invoice.buyer_country,
                        ],
                        normal,
                    ),
                    _party("Details", facts, normal),
                ]
            ],
            colWidths=[58 * mm, 58 * mm, 58 * mm],
            style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]),
        ),
        Spacer(1, 8 * mm),
    ]
    rows = [["Description", "Quantity", "Unit price", "Amount"]]
    for line in invoice.lines.all():
        rows.append(
            [
                Paragraph(escape(line.description), normal),
                f"{_number(line.quantity)} {line.unit}",
                _money(line.unit_price, invoice.currency),
                _money(line.amount, invoice.currency),
            ]
        )
    totals = [
        ("Subtotal", _money(invoice.subtotal, invoice.currency)),
        (f"Tax ({_number(invoice.tax_rate)}%)", _money(invoice.tax_amount, invoice.currency)),
        (
            "Total credited" if invoice.is_credit_note else "Total",
            _money(invoice.total, invoice.currency),
        ),
    ]
    if not invoice.is_credit_note:
        totals += [
            ("Paid through escrow", "-" + _money(invoice.escrow_paid, invoice.currency)),
            ("Balance due", _money(invoice.amount_due, invoice.currency)),
        ]
    first_total = len(rows)
    rows += [["", "", label, amount] for label, amount in totals]
    table = Table(rows, colWidths=[84 * mm, 24 * mm, 33 * mm, 33 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("FONTSIZE", (0, 0), (-1, -1), 9.5),
                ("FONTNAME", (0, 0), (-1, 0), bold),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, first_total - 1), (-1, first_total - 1), 0.5, colors.grey),
                ("FONTNAME", (0, -1), (-1, -1), bold),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 6 * mm))
    if invoice.platform_fee:
        story.append(
            Paragraph(
                "Gigwise platform fee withheld from the freelancer's payout (not added to the "
                f"total): {_money(invoice.platform_fee, invoice.currency)}.",
                normal,
            )
        )
    if invoice.notes:
        label = "Reason" if invoice.is_credit_note else "Notes"
        story.append(Paragraph(f"<b>{label}:</b> {escape(invoice.notes)}", normal))
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            "Issued through Gigwise. This document is final; corrections are made by credit note.",
            right,
        )
    )
    document.build(story)
    return buffer.getvalue()
