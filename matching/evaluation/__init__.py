"""Offline evaluation of matching: ranking metrics and keyword baselines, free of Django."""
