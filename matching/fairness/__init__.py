"""The fairness audit: who employers see in the top 10, by group, against who is relevant.

For each audited project, every active freelancer relevant to it (`is_relevant`, decided
without the ranking) makes one pair. A pair is selected when the freelancer was in what the
employer saw: an impression recorded in the period, or, recomputed, the first ten of suggested
talent. A group's selection rate is its selected pairs over its relevant pairs, over all the
projects audited; its ratio is that rate over the best group's of the same kind, and a ratio
under 0.8 (the four-fifths rule of disparate impact) is flagged, with its figures.

The groups: new or established (the newcomer boost's own rule), the working region of the
person's time zone, and each attribute a person chose to share for this audit only
(`accounts.SelfDeclaredAttribute`, which the scorer never reads). A group with fewer than five
relevant people is "not enough data", never a flag; a self-declared value that rare is not even
named. The method and the demo's figures are in docs/MATCHING.md, "Fairness audit".
"""

from .audit import (
    fairness_audit_latest,
    fairness_audit_published,
    fairness_audit_run,
    fairness_figures,
)
from .measure import (
    FOUR_FIFTHS,
    MIN_GROUP_PEOPLE,
    RARE_ANSWERS,
    RARE_ANSWERS_LABEL,
    REGION,
    TENURE,
    TOP,
    group_figures,
    is_relevant,
)
from .report import BELOW, NOT_ENOUGH, TABLE_HEADINGS, audit_summary, audit_table

__all__ = [
    "BELOW",
    "FOUR_FIFTHS",
    "MIN_GROUP_PEOPLE",
    "NOT_ENOUGH",
    "RARE_ANSWERS",
    "RARE_ANSWERS_LABEL",
    "REGION",
    "TABLE_HEADINGS",
    "TENURE",
    "TOP",
    "audit_summary",
    "audit_table",
    "fairness_audit_latest",
    "fairness_audit_published",
    "fairness_audit_run",
    "fairness_figures",
    "group_figures",
    "is_relevant",
]
