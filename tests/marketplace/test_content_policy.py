"""The strict Content-Security-Policy holds in the source: no template or script of ours needs
inline code or styles, and the one exception (the API reference's inline styles) stays narrow.

tests/browser/test_csp.py checks the same in Chromium, page by page; this reads every file, so a
page no browser test visits cannot slip an inline handler in.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

BASE = Path(settings.BASE_DIR)
TEMPLATES = sorted((BASE / "templates").rglob("*.html"))
SCRIPTS = sorted((BASE / "static" / "js").rglob("*.js"))
# Written into the data-export ZIP and opened from disk (offline, nothing to link to), never
# served by the site, so its styles are inline (privacy/services/exports.py).
OFFLINE_FILES = {"privacy/export_index.html"}

INLINE = {
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I),
    "event handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "<style> block": re.compile(r"<style\b", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "hx-on (needs eval)": re.compile(r"\shx-on", re.I),
    "js: value (needs eval)": re.compile(r"""hx-vals=["']\s*js:""", re.I),
}
SCRIPT_HAZARDS = {
    "eval": re.compile(r"\beval\s*\("),
    "new Function": re.compile(r"\bnew\s+Function\s*\("),
    "string timer": re.compile(r"set(?:Timeout|Interval)\s*\(\s*[\"'`]"),
    "style attribute": re.compile(r"setAttribute\(\s*[\"']style[\"']"),
    "inline handler": re.compile(r"setAttribute\(\s*[\"']on[a-z]+[\"']"),
    "document.write": re.compile(r"document\.write"),
    "javascript: URL": re.compile(r"javascript:", re.I),
}
# Django template comments may mention these words; they never reach the browser.
COMMENTS = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.S)


def test_there_are_templates_and_scripts_to_read():
    assert len(TEMPLATES) > 100
    assert len(SCRIPTS) >= 5


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(BASE / "templates")))
def test_templates_need_no_inline_code_or_style(path):
    name = str(path.relative_to(BASE / "templates"))
    if name in OFFLINE_FILES:
        pytest.skip("opened from disk inside the data export, never served")
    text = COMMENTS.sub("", path.read_text())
    found = {what: pattern.findall(text) for what, pattern in INLINE.items()}
    assert {what: hits for what, hits in found.items() if hits} == {}


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_our_scripts_need_no_eval_or_inline_style(path):
    text = path.read_text()
    found = {what: pattern.findall(text) for what, pattern in SCRIPT_HAZARDS.items()}
    assert {what: hits for what, hits in found.items() if hits} == {}


def test_the_offline_export_page_is_only_written_into_the_zip():
    code = [path for path in BASE.glob("[!.]*/**/*.py") if path.parts[len(BASE.parts)] != "tests"]
    users = [path.relative_to(BASE) for path in code if "export_index.html" in path.read_text()]
    assert users == [Path("privacy/services/exports.py")]


def directives(header: str) -> dict[str, set[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: set(values) for name, *values in parts}


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["landing", "about", "account_login", "account_signup"])
def test_pages_are_sent_the_strict_policy(client, url_name):
    policy = directives(client.get(reverse(url_name))["Content-Security-Policy"])

    assert policy["default-src"] == {"'self'"}
    assert policy["script-src"] == {"'self'"}
    assert policy["style-src"] == {"'self'"}
    assert policy["object-src"] == {"'none'"}
    assert policy["frame-ancestors"] == {"'none'"}
    assert policy["base-uri"] == {"'self'"}
    assert not any("unsafe" in value for values in policy.values() for value in values)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["api:docs", "api:redoc"])
def test_the_api_reference_exception_is_inline_styles_and_a_blob_worker_only(client, url_name):
    strict = directives(client.get(reverse("landing"))["Content-Security-Policy"])
    policy = directives(client.get(reverse(url_name))["Content-Security-Policy"])

    assert policy.pop("style-src") == {"'self'", "'unsafe-inline'"}
    assert policy.pop("worker-src") == {"'self'", "blob:"}
    strict.pop("style-src")
    assert policy == strict  # scripts from 'self' only, as everywhere
