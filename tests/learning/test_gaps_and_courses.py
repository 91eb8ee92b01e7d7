"""Gap ranking and course recommendation on planted inputs: what the freelancer would see."""

import pytest

from learning.gaps import Gap, GapInputs, Market, NearGig, skill_gaps
from learning.recommend import CourseOption, recommend
from learning.services.plans import gap_reason

DJANGO, DOCKER, K8S, REACT, SEO, COPY, AI_WRITING, PYTHON = range(1, 9)


def gigs(*asks: tuple[int, frozenset, frozenset]) -> list[NearGig]:
    found = []
    for count, required, nice in asks:
        found += [NearGig(0.8, frozenset(required), frozenset(nice))] * count
    return found


def test_gaps_rank_by_how_many_near_gigs_ask_growth_and_closeness():
    inputs = GapInputs(
        gigs=gigs(
            (6, {DJANGO, DOCKER}, set()),  # 6 gigs need Docker
            (3, {DJANGO, K8S}, set()),  # 3 need Kubernetes...
            (3, {DJANGO, REACT}, set()),  # ...and 3 React, which is booming
            (2, {DJANGO}, {SEO}),  # SEO only nice to have
        ),
        levels={DJANGO: 4},
        markets={
            DOCKER: Market(0.0, 20, 10, 40),
            K8S: Market(0.0, 10, 5, 20),
            REACT: Market(1.0, 30, 20, 60),
        },
        related={K8S: {DJANGO: 0.1}, REACT: {DJANGO: 0.1}, DOCKER: {DJANGO: 0.5}},
    )
    gaps = skill_gaps(inputs)
    assert [g.skill_id for g in gaps] == [DOCKER, REACT, K8S, SEO]
    assert [g.asked_by for g in gaps] == [6, 3, 3, 2]
    assert DJANGO not in {g.skill_id for g in gaps}  # held at level 4: not a gap
    assert gaps[0].near_id == DJANGO


def test_a_skill_held_at_a_low_level_is_a_gap_at_half_weight():
    base = {"gigs": gigs((4, {DOCKER, REACT}, set())), "markets": {}, "related": {}}
    weak = {g.skill_id: g for g in skill_gaps(GapInputs(levels={DOCKER: 1}, **base))}
    strong = skill_gaps(GapInputs(levels={DOCKER: 3}, **base))
    assert weak[DOCKER].held_level == 1
    assert weak[DOCKER].score == pytest.approx(weak[REACT].score / 2)
    assert [g.skill_id for g in strong] == [REACT]


def test_shrinking_work_gets_growing_adjacent_skills_as_a_path():
    inputs = GapInputs(
        gigs=gigs((3, {COPY, SEO}, set())),
        levels={COPY: 4},
        markets={
            COPY: Market(-0.4, 5, 6, 50),  # demand for copywriting falling 40%
            AI_WRITING: Market(0.6, 12, 15, 30),  # prompt writing growing, next to it
            PYTHON: Market(0.9, 40, 50, 90),  # growing, but unrelated to copywriting
        },
        related={COPY: {AI_WRITING: 0.5, SEO: 0.4}, AI_WRITING: {COPY: 0.5}, SEO: {COPY: 0.4}},
    )
    gaps = skill_gaps(inputs)
    assert [(g.skill_id, g.kind) for g in gaps] == [(SEO, "asked"), (AI_WRITING, "path")]
    # Not when the freelancer's own work is growing.
    growing = {**inputs.markets, COPY: Market(0.2, 5, 6, 50)}
    assert [g.kind for g in skill_gaps(GapInputs(**{**vars(inputs), "markets": growing}))] == [
        "asked"
    ]


def test_a_gap_says_why_in_figures():
    gap = Gap(DOCKER, "asked", 0.5, asked_by=14, growth=0.35, near_id=DJANGO)
    text = gap_reason(gap, names={DJANGO: "Django"}, gigs=40)
    assert text == (
        "Asked for by 14 of your 40 best-matched open gigs; demand +35% this quarter against "
        "the last; often asked for together with Django, which you have."
    )


def course(pk, skills, *, level="all", free=True, rating=4.5):
    return CourseOption(pk, skills, level, free, rating, 1000)


def test_recommendations_are_diverse_not_five_courses_on_one_skill():
    courses = [course(i, {DOCKER: 1.0}, rating=5.0) for i in range(1, 6)]
    courses += [course(10, {K8S: 1.0}, rating=3.0), course(11, {REACT: 1.0}, rating=3.0)]
    picks = recommend({DOCKER: 1.0, K8S: 0.6, REACT: 0.5}, courses)
    covered = [p.covers for p in picks]
    assert sum(c == (DOCKER,) for c in covered) == 2
    assert {(K8S,), (REACT,)} <= set(covered)
    # The best course comes first.
    assert picks[0].covers == (DOCKER,)


def test_a_course_covering_two_gaps_beats_one_covering_one():
    picks = recommend(
        {DOCKER: 1.0, K8S: 0.9},
        [course(1, {DOCKER: 1.0}), course(2, {DOCKER: 1.0, K8S: 1.0})],
    )
    assert [p.course_id for p in picks] == [2, 1]
    assert picks[0].covers == (DOCKER, K8S)


def test_budget_and_level_filters():
    courses = [
        course(1, {DOCKER: 1.0}, free=False, level="intermediate"),
        course(2, {DOCKER: 1.0}, level="expert"),
        course(3, {DOCKER: 0.9}, level="beginner"),
        course(4, {DOCKER: 0.8}, level="all"),
    ]
    gaps = {DOCKER: 1.0}

    def chosen(**options) -> set[int]:
        return {p.course_id for p in recommend(gaps, courses, **options)}

    # Without filters, at most two courses on the one gap: the two most relevant.
    assert chosen() == {1, 2}
    assert chosen(free_only=True) == {2, 3}
    # Courses "for all levels" fit any level asked for.
    assert chosen(level="beginner") == {3, 4}
    assert chosen(level="expert", free_only=True) == {2, 4}
