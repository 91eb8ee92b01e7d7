"""What demo employers post when there are no real postings: briefs per kind of work.

Each brief is written the way a client writes one: the situation, what they need done, and
what they expect back. {s1} and {s2} are the project's first two skills, so a brief for a
category reads right whatever the taxonomy calls its skills.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Brief:
    title: str
    context: str
    tasks: tuple[str, ...]
    budget_type: str  # "fixed" or "hourly": how such work is usually bought


def _b(title: str, context: str, tasks: tuple[str, ...], budget_type: str = "fixed") -> Brief:
    return Brief(title, context, tasks, budget_type)


BRIEFS: dict[str, tuple[Brief, ...]] = {
    "web": (
        _b(
            "Online booking system for a chain of physiotherapy clinics",
            "Our four clinics take bookings by phone and a shared spreadsheet. We want patients "
            "to book, move and cancel appointments online, and staff to see the day's diary.",
            (
                "Booking flow for patients, with e-mail confirmations and reminders",
                "Staff calendar per clinic and therapist",
                "Admin pages for opening hours, services and prices",
                "Deployment with a short handover document",
            ),
        ),
        _b(
            "Speed up and modernise our {s1} web application",
            "Our customer portal has grown for six years and pages now take four to six seconds "
            "to load. We need someone to profile it, fix the worst offenders and leave the code "
            "in better shape.",
            (
                "Measure and report where the time goes",
                "Fix slow queries and heavy pages, with tests",
                "Upgrade outdated dependencies safely",
            ),
            "hourly",
        ),
        _b(
            "Customer dashboard for our subscription product ({s1}, {s2})",
            "Subscribers currently e-mail support to see invoices or change plans. We want a "
            "self-service dashboard connected to our billing provider's API.",
            (
                "Sign-in, plan overview and invoice history",
                "Upgrade, downgrade and cancel flows",
                "Automated tests for the billing edge cases",
            ),
        ),
        _b(
            "Ongoing {s1} developer for our small product team",
            "We are a team of three shipping a B2B scheduling tool. We need a reliable developer "
            "for about twenty hours a week to take tickets from our backlog.",
            (
                "Pick up features and bugs from a prioritised backlog",
                "Review pull requests from the other developers",
                "Join a weekly planning call",
            ),
            "hourly",
        ),
    ),
    "mobile": (
        _b(
            "iOS and Android app for a neighbourhood food delivery service",
            "We run deliveries for twelve local restaurants through a web page. Customers keep "
            "asking for an app with order tracking and saved addresses.",
            (
                "Menu browsing, basket and checkout against our existing API",
                "Live order status with push notifications",
                "Store listings and release on both stores",
            ),
        ),
        _b(
            "Fix crashes and polish our {s1} fitness app",
            "Our app has 15,000 monthly users and a 3.9 rating, mostly because of crashes on "
            "older phones. We need someone to stabilise it before our next campaign.",
            (
                "Triage the crash reports and fix the top issues",
                "Improve start-up time and offline behaviour",
                "Set up automated builds for test releases",
            ),
            "hourly",
        ),
        _b(
            "Offline-first field inspection app ({s1})",
            "Our inspectors visit sites without reliable signal. They fill in paper checklists "
            "that are typed up later; we want an app that works offline and syncs when back "
            "online.",
            (
                "Configurable checklists with photos and signatures",
                "Offline storage and conflict-safe sync",
                "PDF report generated per inspection",
            ),
        ),
    ),
    "data": (
        _b(
            "Sales dashboard in {s1} from our CRM and accounting data",
            "Management gets a monthly spreadsheet that takes two days to assemble. We want a "
            "dashboard that refreshes daily and shows pipeline, revenue and churn.",
            (
                "Connect the CRM and accounting exports",
                "Model the data and define the key figures with us",
                "Build the dashboard and document how to maintain it",
            ),
        ),
        _b(
            "Data analyst for monthly reporting and ad-hoc questions",
            "We are a 40-person e-commerce company without an analyst. We need someone to own "
            "our monthly reporting and answer questions from marketing and operations.",
            (
                "Monthly KPI report with commentary",
                "Ad-hoc analyses, typically a few per month",
                "Clean up and document our {s1} queries",
            ),
            "hourly",
        ),
        _b(
            "Clean and merge five years of customer data ({s1}, {s2})",
            "After two acquisitions our customer records live in three systems with many "
            "duplicates. We need one clean, deduplicated table before we migrate to a new CRM.",
            (
                "Profile the three sources and agree matching rules",
                "Deduplicate and merge, with a report of every merge",
                "Deliver the clean data and the repeatable scripts",
            ),
        ),
    ),
    "ai": (
        _b(
            "Classify incoming support tickets automatically",
            "We receive about 2,000 support tickets a week and route them by hand. We have two "
            "years of labelled tickets and want a model that suggests the queue and priority.",
            (
                "Train and evaluate a classifier on our history",
                "A small API our helpdesk can call",
                "A report on accuracy per category and how to retrain",
            ),
        ),
        _b(
            "Demand forecasting model for our warehouse ({s1})",
            "Stock-outs and overstock cost us every season. We want weekly demand forecasts per "
            "product that our buyers can trust and understand.",
            (
                "Explore three years of sales and promotions data",
                "Build and back-test a forecasting model",
                "Weekly forecast export our buyers can use in Excel",
            ),
        ),
        _b(
            "Machine learning engineer to productionise our {s1} prototype",
            "Our data scientist built a promising recommendation prototype in notebooks. We need "
            "it turned into a tested, monitored service.",
            (
                "Refactor the notebooks into a package with tests",
                "Serve the model behind an API with monitoring",
                "Document retraining and rollback",
            ),
            "hourly",
        ),
    ),
    "cloud": (
        _b(
            "Move our application from a single server to {s1}",
            "Everything runs on one virtual machine today, deployed by hand. We want a "
            "repeatable, documented setup with staging and production.",
            (
                "Containerise the application and its workers",
                "Infrastructure as code for staging and production",
                "CI/CD pipeline, backups and basic monitoring",
            ),
        ),
        _b(
            "DevOps support for a growing SaaS platform ({s1}, {s2})",
            "Our two developers spend too much time on infrastructure. We want an experienced "
            "engineer on call for a few hours a week to keep things healthy and cheaper.",
            (
                "Review our cloud bill and cut waste",
                "Improve alerting and on-call runbooks",
                "Help with upgrades and incidents as they come",
            ),
            "hourly",
        ),
        _b(
            "Set up monitoring and alerting for our services",
            "We find out about outages from customers. We need proper dashboards and alerts "
            "for our API, database and background jobs.",
            (
                "Metrics and logs collected from every service",
                "Dashboards for the team and alerts to our chat",
                "A short guide to adding new alerts",
            ),
        ),
    ),
    "security": (
        _b(
            "Penetration test of our customer web portal",
            "We are preparing for a SOC 2 audit and need an independent test of our portal and "
            "its API before the auditors arrive.",
            (
                "Authenticated and unauthenticated testing of the portal and API",
                "A report ranked by risk, with reproduction steps",
                "A retest once we have fixed the findings",
            ),
        ),
        _b(
            "Security review of our cloud setup ({s1})",
            "We grew quickly and nobody has looked at our permissions and network rules as a "
            "whole. We want to know what to fix first.",
            (
                "Review of accounts, roles and network exposure",
                "Prioritised list of fixes with effort estimates",
                "Help implementing the most urgent ones",
            ),
            "hourly",
        ),
        _b(
            "Phishing awareness programme for a 60-person company",
            "After two near misses with fake invoices we want our staff to recognise phishing. "
            "We need a short programme we can repeat every year.",
            (
                "Simulated phishing campaign with a report",
                "Two short training sessions, recorded",
                "A one-page guide for new staff",
            ),
        ),
    ),
    "design": (
        _b(
            "Brand identity for a new specialty coffee roaster",
            "We open our roastery and online shop in three months. We need a logo and a small "
            "identity that works on bags, labels, the website and social media.",
            (
                "Three logo directions, then refinement of one",
                "Colour palette, typography and usage guide",
                "Label template for our coffee bags",
            ),
        ),
        _b(
            "Redesign the onboarding of our mobile banking app ({s1})",
            "Half of new users drop out before verifying their identity. We want the onboarding "
            "redesigned and tested with real users.",
            (
                "Review of the current flow and analytics",
                "Wireframes and high-fidelity screens in {s1}",
                "Five usability sessions and a summary of findings",
            ),
        ),
        _b(
            "Designer for monthly marketing materials",
            "Our marketing team produces newsletters, social posts and the odd brochure. We "
            "need a designer who keeps them consistent with our brand.",
            (
                "Social media templates we can reuse",
                "Monthly newsletter and campaign visuals",
                "Occasional print material",
            ),
            "hourly",
        ),
    ),
    "video": (
        _b(
            "Edit a series of ten product tutorial videos",
            "We recorded ten screen-and-camera tutorials for our software. They need editing, "
            "captions and a consistent intro and outro.",
            (
                "Cut each video to four to six minutes",
                "Captions, lower thirds and zoom-ins on the interface",
                "Intro and outro animation used across the series",
            ),
        ),
        _b(
            "Animated explainer video for our app (60 to 90 seconds)",
            "We need a short animated video for our landing page that explains what the app does "
            "and who it is for.",
            (
                "Script and storyboard together with us",
                "Illustration and animation in our brand colours",
                "Voice-over and music, with a version for social media",
            ),
        ),
        _b(
            "Video editor for our weekly podcast and short clips ({s1})",
            "We publish a weekly video podcast and want three to five short clips from each "
            "episode for social media.",
            (
                "Edit the full episode each week",
                "Cut vertical clips with captions",
                "Thumbnails in our template",
            ),
            "hourly",
        ),
    ),
    "writing": (
        _b(
            "Blog articles for a B2B software company",
            "We want to publish two in-depth articles a month for operations managers in "
            "logistics. Our product team will brief you and review drafts.",
            (
                "Two articles of 1,500 to 2,000 words a month",
                "Keyword research agreed with our marketing lead",
                "Meta descriptions and social snippets for each",
            ),
            "hourly",
        ),
        _b(
            "Rewrite the copy of our website (eight pages)",
            "Our website reads like it was written by engineers, because it was. We want clear, "
            "friendly copy that explains what we do to small business owners.",
            (
                "Interview with our founders",
                "New copy for home, product, pricing and five other pages",
                "Two rounds of revisions",
            ),
        ),
        _b(
            "Technical writer for our API documentation ({s1})",
            "Developers integrating our API keep asking the same questions. We need our "
            "reference and guides rewritten so they can get started without help.",
            (
                "Getting-started guide and authentication walkthrough",
                "Review and rewrite of the endpoint reference",
                "Three worked examples for common integrations",
            ),
        ),
    ),
    "translation": (
        _b(
            "Translate our online shop into Spanish and Portuguese",
            "We sell outdoor gear in Europe and are expanding to Spain and Portugal. About "
            "12,000 words: product pages, checkout and help centre.",
            (
                "Translation of product, checkout and help pages",
                "Consistent glossary for product terms",
                "Review of the translated pages on our staging site",
            ),
        ),
        _b(
            "Subtitles for a documentary series in three languages",
            "Our four-part documentary (about 200 minutes) needs subtitles for festival "
            "submission. We have English transcripts.",
            (
                "Timed English subtitles from the transcripts",
                "French and German subtitle translations",
                "Delivery as SRT files checked against the picture",
            ),
        ),
        _b(
            "Localise our mobile app for German-speaking markets ({s1})",
            "Our app is in English only. We want it localised for Germany, Austria and "
            "Switzerland, including store listings.",
            (
                "Translation of about 3,000 interface strings",
                "Store listing and screenshots text",
                "In-app review on a test build",
            ),
            "hourly",
        ),
    ),
    "marketing": (
        _b(
            "SEO audit and content plan for an online furniture shop",
            "Organic traffic has been flat for a year while competitors grow. We want to know "
            "why, and a plan for the next six months.",
            (
                "Technical SEO audit with prioritised fixes",
                "Keyword and competitor research",
                "Six-month content plan",
            ),
        ),
        _b(
            "Manage our {s1} campaigns for a new product launch",
            "We launch a new product line next month with a monthly budget of about $8,000. We "
            "need an experienced specialist to set up and run the campaigns.",
            (
                "Campaign structure, audiences and tracking",
                "Weekly optimisation and reporting",
                "A recommendations report after the first month",
            ),
            "hourly",
        ),
        _b(
            "Email marketing automation for our online courses ({s1}, {s2})",
            "We sell online courses and send one newsletter a month. We want automated welcome, "
            "abandoned-checkout and re-engagement sequences.",
            (
                "Set up the three automated sequences",
                "Write and design the e-mails with us",
                "Reporting on open, click and conversion rates",
            ),
        ),
    ),
    "finance": (
        _b(
            "Monthly bookkeeping for a small design agency",
            "We are a twelve-person agency and need our books kept up to date, reconciled and "
            "ready for our accountant at year end.",
            (
                "Monthly bank reconciliation and categorisation",
                "Invoices and expenses entered in {s1}",
                "Monthly profit and loss summary",
            ),
            "hourly",
        ),
        _b(
            "Financial model for a seed funding round",
            "We are raising a seed round in the autumn. Investors ask for a three-year model "
            "we can defend line by line.",
            (
                "Three-year revenue, cost and cash model",
                "Scenarios for hiring and pricing",
                "A walkthrough session so we can maintain it",
            ),
        ),
        _b(
            "Clean up two years of accounts before our tax filing",
            "Our books are behind and partly wrong after a change of accountant. We need them "
            "corrected before the filing deadline.",
            (
                "Review and correct two years of transactions",
                "Reconcile bank, card and payment provider accounts",
                "Hand over clean books to our tax adviser",
            ),
        ),
    ),
    "legal": (
        _b(
            "Terms of service and privacy policy for a SaaS product",
            "We launch a project management tool for small businesses in the EU and UK. We need "
            "terms of service and a privacy policy that match what the product does.",
            (
                "Terms of service and acceptable use policy",
                "Privacy policy and cookie notice",
                "A short call to explain the choices made",
            ),
        ),
        _b(
            "GDPR review of our customer data processes",
            "We handle customer data across marketing, support and billing tools. We want to "
            "know where we stand and what to fix.",
            (
                "Map where personal data lives and flows",
                "Gap analysis with prioritised recommendations",
                "Templates for records of processing and data requests",
            ),
        ),
        _b(
            "Review freelance and supplier contracts as needed",
            "We sign a few supplier and contractor agreements a month and want a lawyer to "
            "review them quickly.",
            (
                "Review and mark up contracts within three working days",
                "A standard contractor agreement we can reuse",
            ),
            "hourly",
        ),
    ),
    "engineering": (
        _b(
            "3D model and technical drawings for a product enclosure",
            "We are building a small environmental sensor and need an enclosure that can be "
            "injection moulded.",
            (
                "3D model of a two-part enclosure with mounting points",
                "Technical drawings for the manufacturer",
                "One revision after the first printed prototype",
            ),
        ),
        _b(
            "Mechanical engineer to review a conveyor design",
            "Our in-house design for a small packaging conveyor needs an independent review "
            "before we order parts.",
            (
                "Review of drawings and load calculations",
                "List of risks and suggested changes",
            ),
            "hourly",
        ),
        _b(
            "Floor plans and renderings for a café renovation",
            "We are renovating a 90 m² café and need plans for the builder and renderings to "
            "agree the look.",
            (
                "Measured floor plan and proposed layout",
                "Three interior renderings",
                "Drawings for the builder's quote",
            ),
        ),
    ),
    "management": (
        _b(
            "Interim project manager for a website relaunch",
            "Our website relaunch involves an agency, two freelancers and our marketing team, "
            "and it is slipping. We need someone to run it for three months.",
            (
                "Plan, track and report progress weekly",
                "Run stand-ups and stakeholder reviews",
                "Manage scope and the launch checklist",
            ),
            "hourly",
        ),
        _b(
            "Set up our product roadmap and planning process",
            "We are a 15-person start-up and decide priorities in ad-hoc meetings. We want a "
            "lightweight roadmap and planning rhythm the team will actually use.",
            (
                "Workshops with founders and team leads",
                "A roadmap and a quarterly planning template",
                "Coaching for the first planning cycle",
            ),
        ),
        _b(
            "Business plan for expanding to a second city",
            "Our cleaning company is profitable in one city and wants to open in another. We "
            "need a business plan we can show to the bank.",
            (
                "Market and competitor research for the new city",
                "Financial projections for three years",
                "A written plan of about fifteen pages",
            ),
        ),
    ),
    "admin": (
        _b(
            "Virtual assistant for inbox and calendar management",
            "I run a consultancy and lose hours a week to scheduling and e-mail. I need an "
            "organised assistant about ten hours a week.",
            (
                "Triage my inbox and draft routine replies",
                "Manage my calendar across time zones",
                "Prepare travel and meeting notes",
            ),
            "hourly",
        ),
        _b(
            "Data entry: move 3,000 product records into our new shop",
            "We are moving our online shop to a new platform and the import tool cannot read our "
            "old exports. The records need entering and checking by hand.",
            (
                "Enter products with variants, prices and stock",
                "Check images and descriptions against the old shop",
                "A list of records that need our attention",
            ),
        ),
        _b(
            "Customer support agent for evenings and weekends",
            "Our online shop gets most questions outside office hours. We need friendly, "
            "accurate replies by chat and e-mail.",
            (
                "Answer chat and e-mail using our help centre",
                "Process returns and simple order changes",
                "Escalate anything unusual with a short summary",
            ),
            "hourly",
        ),
    ),
    "generic": (
        _b(
            "Research and summary of suppliers in our sector",
            "We want to compare suppliers before renewing our main contracts next quarter.",
            (
                "A shortlist of ten suppliers with prices and terms",
                "A comparison table and a one-page recommendation",
            ),
        ),
        _b(
            "Help us organise and document our internal processes",
            "Our team grew from five to twenty people and everyone does things differently. We "
            "want our key processes written down.",
            (
                "Interview the team about ten core processes",
                "Write clear step-by-step documentation",
                "Set up a simple knowledge base",
            ),
            "hourly",
        ),
    ),
}

SCREENING_QUESTIONS = (
    "Which similar project are you proudest of, and what was your part in it?",
    "How would you approach the first week of this project?",
    "What would you need from us to get started?",
    "How many hours a week can you give this work?",
)

CLOSINGS = (
    "Please tell us about a similar project you delivered and how you would approach this one.",
    "In your proposal, include a rough plan and anything you would need from us.",
    "We reply to every proposal within a few days.",
    "We are happy to start with a short call to agree the details.",
)


def brief_for(archetype_key: str, index: int) -> Brief:
    """A brief for the kind of work, chosen by index (deterministic)."""
    briefs = BRIEFS.get(archetype_key) or BRIEFS["generic"]
    return briefs[index % len(briefs)]


def brief_description(brief: Brief, words: dict[str, str], closing: str) -> str:
    tasks = "\n".join(f"- {task.format(**words)}" for task in brief.tasks)
    return f"{brief.context.format(**words)}\n\nWhat we need:\n{tasks}\n\n{closing}"
