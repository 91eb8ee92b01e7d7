"""The permission matrix: every named URL of the site, as every role (tests/permissions/README)."""
