"""What a demo freelancer in each kind of category sounds like and charges.

The taxonomy's categories are whatever `import_skills` created, so an archetype is matched
to a category by words in its name or slug ("Web development" → web), with a generic one
for anything unrecognised. Rates are US dollars an hour for a mid-career freelancer in a
high-cost country; the generator scales them by country and experience, and a brief's budget
by the level it asks for (`level_rates`).
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Archetype:
    key: str
    keywords: tuple[str, ...]  # whole words (or phrases) in a category's name or slug
    roles: tuple[str, ...]
    rate: tuple[int, int]
    headlines: tuple[str, ...]  # {role} {s1} {s2} {s3}
    pitches: tuple[str, ...]  # one bio sentence: {s1} {s2} {s3} {skills}
    portfolio: tuple[str, ...]  # portfolio titles: {s1} {s2}
    needs: str  # what an employer hiring in this category wants, for company descriptions


_COMMON_HEADLINES = (
    "{role} · {s1}, {s2} and {s3}",
    "{role} specialising in {s1} and {s2}",
    "{role} ({s1}, {s2})",
)

ARCHETYPES: tuple[Archetype, ...] = (
    Archetype(
        "security",
        ("security", "cybersecurity", "cyber", "infosec", "penetration"),
        (
            "Security engineer",
            "Penetration tester",
            "Security consultant",
            "Cloud security analyst",
        ),
        (50, 160),
        (*_COMMON_HEADLINES, "{role} · audits, hardening and {s1}"),
        (
            "I run security reviews and penetration tests and write reports developers can act on.",
            "Most of my work involves {s1} and {s2}: finding weaknesses early and fixing "
            "them properly.",
        ),
        ("Security audit for a fintech start-up ({s1})", "Hardening a SaaS platform with {s1}"),
        "security reviews and penetration testing",
    ),
    Archetype(
        "ai",
        ("ai", "machine learning", "artificial intelligence", "ml", "deep learning", "nlp"),
        ("Machine learning engineer", "AI engineer", "Data scientist", "NLP engineer"),
        (50, 170),
        (*_COMMON_HEADLINES, "{role} · from prototype to production with {s1}"),
        (
            "I build models that ship: data preparation, training, evaluation and deployment, "
            "mostly with {s1}.",
            "I help teams turn {s1} and {s2} experiments into reliable features.",
        ),
        ("Demand forecasting model ({s1})", "Document classifier with {s1} and {s2}"),
        "machine learning models and AI features",
    ),
    Archetype(
        "web",
        ("web", "frontend", "front", "backend", "full", "stack", "software", "programming"),
        ("Web developer", "Full-stack developer", "Front-end developer", "Back-end developer"),
        (30, 110),
        (*_COMMON_HEADLINES, "{role} · fast, accessible sites with {s1}"),
        (
            "I build web applications with {s1} and {s2}, tested and documented.",
            "I take products from a first prototype to a maintained codebase; {s1} is my "
            "strongest skill.",
        ),
        ("Booking platform built with {s1}", "Legacy site rewrite ({s1}, {s2})"),
        "web development",
    ),
    Archetype(
        "mobile",
        ("mobile", "ios", "android", "apps", "app"),
        ("Mobile developer", "iOS developer", "Android developer", "Mobile app engineer"),
        (35, 120),
        (*_COMMON_HEADLINES, "{role} · {s1} apps from idea to store"),
        (
            "I build and publish mobile apps with care for offline use and accessibility; my main "
            "tools are {s1} and {s2}.",
            "From design hand-off to store release, I work mostly with {s1} and {s2}.",
        ),
        ("Fitness studio app ({s1})", "Delivery tracking app ({s1}, {s2})"),
        "mobile apps for iOS and Android",
    ),
    Archetype(
        "cloud",
        ("cloud", "devops", "infrastructure", "sysadmin", "it", "networking", "sre"),
        ("DevOps engineer", "Cloud engineer", "Site reliability engineer", "Platform engineer"),
        (45, 150),
        (*_COMMON_HEADLINES, "{role} · {s1}, CI/CD and cost control"),
        (
            "I automate infrastructure and keep deployments boring, mostly with {s1} and {s2}.",
            "I set up CI/CD, monitoring and backups so small teams can ship safely; {s1} is "
            "my daily tool.",
        ),
        ("Monolith-to-containers migration ({s1})", "CI/CD pipeline for a SaaS team ({s1}, {s2})"),
        "cloud infrastructure, CI/CD and DevOps",
    ),
    Archetype(
        "data",
        ("data", "analytics", "analysis", "bi", "database", "databases", "statistics"),
        ("Data analyst", "Data engineer", "BI developer", "Analytics consultant"),
        (30, 120),
        (*_COMMON_HEADLINES, "{role} · dashboards and reporting in {s1}"),
        (
            "I turn messy spreadsheets and databases into clear dashboards, mostly with {s1} "
            "and {s2}.",
            "I build data pipelines and reports that people actually read; {s1} is my "
            "strongest skill.",
        ),
        (
            "Sales dashboard ({s1})",
            "Reporting pipeline with {s1} and {s2}",
            "Customer churn analysis",
        ),
        "data analysis, dashboards and reporting",
    ),
    Archetype(
        "design",
        ("design", "designer", "creative", "ux", "ui", "graphic", "graphics", "illustration"),
        ("Product designer", "UX/UI designer", "Graphic designer", "Brand designer"),
        (25, 95),
        (*_COMMON_HEADLINES, "{role} · research-led design in {s1}"),
        (
            "I design interfaces and brands, starting from what users need; {s1} and {s2} "
            "are my core skills.",
            "I take a brief to tested prototypes and a consistent design system, working in {s1}.",
        ),
        ("Brand identity for a coffee roaster", "Design system for a SaaS dashboard ({s1})"),
        "product, UX and brand design",
    ),
    Archetype(
        "video",
        ("video", "audio", "animation", "music", "photography", "motion", "multimedia"),
        ("Video editor", "Motion designer", "Audio producer", "Animator"),
        (25, 90),
        (*_COMMON_HEADLINES, "{role} · {s1} for brands and creators"),
        (
            "I edit and animate videos for campaigns, courses and channels, mostly with {s1}.",
            "I produce sound and motion in {s1} and {s2}, delivered on schedule.",
        ),
        ("Explainer video ({s1})", "Podcast series edit and mix"),
        "video, animation and audio production",
    ),
    Archetype(
        "translation",
        ("translation", "translator", "localization", "localisation", "languages", "language"),
        ("Translator", "Localisation specialist", "Interpreter", "Subtitler"),
        (18, 60),
        (*_COMMON_HEADLINES, "{role} · accurate, natural translations"),
        (
            "I translate and localise websites, apps and documents; {s1} is my speciality.",
            "I deliver translations that read as if they were written in the target language.",
        ),
        ("Localisation of a travel app", "Product catalogue translation ({s1})"),
        "translation and localisation",
    ),
    Archetype(
        "writing",
        ("writing", "writer", "content", "copywriting", "editing", "proofreading"),
        ("Copywriter", "Content writer", "Technical writer", "Editor"),
        (20, 75),
        (*_COMMON_HEADLINES, "{role} · clear words that convert"),
        (
            "I write clear, on-brand copy and articles; my strongest areas are {s1} and {s2}.",
            "I research, write and edit long-form content, from blog series to documentation.",
        ),
        (
            "Blog series for a B2B software company",
            "Website copy rewrite",
            "User guide for a SaaS product",
        ),
        "writing, editing and content",
    ),
    Archetype(
        "marketing",
        ("marketing", "seo", "sales", "social", "advertising", "growth", "ecommerce"),
        ("Digital marketer", "SEO specialist", "Growth marketer", "Social media manager"),
        (25, 95),
        (*_COMMON_HEADLINES, "{role} · measurable growth with {s1}"),
        (
            "I plan and run campaigns with {s1} and {s2}, and report on what they earn.",
            "I grow traffic and sales through {s1}, testing before scaling.",
        ),
        ("Campaign for an online shop ({s1})", "SEO audit and content plan"),
        "marketing, SEO and growth",
    ),
    Archetype(
        "finance",
        ("finance", "financial", "accounting", "bookkeeping", "tax"),
        ("Accountant", "Bookkeeper", "Financial analyst", "Finance consultant"),
        (30, 110),
        (*_COMMON_HEADLINES, "{role} · tidy books and clear numbers"),
        (
            "I keep books, prepare reports and build financial models; {s1} and {s2} are my "
            "core skills.",
            "I help small businesses with {s1}, {s2} and month-end close.",
        ),
        ("Financial model for a seed round", "Bookkeeping clean-up ({s1})"),
        "accounting, bookkeeping and financial analysis",
    ),
    Archetype(
        "legal",
        ("legal", "law", "compliance", "contracts"),
        ("Legal consultant", "Contract lawyer", "Compliance specialist", "Paralegal"),
        (50, 180),
        (*_COMMON_HEADLINES, "{role} · contracts and compliance"),
        (
            "I draft and review contracts and policies, with a focus on {s1}.",
            "I help companies meet their legal obligations without slowing down; {s1} is my "
            "speciality.",
        ),
        ("Terms of service and privacy policy", "Contract review for a marketplace ({s1})"),
        "contracts, compliance and legal review",
    ),
    Archetype(
        "engineering",
        ("engineering", "architecture", "cad", "mechanical", "electrical", "hardware"),
        ("Mechanical engineer", "CAD designer", "Electrical engineer", "Product engineer"),
        (40, 130),
        (*_COMMON_HEADLINES, "{role} · models and drawings in {s1}"),
        (
            "I design parts and assemblies and prepare them for manufacturing, mostly with {s1}.",
            "I produce drawings, simulations and prototypes with {s1} and {s2}.",
        ),
        ("Consumer device model ({s1})", "Enclosure design for an IoT sensor"),
        "engineering and CAD work",
    ),
    Archetype(
        "management",
        ("management", "project", "product", "professional", "consulting", "business", "hr"),
        ("Project manager", "Product manager", "Business consultant", "Scrum master"),
        (35, 120),
        (*_COMMON_HEADLINES, "{role} · delivery you can plan around"),
        (
            "I run projects with {s1} and {s2}: clear plans, honest status, no surprises.",
            "I help teams decide what to build and get it shipped, using {s1} where it helps.",
        ),
        ("Roll-out plan for a new CRM", "Coaching a remote product team ({s1})"),
        "project and product management",
    ),
    Archetype(
        "admin",
        (
            "admin",
            "administrative",
            "administration",
            "virtual",
            "assistant",
            "customer",
            "support",
        ),
        (
            "Virtual assistant",
            "Executive assistant",
            "Customer support specialist",
            "Data entry clerk",
        ),
        (8, 35),
        (*_COMMON_HEADLINES, "{role} · organised, reliable, responsive"),
        (
            "I take the busywork off founders' hands: {s1}, {s2} and whatever keeps things "
            "running.",
            "I handle {s1} and {s2} accurately, and I answer within hours.",
        ),
        ("Inbox and calendar management for a consultancy", "CRM clean-up ({s1})"),
        "administrative support and customer service",
    ),
)

GENERIC = Archetype(
    "generic",
    (),
    ("{category} specialist", "{category} consultant", "Freelance {category} professional"),
    (20, 80),
    _COMMON_HEADLINES,
    ("I help clients with {s1} and {s2}, from first brief to delivery.",),
    ("{s1} project for a small business", "{s1} and {s2} engagement"),
    "{category}",
)

_WORDS = re.compile(r"[a-z0-9]+")


# The part of a kind of work's rate range that each level asks for, as shares of the range.
# They overlap, as in a real market: a seasoned entry-level freelancer may cost what a new
# expert does, but experts cost more on the whole (Upwork's $, $$, $$$ tiers).
LEVEL_BANDS = {"entry": (0.0, 0.45), "intermediate": (0.25, 0.75), "expert": (0.55, 1.0)}


def level_rates(rate: tuple[int, int], level: str) -> tuple[float, float]:
    """The hourly range (low, high) that a brief at `level` pays in a kind of work."""
    low, high = rate
    start, end = LEVEL_BANDS.get(level, (0.0, 1.0))
    return low + start * (high - low), low + end * (high - low)


def archetype_for(category_name: str, category_slug: str = "") -> Archetype:
    """The archetype a category's name or slug points to, or the generic one."""
    text = " ".join(_WORDS.findall(f"{category_name} {category_slug}".casefold()))
    padded = f" {text} "
    for archetype in ARCHETYPES:
        if any(f" {keyword} " in padded for keyword in archetype.keywords):
            return archetype
    return GENERIC


# Which kinds of work one person plausibly combines (a second category is drawn from these).
ADJACENT = {
    "web": ("mobile", "cloud", "design", "data", "security"),
    "mobile": ("web", "design", "cloud"),
    "ai": ("data", "web", "cloud"),
    "data": ("ai", "web", "finance", "marketing"),
    "cloud": ("web", "security", "data"),
    "security": ("cloud", "web", "legal"),
    "design": ("web", "mobile", "marketing", "video"),
    "video": ("design", "marketing"),
    "writing": ("marketing", "translation"),
    "translation": ("writing", "admin"),
    "marketing": ("writing", "design", "data"),
    "finance": ("data", "admin", "management"),
    "legal": ("finance", "management", "writing"),
    "engineering": ("design", "data"),
    "management": ("finance", "marketing", "admin"),
    "admin": ("writing", "marketing", "finance"),
}

# Bio sentences about how someone works; any archetype.
WORK_STYLE = (
    "I work in small, reviewed steps and share progress every few days.",
    "Clients keep me for the long run because I communicate early and often.",
    "I document what I deliver so your team can take it over.",
    "I am used to working across time zones with distributed teams.",
    "I prefer clear scopes and honest estimates; I say so when something will take longer.",
    "I enjoy mentoring and pair work as much as shipping on my own.",
)
# For people new to the platform: those starting out, and those with a career behind them.
NEWCOMER_JUNIOR = (
    "I am new to freelancing and building my portfolio, so I price fairly and over-deliver.",
    "After finishing my studies I am taking my first freelance projects.",
)
NEWCOMER_EXPERIENCED = (
    "I recently moved into freelancing after {years} years in salaried roles.",
    "I am new to Gigwise but not to the work: {years} years of it, now as a freelancer.",
)
