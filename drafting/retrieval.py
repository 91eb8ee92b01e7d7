"""What a draft may say: the freelancer's own facts that bear on one project, each with a source.

The project's skills are taken one by one. For each, the freelancer's claimed skill (with its
years), and the portfolio items and completed contracts that show it (through the taxonomy:
tagged skills, skills named in the text, the contract's project skills), best first. Best means
closest to the project in meaning: the project's stored vector from the matching engine against
each piece of work encoded by the same encoder; without the encoder, word overlap (TF-IDF) as
matching's keyword scorer computes it. A skill the freelancer lacks gets the related skill they
do have, if matching's co-occurrence table knows one.

Only facts read here can reach a letter: a generator is given these objects and nothing else.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.urls import reverse

from accounts.models import FreelancerProfile, User
from matching.encoder import Encoder
from matching.features import gig_texts
from matching.keywords import keyword_similarities
from matching.models import Embedding, SkillRelation
from matching.ranking import Semantic, vector_of
from matching.skills_in_text import skill_index, skills_in_text
from projects.models import Contract, FreelancerSkill, PortfolioItem, Project, ProjectSkill
from projects.selectors.reputation import reviews_visible_as
from projects.skill_names import normalise

WORK_PER_SKILL = 2
QUOTE_CHARS = 160


@dataclass(frozen=True)
class Source:
    """One field of the freelancer's (or the project's) data that a letter states."""

    key: str  # "<kind>:<id>:<field>", unique within a draft
    kind: str  # profile, skill, portfolio, contract, review, project
    label: str  # what the sources panel calls the record: "Portfolio item “Booking API”"
    field: str  # the field read: "years", "title", "company name"
    value: str  # the value as the letter uses it
    url: str = ""

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "kind": self.kind,
            "label": self.label,
            "field": self.field,
            "value": self.value,
            "url": self.url,
        }


@dataclass
class Held:
    """A skill on the freelancer's profile."""

    name: str
    skill_id: int | None
    years: int
    learned_how: str  # claimed, learned or proven (FreelancerSkill.Source)
    name_source: Source
    years_source: Source | None


@dataclass
class Work:
    """A portfolio item or a completed contract, with the skills it shows."""

    key: str
    kind: str  # portfolio or contract
    title: str
    text: str  # what relevance is measured on
    skill_ids: frozenset[int]
    skill_names: frozenset[str]  # normalised, for free-text skills
    title_source: Source
    client: Source | None = None  # contracts: the employer's company name
    year: Source | None = None  # contracts: the year it ended
    quote: Source | None = None  # contracts: the start of the published review
    relevance: float = 0.0

    def shows(self, asked: "Asked") -> bool:
        if asked.skill_id is not None and asked.skill_id in self.skill_ids:
            return True
        if asked.normalised in self.skill_names:
            return True
        # A skill outside the taxonomy can only be found by its words in the work's text.
        words = rf"(?<!\w){re.escape(asked.normalised)}(?!\w)"
        return asked.skill_id is None and bool(re.search(words, normalise(self.text)))

    @property
    def sources(self) -> list[Source]:
        return [s for s in (self.title_source, self.client, self.year, self.quote) if s]


@dataclass(frozen=True)
class Asked:
    """A skill the project names."""

    name: str
    skill_id: int | None
    normalised: str
    required: bool
    source: Source


@dataclass
class SkillEvidence:
    asked: Asked
    held: Held | None = None
    work: list[Work] = field(default_factory=list)
    related: Held | None = None  # for a skill they lack: a neighbouring one they have

    @property
    def has(self) -> bool:
        return self.held is not None or bool(self.work)


@dataclass
class Retrieval:
    """Everything a generator may use, and how relevance was measured."""

    project: Project
    project_title: Source
    duration: Source
    first_name: Source | None
    headline: Source | None
    years_experience: Source | None
    skills: list[SkillEvidence]
    closest: Work | None  # the freelancer's work nearest the project overall
    method: str  # "semantic" or "keywords"


def _quote(text: str) -> str:
    """The first sentence of a review, cut at a word boundary: a quote, never a paraphrase."""
    text = " ".join((text or "").split())
    for end in (". ", "! ", "? "):
        if end in text:
            text = text.split(end, 1)[0] + end.strip()
            break
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def _held_skills(profile: FreelancerProfile) -> list[Held]:
    held = []
    for row in FreelancerSkill.objects.filter(profile=profile).select_related("skill"):
        label = f"Your skill “{row.name}”"
        years = (
            Source(f"skill:{row.pk}:years", "skill", label, "years", str(row.years))
            if row.years
            else None
        )
        held.append(
            Held(
                name=row.name,
                skill_id=row.skill_id,
                years=row.years,
                learned_how=row.source,
                name_source=Source(f"skill:{row.pk}:name", "skill", label, "skill", row.name),
                years_source=years,
            )
        )
    return held


def _portfolio(profile: FreelancerProfile, index) -> list[Work]:
    works = []
    items = PortfolioItem.objects.filter(profile=profile).prefetch_related("skills")
    for item in items:
        text = f"{item.title}. {item.description}"
        tagged = {skill.pk for skill in item.skills.all()}
        label = f"Portfolio item “{item.title}”"
        works.append(
            Work(
                key=f"portfolio:{item.pk}",
                kind="portfolio",
                title=item.title,
                text=text,
                skill_ids=frozenset(tagged | skills_in_text(text, index)),
                skill_names=frozenset(),
                title_source=Source(
                    f"portfolio:{item.pk}:title",
                    "portfolio",
                    label,
                    "title",
                    item.title,
                    item.link,
                ),
            )
        )
    return works


def _contracts(user: User) -> list[Work]:
    contracts = list(
        Contract.objects.filter(freelancer=user, status=Contract.Status.COMPLETED)
        .select_related("employer__employer_profile", "project")
        .order_by("-ended_at", "-pk")
    )
    skills = defaultdict(list)
    for row in ProjectSkill.objects.filter(
        project_id__in=[c.project_id for c in contracts]
    ).select_related("skill"):
        skills[row.project_id].append(row)
    reviews = {
        review.contract_id: review
        for review in reviews_visible_as(subject=user, role=User.Role.FREELANCER).filter(
            contract__in=contracts
        )
        if review.text.strip()
    }
    works = []
    for contract in contracts:
        rows = skills[contract.project_id]
        label = f"Contract “{contract.title}”"
        url = reverse("projects:contract-detail", args=[contract.pk])
        key = f"contract:{contract.pk}"
        profile = getattr(contract.employer, "employer_profile", None)
        company = (profile.company_name if profile else "").strip()
        ended = contract.ended_at.date() if contract.ended_at else contract.start_date
        review = reviews.get(contract.pk)
        works.append(
            Work(
                key=key,
                kind="contract",
                title=contract.title,
                text=". ".join([contract.title, contract.project.description, contract.terms]),
                skill_ids=frozenset(row.skill_id for row in rows if row.skill_id),
                skill_names=frozenset(normalise(row.name) for row in rows),
                title_source=Source(
                    f"{key}:title", "contract", label, "title", contract.title, url
                ),
                client=Source(f"{key}:client", "contract", label, "client", company, url)
                if company
                else None,
                year=Source(f"{key}:year", "contract", label, "ended", str(ended.year), url),
                quote=Source(
                    f"review:{review.pk}:text",
                    "review",
                    f"The client's review of “{contract.title}”",
                    "text",
                    _quote(review.text),
                    url,
                )
                if review
                else None,
            )
        )
    return works


def _relevance(project: Project, works: list[Work], encoder: Encoder | None) -> str:
    """Set each work's closeness to the project; returns how it was measured."""
    if not works:
        return "semantic" if encoder else "keywords"
    project_text = gig_texts([project.pk]).get(project.pk, project.title)
    if encoder is not None:
        query = vector_of(Embedding.Kind.PROJECT, project.pk, Semantic.current())
        if query is None or len(query) != encoder.dimensions:
            # Not embedded yet (the task runs after commit): the same encoder reads it now.
            query = encoder.encode([project_text])[0]
        vectors = encoder.encode([work.text for work in works])
        for work, score in zip(works, vectors @ np.asarray(query, dtype=np.float32), strict=True):
            work.relevance = float(score)
        return "semantic"
    scores = keyword_similarities(project_text, {i: work.text for i, work in enumerate(works)})
    for i, work in enumerate(works):
        work.relevance = scores[i]
    return "keywords"


def _related(gaps: list[SkillEvidence], held: list[Held]) -> None:
    by_id = {h.skill_id: h for h in held if h.skill_id}
    wanted = [e.asked.skill_id for e in gaps if e.asked.skill_id]
    if not wanted or not by_id:
        return
    strongest: dict[int, tuple[float, int]] = {}
    rows = SkillRelation.objects.filter(skill_id__in=wanted, related_id__in=by_id)
    for skill_id, related_id, strength in rows.values_list("skill_id", "related_id", "strength"):
        if strength > strongest.get(skill_id, (0.0, 0))[0]:
            strongest[skill_id] = (strength, related_id)
    for evidence in gaps:
        if evidence.asked.skill_id in strongest:
            evidence.related = by_id[strongest[evidence.asked.skill_id][1]]


def _asked(project: Project) -> list[Asked]:
    asked = []
    for row in ProjectSkill.objects.filter(project=project).select_related("skill"):
        source = Source(
            f"project:skill:{row.pk}",
            "project",
            "This project's skills",
            "required" if row.required else "nice to have",
            row.name,
        )
        asked.append(Asked(row.name, row.skill_id, normalise(row.name), row.required, source))
    return asked


def _profile_source(profile: FreelancerProfile, name: str, value) -> Source | None:
    text = str(value or "").strip()
    if not text or text == "0":
        return None
    return Source(f"profile:{profile.pk}:{name}", "profile", "Your profile", name, text)


def evidence_retrieve(
    *, profile: FreelancerProfile, project: Project, encoder: Encoder | None
) -> Retrieval:
    """The freelancer's facts relevant to the project, skill by skill, with their sources."""
    held = _held_skills(profile)
    works = _portfolio(profile, skill_index()) + _contracts(profile.user)
    method = _relevance(project, works, encoder)
    works.sort(key=lambda work: (-work.relevance, work.key))
    evidence = []
    for asked in _asked(project):
        match = next(
            (
                h
                for h in held
                if (asked.skill_id and h.skill_id == asked.skill_id)
                or normalise(h.name) == asked.normalised
            ),
            None,
        )
        shown = [work for work in works if work.shows(asked)][:WORK_PER_SKILL]
        evidence.append(SkillEvidence(asked=asked, held=match, work=shown))
    _related([e for e in evidence if not e.has], held)
    project_key = f"project:{project.pk}"
    return Retrieval(
        project=project,
        project_title=Source(
            f"{project_key}:title", "project", "This project", "title", project.title
        ),
        duration=Source(
            f"{project_key}:duration",
            "project",
            "This project",
            "duration in weeks",
            str(project.duration_weeks),
        ),
        first_name=_profile_source(profile, "first name", profile.user.first_name),
        headline=_profile_source(profile, "headline", profile.headline),
        years_experience=_profile_source(profile, "years of experience", profile.years_experience),
        skills=evidence,
        closest=works[0] if works and works[0].relevance > 0 else None,
        method=method,
    )
