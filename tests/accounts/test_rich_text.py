"""Long user text is shown as a safe Markdown subset: rendered by markdown-it-py, sanitised by nh3
on output. The stored text and the API's text stay exactly what the person typed."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from accounts.rich_text import (
    RICH_TEXT_LINK_REL,
    RICH_TEXT_TAGS,
    rich_text_render,
    rich_text_sanitise,
)
from projects.models import Project
from tests.accounts.html_page import parse
from tests.factories import EmployerFactory, FreelancerFactory, ProjectFactory, ProposalFactory
from tests.projects.test_portfolio import PortfolioItemFactory

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<p onclick="alert(1)" style="position:fixed">styled</p>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"><circle r="5"/></svg>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](https://evil.example/track.png)",
    '<a href="https://example.com" onmouseover="alert(1)">hover</a>',
    "<style>body { display: none }</style>",
    "<form action=https://evil.example><input name=password></form>",
]


def tags_and_attributes(html: str) -> tuple[set[str], set[str]]:
    elements = parse(html).find_all()[1:]  # not the document itself
    tags = {element.tag for element in elements}
    attributes = {name for element in elements for name in element.attrs}
    return tags, attributes


def hrefs(html: str) -> list[str | None]:
    return [a.attrs.get("href") for a in parse(html).find_all("a")]


def safe_href(href: str | None) -> bool:
    return href is None or href.startswith(("http:", "https:", "mailto:"))


# --- the renderer ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ATTACKS)
def test_attacks_typed_as_text_are_shown_never_run(text):
    html = rich_text_render(text)
    tags, attributes = tags_and_attributes(html)
    assert tags <= RICH_TEXT_TAGS
    assert not {"script", "img", "iframe", "svg", "style", "form", "input"} & tags
    assert attributes <= {"href", "title", "rel", "start"}
    assert all(safe_href(href) for href in hrefs(html))
    assert "javascript:" not in " ".join(filter(None, hrefs(html))).lower()


@pytest.mark.parametrize("html", [attack for attack in ATTACKS if attack.startswith("<")])
def test_the_sanitiser_alone_removes_what_markdown_would_never_write(html):
    """nh3 is the second line: even raw HTML through it keeps only the allow-list."""
    clean = rich_text_sanitise(html)
    tags, attributes = tags_and_attributes(clean)
    assert tags <= RICH_TEXT_TAGS
    assert attributes <= {"href", "title", "rel", "start"}
    for gone in ("<script", "onerror", "onclick", "onload", "onmouseover", "style=", "javascript:"):
        assert gone not in clean.lower()
    assert "alert(1)</script>" not in clean  # a script's code goes with its tag


def test_markdown_lists_emphasis_links_quotes_and_code_render():
    text = (
        "I **built** three booking systems, _one_ for clinics:\n\n"
        "- Django and PostgreSQL\n- reminders by SMS\n\n"
        "3. plan\n4. build\n\n"
        "> on time and on budget\n\n"
        'See [my work](https://example.com/work "Portfolio") or '
        "[write to me](mailto:me@example.com); `pip install` ~~old~~.\nNext line."
    )
    page = parse(rich_text_render(text))
    assert page.find("strong").text == "built"
    assert page.find("em").text == "one"
    assert [li.text for li in page.find("ul").find_all("li")] == [
        "Django and PostgreSQL",
        "reminders by SMS",
    ]
    assert page.find("ol").attrs["start"] == "3"
    assert page.find("blockquote").text == "on time and on budget"
    assert page.find("code").text == "pip install"
    assert page.find("s").text == "old"
    assert page.find("br") is not None  # a single line break stays one, as people expect
    links = page.find_all("a")
    assert [a.attrs["href"] for a in links] == ["https://example.com/work", "mailto:me@example.com"]
    assert links[0].attrs["title"] == "Portfolio"
    assert {a.attrs["rel"] for a in links} == {RICH_TEXT_LINK_REL}


def test_headings_images_and_relative_links_are_not_offered():
    html = rich_text_render("# Hire me\n\n![me](https://example.com/me.png) [admin](/admin/)")
    tags, _ = tags_and_attributes(html)
    assert not {"h1", "h2", "img"} & tags
    assert "# Hire me" in html
    assert "/admin/" not in html


def test_empty_text_renders_nothing_and_plain_text_is_escaped():
    assert rich_text_render("") == ""
    assert rich_text_render(None) == ""
    assert rich_text_render("Fish & chips < 5 €") == "<p>Fish &amp; chips &lt; 5 €</p>"


def test_the_template_filter_marks_its_output_safe():
    template = Template("{% load rich_text %}{{ text|rich_text }}")
    html = template.render(Context({"text": "*hi* <b>there</b>"}))
    assert html == "<p><em>hi</em> &lt;b&gt;there&lt;/b&gt;</p>"


# --- where it is used ------------------------------------------------------------------------

HOSTILE = 'Needs **Django**.\n\n<script>alert("x")</script>\n\n[site](javascript:alert(1))'


def rich_block(response):
    assert response.status_code == 200
    blocks = [e for e in parse(response.content).find_all() if e.has_class("gw-rich-text")]
    assert blocks, "no rich text on the page"
    return blocks


def assert_rendered_safely(block):
    assert block.find("strong").text == "Django"
    assert block.find("script") is None
    assert '<script>alert("x")</script>' in block.text  # shown as the text that was typed
    assert all(safe_href(a.attrs.get("href")) for a in block.find_all("a"))


@pytest.mark.django_db
def test_project_description_is_rich_text_and_stored_unchanged(client):
    project = ProjectFactory(description=HOSTILE)
    client.force_login(FreelancerFactory())
    response = client.get(reverse("projects:project-detail", args=[project.pk]))
    assert_rendered_safely(rich_block(response)[0])
    assert Project.objects.get(pk=project.pk).description == HOSTILE


@pytest.mark.django_db
def test_the_api_returns_the_description_as_typed_not_html(client):
    project = ProjectFactory(description=HOSTILE)
    client.force_login(FreelancerFactory())
    response = client.get(reverse("api:project-detail", args=[project.pk]))
    assert response.status_code == 200
    assert response.json()["description"] == HOSTILE


@pytest.mark.django_db
def test_cover_letter_is_rich_text(client):
    employer = EmployerFactory()
    proposal = ProposalFactory(project__employer=employer, cover_letter=HOSTILE)
    client.force_login(employer)
    response = client.get(reverse("projects:proposal-detail", args=[proposal.pk]))
    assert_rendered_safely(rich_block(response)[0])
    proposal.refresh_from_db()
    assert proposal.cover_letter == HOSTILE


@pytest.mark.django_db
def test_bio_and_portfolio_are_rich_text_on_the_public_profile(client):
    freelancer = FreelancerFactory()
    profile = freelancer.freelancer_profile
    profile.bio = HOSTILE
    profile.save()
    PortfolioItemFactory(profile=profile, description=HOSTILE)
    client.force_login(EmployerFactory())
    response = client.get(reverse("projects:freelancer-profile", args=[freelancer.pk]))
    bio, portfolio = rich_block(response)
    assert_rendered_safely(bio)
    assert_rendered_safely(portfolio)
