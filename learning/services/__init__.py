"""Writes of the learning app, by topic: the course catalogue (more to come: enrolments, gaps)."""
