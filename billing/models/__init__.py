from .invoices import Invoice, InvoiceLine, InvoiceSequence
from .timelog import TimeEntry, Timesheet

__all__ = ["Invoice", "InvoiceLine", "InvoiceSequence", "TimeEntry", "Timesheet"]
