"""The projects app's API, a module per part, as its views are (``/api/v1/...``)."""
