"""The demo generator: invented people, companies and profiles for `manage.py seed_demo`.

Pure planning, no writes: everything here turns a seed (and, when present, the real job
postings in GIGWISE_DATA_DIR) into plain dataclasses. `projects.services.demo` writes them.
Names come from our own pools, e-mails are on the reserved demo domain and websites on the
example domains, so no real person's data ends up in a demo.
"""
