"""Case tables, one module per app (tests/permissions/test_matrix.py gathers them)."""
