"""Chores done for people: saved searches with alerts, and reminders."""
