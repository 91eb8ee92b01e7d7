"""Billing: the time log of hourly contracts, weekly timesheets, invoices and credit notes."""
