"""Crawl the site from each role's dashboard: no page answers a server error, no link is broken.

Starting at the dashboard, every same-site link is followed breadth-first (up to MAX_PAGES
pages per role). A link our own pages show that answers 404 is a broken link; a 5xx is a bug.
Staff also open the admin: its index, every changelist and the first change page of each.
"""

import re
from collections import deque
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.permissions.world import World, build_world

MAX_PAGES = 150
SKIPPED_PREFIXES = ("/static/", "/media/", reverse("account_logout"))
ADMIN = reverse("admin:index")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def same_site_links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    links = []
    for href in parser.hrefs:
        url, _fragment = urldefrag(unescape(href))
        if url.startswith("/") and not url.startswith("//"):
            links.append(url)
    return links


def _is_skipped(url: str, *, staff: bool) -> bool:
    path = urlsplit(url).path
    if path.startswith(SKIPPED_PREFIXES):
        return True
    return path.startswith(ADMIN) and not staff


def crawl(client, start: str, *, staff: bool = False) -> tuple[dict[str, int], list[str]]:
    """Visit pages breadth-first from `start`; answers by URL, and the problems found."""
    seen: dict[str, int] = {}
    problems: list[str] = []
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    queued = {start}
    while queue and len(seen) < MAX_PAGES:
        url, linked_from = queue.popleft()
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code >= 500:
            problems.append(f"{url} answers {response.status_code} (linked from {linked_from})")
            continue
        if response.status_code == 404:
            problems.append(f"{url} is a broken link: 404 (linked from {linked_from})")
            continue
        if response.status_code in (301, 302):
            targets = [response["Location"]]
        elif response.status_code == 200:
            is_admin = urlsplit(url).path.startswith(ADMIN)
            # The admin is crawled on its own below; its filter and sort links are endless.
            is_html = response.get("Content-Type", "").startswith("text/html")
            targets = [] if is_admin or not is_html else same_site_links(response.content.decode())
        else:
            problems.append(f"{url} answers {response.status_code} (linked from {linked_from})")
            continue
        for target in targets:
            if target.startswith("/") and target not in queued:
                if _is_skipped(target, staff=staff):
                    continue
                queued.add(target)
                queue.append((target, url))
    return seen, problems


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.mark.parametrize("role", ["X", "A", "staff"], ids=["freelancer", "employer", "staff"])
def test_every_page_linked_from_the_dashboard_works(client, world, role):
    client.force_login(world.user(role))
    seen, problems = crawl(client, reverse("projects:dashboard"), staff=role == "staff")
    assert not problems
    # The crawl reached the marketplace, not just the dashboard.
    expected = {
        "X": ["projects:my-proposals", "projects:contract-list", "projects:inbox"],
        "A": ["projects:project-mine", "projects:contract-list", "projects:project-create"],
        "staff": ["projects:inbox", "projects:notification-list"],
    }[role]
    for name in expected:
        assert reverse(name) in seen, name
    if role != "staff":
        assert reverse("projects:contract-detail", args=[world.contract.pk]) in seen
        assert reverse("projects:thread-detail", args=[world.thread.pk]) in seen
    else:
        assert ADMIN in seen


def _admin_change_links(html: str, changelist: str) -> list[str]:
    pattern = re.compile(rf'href="({re.escape(changelist)}\d+/change/[^"]*)"')
    return [unescape(link) for link in pattern.findall(html)]


def test_staff_open_every_admin_changelist_and_a_change_page(client, world, staff_login):
    staff_login(client, world.staff)
    assert client.get(ADMIN).status_code == 200
    problems = []
    opened_change_pages = 0
    for model in admin.site._registry:
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = client.get(changelist)
        if response.status_code != 200:
            problems.append(f"{changelist} answers {response.status_code}")
            continue
        links = _admin_change_links(response.content.decode(), changelist)
        if model._default_manager.exists() and not links:
            problems.append(f"{changelist} lists no change page though rows exist")
        if links:
            change = client.get(links[0])
            opened_change_pages += 1
            if change.status_code != 200:
                problems.append(f"{links[0]} answers {change.status_code}")
    assert not problems
    assert opened_change_pages >= 10


@pytest.mark.parametrize(
    "link",
    [
        ("admin:projects_report_changelist", "status__exact=open"),
        ("admin:projects_project_changelist", "is_hidden__exact=1"),
        ("admin:accounts_user_changelist", "is_active__exact=0"),
    ],
)
def test_the_staff_dashboard_filters_are_ones_the_admin_accepts(client, world, link, staff_login):
    """The admin answers an unknown filter with a redirect to ?e=1, not an error: catch it."""
    name, query = link
    staff_login(client, world.staff)
    response = client.get(f"{reverse(name)}?{query}")
    assert response.status_code == 200
    assert f"?{query}" in client.get(reverse("projects:dashboard")).content.decode()
