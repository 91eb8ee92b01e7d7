"""The demo marketplace's past year: finished projects behind the market statistics.

The stories in market.py happen over the last two months (a completed one was posted as long
before as its contract ran). Rates, demand trends and growth need
a year, so the demo also plays finished projects (completed, or closed without a hire) published
between three weeks and twelve months ago, more of them recently, as a growing marketplace has.
A share of them are in the demo freelancer's own kind of work, so their rate advice has figures.
"""

import math
import random

from .market import Story, Timeline, _s, contract_days

HISTORY_SIZES = {"tiny": 24, "small": 140, "medium": 500, "large": 300}
HISTORY_DAYS = (20.0, 365.0)
LOGIN_SHARE = 0.3  # of the history, briefs in the demo freelancer's kind of work


def history_story(rng: random.Random) -> Story:
    fits = "login" if rng.random() < LOGIN_SHARE else ""
    proposals = rng.randint(2, 5)
    reviews = rng.choices(("both", "employer", ""), weights=(5, 2, 2))[0]
    kind = rng.choices(("hourly", "fixed", "closed"), weights=(5, 3, 1.5))[0]
    if kind == "closed":
        return Story("closed", proposals=proposals, fits=fits, history=True)
    if kind == "fixed":
        released = ("released",) * rng.randint(1, 3)
        return _s("completed", milestones=released, proposals=proposals, reviews=reviews,
                  fits=fits, history=True)  # fmt: skip
    return Story("completed", budget_type="hourly", proposals=proposals, reviews=reviews,
                 fits=fits, history=True)  # fmt: skip


def history_timeline(rng: random.Random, story: Story, weeks: int = 4) -> Timeline:
    """Published three weeks to a year ago, denser toward today; ended before the seed runs,
    after running about the `weeks` posted (so a long contract was posted long enough ago)."""
    early, late = HISTORY_DAYS
    if story.state == "closed":
        published = _days_ago(rng, early, late)
        return Timeline(
            created=published + rng.uniform(0.05, 2),
            published=published,
            closed=published - rng.uniform(7, 18),
        )
    to_hire, length = rng.uniform(3, 8), contract_days(rng, weeks)
    # The same density, over the dates early enough for the contract to have ended by now: a
    # growing marketplace's contracts as they end. (Until 2026-12-07 a date too recent moved
    # to the earliest that fits, which ended most long contracts in the last three weeks, so
    # the newest contracts were mostly full-time ones of several months.)
    published = _days_ago(rng, min(max(early, to_hire + length + 1.0), late - 1.0), late)
    hired = published - to_hire
    return Timeline(
        created=published + rng.uniform(0.05, 2),
        published=published,
        hired=hired,
        ended=max(1.0, hired - length),
    )


def _days_ago(rng: random.Random, early: float, late: float) -> float:
    """Between `early` and `late` days ago, the density falling linearly to zero at `late`:
    a marketplace that grew through the year."""
    return late - (late - early) * math.sqrt(rng.random())
