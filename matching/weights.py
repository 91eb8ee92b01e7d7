"""The scorer's weights: one place, versioned, shown on the "How matching works" page.

The version in code is the starting point; `train_matching` may adopt better weights, stored as a
ScorerWeights row, and the active row wins.
"""

from dataclasses import dataclass

# What each criterion means, in the words the public page uses.
CRITERIA = {
    "semantic": "How closely the profile's words and the project's description mean the same "
    "work (a language model compares them, so paraphrases count).",
    "skills": "Required skills covered through the skill taxonomy (aliases count: Postgres is "
    "PostgreSQL), nice-to-have skills counting half, skills named only in prose, or typed "
    "in words within the other side's (Japanese to English for Japanese to English "
    "translation), counting most of a listed one, and a missing skill partly covered by "
    "one that projects and profiles on Gigwise, and occupations in O*NET, often name "
    "together with it, or a little by one of the freelancer's in the same field of the "
    "taxonomy (Copywriting for SEO Writing).",
    "keywords": "The exact words both texts share (tools, products, language pairs), counting "
    "rare words more than common ones.",
    "level": "Years of experience against the project's level (entry, intermediate, expert).",
    "rate": "Hourly rate against the budget, in one currency.",
    "availability": "Hours a week the freelancer has against the hours the project needs.",
    "language": "Languages the project needs that the freelancer speaks: those the employer "
    "ticked and those named in its title or skills. For translation and localisation every "
    "language of the pair is essential (the posting's own language when it names only one), "
    "so a translator who speaks half of them gets half the score.",
    "timezone": "Hours of the working day the freelancer shares with the region a project "
    "works in, when it names one (the Americas, Europe and Africa, Asia and the Pacific); "
    "with no overlap at all, neither side is suggested to the other.",
    "preferences": "The freelancer's own wishes: fixed or hourly, project size, minimum rate "
    "and preferred categories.",
}

DEFAULT_VERSION = "2026-12-06.4"
DEFAULT_WEIGHTS = {
    "semantic": 0.30,
    "skills": 0.24,
    "keywords": 0.20,
    "level": 0.08,
    "rate": 0.08,
    "availability": 0.03,
    "language": 0.02,
    "timezone": 0.02,
    "preferences": 0.03,
}
# What evaluate_matching measured for the default weights, as the public page shows it
# (tests/matching/test_published_figures.py re-measures our set and fails if these drift).
PUBLISHED_EVALUATION = {
    "version": DEFAULT_VERSION,
    "sets": [
        {
            "name": "Gigwise development set: 247 freelancers, 48 projects, judged by hand",
            "file": "eval/matching_dev.json",
            "employer": {"ndcg@10": 0.951, "recall@10": 0.995, "exposure_ratio_new": 0.957},
            "freelancer": {"ndcg@10": 0.970, "recall@10": 1.0},
            "baseline_tfidf": {"employer": 0.881, "freelancer": 0.915},
        },
        {
            "name": "Public sample (../shared/eval/matching_sample.json)",
            "file": "",
            "employer": {"ndcg@10": 0.965, "recall@10": 1.0, "exposure_ratio_new": 1.151},
            "freelancer": {"ndcg@10": 0.999, "recall@10": 1.0},
            "baseline_tfidf": {"employer": 0.910, "freelancer": 0.931},
        },
    ],
}
# A newcomer (≤ 2 completed jobs, joined < 90 days ago) whose match is already relevant gets
# this much added to its score, never more: enough to move past veterans of nearly equal fit,
# not past clearly better ones.
NEWCOMER_BOOST = 0.03
NEWCOMER_MIN_SCORE = 0.45


@dataclass(frozen=True)
class Weights:
    version: str
    values: dict[str, float]

    def of(self, name: str) -> float:
        return self.values.get(name, 0.0)

    @property
    def fit_share(self) -> float:
        """How much of a score practical fit can take away: its criteria's share of weights."""
        total = sum(self.values.values())
        relevance = self.of("semantic") + self.of("skills") + self.of("keywords")
        return (total - relevance) / total if total else 0.0


def default_weights() -> Weights:
    return Weights(version=DEFAULT_VERSION, values=dict(DEFAULT_WEIGHTS))


def active_weights() -> Weights:
    """The adopted weights if a training run adopted some, else the defaults above."""
    from .models import ScorerWeights

    row = ScorerWeights.objects.filter(is_active=True).only("version", "weights").first()
    if row is None:
        return default_weights()
    values = {name: float(row.weights.get(name, 0.0)) for name in DEFAULT_WEIGHTS}
    return Weights(version=row.version, values=values)
