"""Gigwise under load: freelancers and employers of the demo, each signed in as their own account.

bench/load/run.py sets everything up and runs this headless; to run it by hand against a
server with the demo seeded (never anything but 127.0.0.1):

    LOAD_ACCOUNTS=accounts.json .venv/bin/locust -f bench/load/locustfile.py --headless \
        --users 10 --spawn-rate 5 --run-time 30s --host http://127.0.0.1:8000

LOAD_ACCOUNTS is a JSON file {"password": ..., "freelancers": [e-mails], "employers": [e-mails]}
(run.py writes it from the database: freelancers with skills, employers with an open project
that has proposals). Each locust user takes the next unused account, so per-user limits see
one person each. LOAD_COUNTS names a JSON file written at the end with what the clients
counted: proposals and projects the server accepted (a redirect to the new object), and
shortlistings.

Behaviour, with a think time of 1-3 s between tasks:

- Freelancers (4 in 5 users): the gig feed ("feed"), keyword search of open projects
  ("search"), a project's page with the two fragments it loads ("project", "project match",
  "client signals"), and now and then a proposal on a project the feed offered ("proposal
  form" with its "bid advice" fragment, then "submit proposal"), at most LOAD_MAX_PROPOSALS (5)
  each, far below a per-person hourly limit.
- Employers (1 in 5): their open projects ("my projects"), suggested talent for one of them
  ("suggested talent"), its proposals ("proposals") and one shortlisted ("shortlist"), and
  now and then a new project published ("project form" with its "talent pool" fragment, then
  "post project"), at most LOAD_MAX_POSTS (2) each.
- Everyone: the landing page now and then ("landing (baseline)"): the floor a signed-in page
  costs (session, user, navbar counts, a template), to read the other pages' figures against.

The figures start afresh once every user has signed in (the sign-in storm of the ramp-up
queues every other request behind 50 password hashes); the sign-ins' own times go to
LOAD_COUNTS. Every POST carries the CSRF token of the form it came from, as a browser does. A
request counts as a failure when the status is not the one the browser expects, or a form
comes back with errors; rate-limit answers (429) are failures too.
"""

import json
import os
import random
import re
import threading
import time
from html import unescape
from pathlib import Path

from locust import HttpUser, between, events, task
from locust.exception import StopUser

MAX_PROPOSALS = int(os.environ.get("LOAD_MAX_PROPOSALS", "5"))
MAX_POSTS = int(os.environ.get("LOAD_MAX_POSTS", "2"))

# What freelancers type into search: skills and kinds of work the demo's projects mention.
SEARCH_WORDS = [
    "python", "django", "react", "wordpress", "logo design", "data analysis", "seo",
    "mobile app", "copywriting", "translation", "video editing", "marketing", "excel",
    "javascript", "shopify", "machine learning", "bookkeeping", "ui design", "aws", "api",
]  # fmt: skip

# What employers post: titles, descriptions and skills the taxonomy knows.
POSTINGS = [
    ("Booking site for a dental clinic", "Django, PostgreSQL", "web"),
    ("Dashboard for our sales figures", "Python, SQL", "data"),
    ("Landing page redesign", "Figma, HTML", "design"),
    ("Mobile app for a bakery's loyalty card", "React Native, JavaScript", "mobile"),
    ("Blog articles on home energy", "Copywriting, SEO", "writing"),
    ("Move our servers to the cloud", "Amazon Web Services, Docker", "cloud"),
]

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PROJECT_LINK = re.compile(r'href="/projects/(\d+)/"')
SHORTLIST_ACTION = re.compile(r'action="(/proposals/\d+/shortlist/)"')
ANSWER_FIELD = re.compile(r'name="(answer_\d+)"')
CURRENCY_SELECTED = re.compile(
    r'<select name="currency".*?<option value="([A-Z]{3})" selected', re.DOTALL
)
CATEGORY_OPTION = re.compile(r'<select name="category".*?</select>', re.DOTALL)
OPTION_VALUE = re.compile(r'<option value="(\d+)"')
HOURLY = re.compile(r"Your hourly rate")
HTMX = {"HX-Request": "true"}


class Accounts:
    """The accounts of LOAD_ACCOUNTS, each handed out once (locust users are greenlets)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.data: dict | None = None

    def take(self, kind: str) -> tuple[str, str]:
        with self.lock:
            if self.data is None:
                path = os.environ.get("LOAD_ACCOUNTS")
                if not path:
                    raise RuntimeError(
                        "Set LOAD_ACCOUNTS to the accounts file (see the docstring)."
                    )
                self.data = json.loads(Path(path).read_text())
            if not self.data[kind]:
                raise StopUser(f"no {kind} account left in LOAD_ACCOUNTS")
            return self.data[kind].pop(), self.data["password"]


ACCOUNTS = Accounts()
COUNTS = {
    "logins": 0,
    "proposals_accepted": 0,
    "proposals_refused": 0,
    "projects_posted": 0,
    "shortlisted": 0,
    "measured_from": 0.0,  # when the figures were reset, all users signed in (epoch seconds)
}


LOGIN_SECONDS: list[float] = []


def _measure_once_all_signed_in(environment) -> None:
    """Start the figures afresh once the last user has signed in.

    Signing in hashes the password (PBKDF2, a million rounds: the slowest request there is, on
    purpose), and 50 people signing in within ten seconds queue every other request behind
    them. The pages' figures are the steady state after that; the sign-ins' own times are
    kept in LOAD_COUNTS ("login_ms"). A failed sign-in never reaches the count, so its failure
    stays in the figures.
    """
    options = environment.parsed_options
    target = getattr(options, "num_users", None) if options else None
    if target and COUNTS["logins"] == target and not COUNTS["measured_from"]:
        environment.stats.reset_all()
        COUNTS["measured_from"] = time.time()


def csrf_of(html: str) -> str:
    match = CSRF_FIELD.search(html)
    return unescape(match[1]) if match else ""


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    kind = ""

    def on_start(self) -> None:
        self.email, password = ACCOUNTS.take(self.kind)
        begun = time.perf_counter()
        with self.client.get("/accounts/login/", name="login form", catch_response=True) as page:
            token = csrf_of(page.text)
            if not token:
                page.failure("no CSRF token on the login form")
                raise StopUser()
        with self.client.post(
            "/accounts/login/",
            data={"csrfmiddlewaretoken": token, "login": self.email, "password": password},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"login of {self.email} answered {answer.status_code}")
                raise StopUser()
        LOGIN_SECONDS.append(time.perf_counter() - begun)
        COUNTS["logins"] += 1
        _measure_once_all_signed_in(self.environment)

    def post_form(self, url: str, token: str, data: dict, *, name: str, referer: str):
        """POST like a browser's form: the page's token, no redirect followed."""
        return self.client.post(
            url,
            data={"csrfmiddlewaretoken": token, **data},
            headers={"Referer": f"{self.host}{referer}"},
            name=name,
            allow_redirects=False,
            catch_response=True,
        )

    @task(1)
    def landing(self) -> None:
        self.client.get("/", name="landing (baseline)")


class Freelancer(Person):
    weight = 4
    kind = "freelancers"

    def on_start(self) -> None:
        super().on_start()
        self.seen: list[int] = []  # projects the feed or search showed: to read
        self.offered: list[int] = []  # those the feed showed: to propose on (it leaves out
        # projects the person already proposed on; search does not)
        self.proposed: set[int] = set()
        self.sent = 0

    def _remember(self, html: str) -> list[int]:
        found = [int(pk) for pk in PROJECT_LINK.findall(html)]
        if found:
            self.seen = list(dict.fromkeys(found + self.seen))[:60]
        return found

    @task(4)
    def feed(self) -> None:
        page = self.client.get("/gigs/", name="feed")
        self.offered = self._remember(page.text) or self.offered

    @task(3)
    def search(self) -> None:
        word = random.choice(SEARCH_WORDS)
        page = self.client.get("/projects/", params={"q": word}, name="search")
        self._remember(page.text)

    def _project(self, pk: int) -> None:
        self.client.get(f"/projects/{pk}/", name="project")
        # The two fragments the page loads with htmx as it opens.
        self.client.get(f"/gigs/{pk}/match/", headers=HTMX, name="project match")
        self.client.get(
            f"/insights/projects/{pk}/client-signals/", headers=HTMX, name="client signals"
        )

    @task(3)
    def project(self) -> None:
        if self.seen:
            self._project(random.choice(self.seen))
        else:
            self.feed()

    @task(1)
    def propose(self) -> None:
        if self.sent >= MAX_PROPOSALS:
            return self.feed()
        fresh = [pk for pk in self.offered if pk not in self.proposed]
        if not fresh:
            return self.feed()
        pk = random.choice(fresh)
        self.proposed.add(pk)
        self._project(pk)
        url = f"/projects/{pk}/propose/"
        with self.client.get(url, name="proposal form", catch_response=True) as form:
            if form.status_code == 404:
                form.success()  # closed or hired since the feed showed it: not a failure
                return None
            html = form.text
            if 'name="cover_letter"' not in html:
                form.failure("no proposal form on the page")
                return None
        token = csrf_of(html)
        currency = CURRENCY_SELECTED.search(html)
        currency = currency[1] if currency else "USD"
        self.client.get(
            f"/insights/projects/{pk}/bid-advice/",
            params={"bid_amount": "", "currency": currency},
            headers=HTMX,
            name="bid advice",
        )
        data = {
            "cover_letter": (
                "I have built several projects like this one. I would start by agreeing the "
                "scope with you, then deliver a first working version within a week."
            ),
            "bid_amount": "45" if HOURLY.search(html) else "900",
            "currency": currency,
            "estimated_duration_weeks": "4",
        }
        for field in ANSWER_FIELD.findall(html):
            data[field] = "Yes: I did this for two clients last year."
        with self.post_form(url, token, data, name="submit proposal", referer=url) as answer:
            location = answer.headers.get("Location", "")
            if answer.status_code == 302 and re.search(r"/proposals/\d+/$", location):
                self.sent += 1
                COUNTS["proposals_accepted"] += 1
            else:
                COUNTS["proposals_refused"] += 1
                errors = re.findall(r'class="invalid-feedback[^"]*"[^>]*>([^<]+)', answer.text)
                answer.failure(
                    f"proposal not accepted ({answer.status_code} {location}): "
                    + "; ".join(e.strip() for e in errors[:3])
                )
        return None


class Employer(Person):
    weight = 1
    kind = "employers"

    def on_start(self) -> None:
        super().on_start()
        self.open_projects: list[int] = []
        self.posted = 0

    def _mine(self) -> None:
        page = self.client.get("/projects/mine/", params={"status": "open"}, name="my projects")
        found = [int(pk) for pk in PROJECT_LINK.findall(page.text)]
        self.open_projects = list(dict.fromkeys(found))

    @task(3)
    def suggested_talent(self) -> None:
        self._mine()
        if self.open_projects:
            pk = random.choice(self.open_projects)
            self.client.get(f"/projects/{pk}/talent/", name="suggested talent")

    @task(2)
    def shortlist(self) -> None:
        if not self.open_projects:
            self._mine()
        if not self.open_projects:
            return
        pk = random.choice(self.open_projects)
        referer = f"/projects/{pk}/proposals/"
        page = self.client.get(referer, name="proposals")
        actions = SHORTLIST_ACTION.findall(page.text)
        if not actions:
            return
        token = csrf_of(page.text)
        with self.post_form(
            random.choice(actions), token, {"next": "list"}, name="shortlist", referer=referer
        ) as answer:
            if answer.status_code == 302 and answer.headers.get("Location", "").startswith(referer):
                COUNTS["shortlisted"] += 1
            else:
                answer.failure(f"shortlist answered {answer.status_code}")

    @task(1)
    def post_project(self) -> None:
        if self.posted >= MAX_POSTS:
            return self.suggested_talent()
        form = self.client.get("/projects/new/", name="project form")
        html = form.text
        token = csrf_of(html)
        self.client.get("/insights/talent-pool/", headers=HTMX, name="talent pool")
        title, skills, _ = random.choice(POSTINGS)
        categories = CATEGORY_OPTION.search(html)
        category = random.choice(OPTION_VALUE.findall(categories[0])) if categories else ""
        data = {
            "title": f"{title} ({random.randint(100, 999)})",
            "description": (
                f"{title}. We have a rough plan and the content; we need someone to build it, "
                "keep us posted each week and hand over everything at the end."
            ),
            "required_skills": skills,
            "nice_skills": "",
            "category": category,
            "budget_type": "fixed",
            "budget_min": "800",
            "budget_max": "2000",
            "currency": "USD",
            "experience_level": "intermediate",
            "duration_weeks": "6",
            "hours_per_week": "",
            "region": "any",
            "visibility": "public",
            "screening_questions": "",
            "next": "publish",
        }
        with self.post_form(
            "/projects/new/", token, data, name="post project", referer="/projects/new/"
        ) as answer:
            location = answer.headers.get("Location", "")
            if answer.status_code == 302 and re.search(r"/projects/\d+/$", location):
                self.posted += 1
                COUNTS["projects_posted"] += 1
            else:
                errors = re.findall(r'class="invalid-feedback[^"]*"[^>]*>([^<]+)', answer.text)
                answer.failure(
                    f"project not posted ({answer.status_code} {location}): "
                    + "; ".join(e.strip() for e in errors[:3])
                )
        return None


@events.quitting.add_listener
def counts_write(environment, **kwargs) -> None:
    path = os.environ.get("LOAD_COUNTS")
    if path:
        times = sorted(LOGIN_SECONDS)
        login_ms = {
            f"p{q}": round(1000 * times[min(len(times) - 1, int(q / 100 * len(times)))])
            for q in (50, 95, 99)
        } if times else {}  # fmt: skip
        Path(path).write_text(json.dumps({**COUNTS, "login_ms": login_ms}) + "\n")
