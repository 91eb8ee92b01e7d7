"""What demo people say to each other: cover letters, messages, work notes and reviews.

Short pools of plausible sentences, picked with the project's own random generator; {title},
{s1}, {name} and {company} are filled in by the caller.
"""

import random

COVER_OPENINGS = (
    "Hello, I read your brief for “{title}” and it is close to work I do every week.",
    "Hi, “{title}” caught my eye: I have delivered several projects like it.",
    "Hello {company} team, thank you for the clear brief for “{title}”.",
    "Hi, I would like to help with “{title}”.",
)
COVER_EXPERIENCE = (
    "I have {years} years of experience, most of it with {s1}.",
    "My strongest skills here are {s1} and {s2}, which I have used for {years} years.",
    "Over the last {years} years I have used {s1} for clients of every size.",
)
COVER_PLANS = (
    "I would start with a short call to agree the scope, then share a first version within a "
    "week so you can steer early.",
    "My plan: review what you have, agree priorities with you, then deliver in small steps "
    "with a progress note every few days.",
    "I would split the work into two or three milestones so you can review each part before "
    "paying for the next.",
)
COVER_CLOSINGS = (
    "Happy to answer any questions.",
    "I am available to start this week.",
    "Looking forward to hearing from you.",
)
ANSWERS = (
    "A similar project last year, where I owned the delivery end to end; happy to share details.",
    "I would spend the first days understanding your setup and agreeing priorities with you.",
    "Access to your current material and a contact who can answer questions within a day.",
    "Around twenty hours a week, more during the first fortnight if needed.",
)

DECLINE_REASONS = (
    "We went with someone with more experience in our sector.",
    "Your rate is above our budget for this project.",
    "We need someone who can start sooner.",
    "",
)

PROPOSAL_THREAD = (
    ("employer", "Thanks for your proposal on “{title}”. How would you approach the {s1} part?"),
    (
        "freelancer",
        "Thanks for getting back to me. I would start with {s1}, since the rest depends on it, "
        "and show you a first version within a week.",
    ),
    ("employer", "That makes sense. Could you do a short call on Thursday afternoon?"),
    ("freelancer", "Thursday works for me. Send me a time and a link and I will be there."),
)
CONTRACT_THREAD = (
    (
        "employer",
        "Welcome aboard, {name}! I have shared the documents and access you need. Let me know "
        "if anything is missing.",
    ),
    ("freelancer", "Thanks, I have everything. I will send an update at the end of the week."),
    ("freelancer", "Quick update: the first part is done; I will submit it for review shortly."),
    ("employer", "Great progress, thank you. I will review it as soon as it is in."),
    ("employer", "One more thing: could you add a short note on how to maintain it?"),
)

SUBMISSION_NOTES = (
    "The work for this milestone is done. Everything is in the shared folder, with a short "
    "note on what changed and how to check it.",
    "Delivered: see the link in our thread. I tested it against the checklist we agreed.",
    "Here is the milestone's work, with a summary of decisions I made along the way.",
)
CHANGE_REQUESTS = (
    "Thanks! Two things before I approve: the mobile layout breaks on small screens, and the "
    "export is missing the date column.",
    "Close, but it does not yet cover the cases we discussed on our call. Could you add them?",
    "Please adjust the wording on the summary page and fix the typo in the title.",
)
CANCEL_REASONS = (
    "Our priorities changed and we have to pause this work; thank you for what you delivered.",
    "The budget for this project was cut this quarter.",
)

REVIEW_OF_FREELANCER = {
    5: (
        "Excellent work: clear communication, on time, and better than we asked for.",
        "A pleasure to work with. We will hire {name} again.",
    ),
    4: (
        "Good work and good communication; one deadline slipped a little.",
        "Solid delivery. A few rounds of feedback were needed, handled well.",
    ),
    3: ("The work was done, but it took more follow-up than we expected.",),
}
REVIEW_OF_EMPLOYER = {
    5: (
        "Clear brief, quick answers and prompt payment. Recommended.",
        "Great client: knew what they wanted and gave useful feedback.",
    ),
    4: ("Good client; the scope grew a little, but we agreed on it openly.",),
    3: ("Payments were on time, but answers were sometimes slow.",),
}


def cover_letter(rng: random.Random, **words) -> str:
    return " ".join(
        rng.choice(pool).format(**words)
        for pool in (COVER_OPENINGS, COVER_EXPERIENCE, COVER_PLANS, COVER_CLOSINGS)
    )


def review_text(rng: random.Random, *, of_freelancer: bool, rating: int, name: str) -> str:
    pools = REVIEW_OF_FREELANCER if of_freelancer else REVIEW_OF_EMPLOYER
    return rng.choice(pools[max(3, min(5, rating))]).format(name=name)
