"""API of the learning app: the course catalogue, and each freelancer's gaps, courses and settings.

Same selectors and services as the learning path page; ``urls.py`` lists the routes.
"""
