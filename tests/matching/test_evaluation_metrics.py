"""Ranking metrics and keyword baselines of evaluate_matching, checked against hand-worked cases."""

import math

import pytest

from matching.evaluation.baselines import (
    TfidfRanker,
    baseline_rankings,
    fit_tfidf,
    rank,
    skill_jaccard_scores,
    tfidf_scores,
)
from matching.evaluation.metrics import (
    exposure_ratio_new,
    invert_qrels,
    is_new_freelancer,
    ndcg_at_k,
    recall_at_k,
    reciprocal_rank,
    summarise,
)

LOG3 = math.log2(3)  # discount denominator at rank 2; rank 1 divides by 1, rank 3 by 2


# nDCG


def test_ndcg_is_one_for_the_ideal_ordering():
    assert ndcg_at_k(["a", "b", "c", "x"], {"a": 3, "b": 2, "c": 1}) == pytest.approx(1.0)


def test_ndcg_of_a_swapped_pair():
    # Gains 7, 3, 1 for labels 3, 2, 1; the ranker put the good fit above the ideal one.
    expected = (3 + 7 / LOG3 + 1 / 2) / (7 + 3 / LOG3 + 1 / 2)
    assert ndcg_at_k(["b", "a", "c"], {"a": 3, "b": 2, "c": 1}) == pytest.approx(expected)


def test_ndcg_counts_judged_items_missing_from_the_ranking_in_the_ideal():
    assert ndcg_at_k(["a"], {"a": 3, "b": 1}) == pytest.approx(7 / (7 + 1 / LOG3))


def test_ndcg_cuts_both_ranking_and_ideal_at_k():
    qrels = {"a": 3, "b": 3}
    assert ndcg_at_k(["a", "b"], qrels, k=1) == pytest.approx(1.0)
    assert ndcg_at_k(["x", "a"], qrels, k=1) == 0.0


def test_ndcg_ignores_a_repeated_id():
    assert ndcg_at_k(["a", "a"], {"a": 3, "b": 3}) == pytest.approx(7 / (7 + 7 / LOG3))


@pytest.mark.parametrize("qrels", [{}, {"a": 0}])
def test_ndcg_is_zero_when_the_ideal_dcg_is_zero(qrels):
    assert ndcg_at_k(["a", "b"], qrels) == 0.0


def test_k_must_be_positive():
    with pytest.raises(ValueError, match="k must be"):
        ndcg_at_k(["a"], {"a": 3}, k=0)


# Recall and reciprocal rank


def test_recall_with_two_of_three_relevant_in_the_top_ten():
    ranking = ["a", "d", *[f"x{i}" for i in range(7)], "b", "c"]  # a 1st, b 10th, c 11th
    qrels = {"a": 3, "b": 2, "c": 2, "d": 1}  # d is only a partial fit: not in the denominator
    assert recall_at_k(ranking, qrels) == pytest.approx(2 / 3)


def test_recall_and_rr_are_none_without_a_relevant_item():
    assert recall_at_k(["a"], {"a": 1}) is None
    assert reciprocal_rank(["a"], {"a": 1}) is None


def test_reciprocal_rank_of_first_relevant_at_rank_three():
    assert reciprocal_rank(["x", "p", "a", "b"], {"p": 1, "a": 2, "b": 3}) == pytest.approx(1 / 3)


def test_reciprocal_rank_is_zero_when_no_relevant_item_is_ranked():
    assert reciprocal_rank(["x", "y"], {"a": 3}) == 0.0


# Exposure of new freelancers

NEW = {"n1", "n2"}


def test_exposure_ratio_with_one_new_and_one_established():
    # New at rank 3 gets 1/log2(4) = 1/2; established at rank 1 gets 1/log2(2) = 1.
    ratio = exposure_ratio_new({"p": ["e", "x", "n1"]}, {"p": {"e": 3, "n1": 2}}, NEW.__contains__)
    assert ratio == pytest.approx(0.5)


def test_exposure_ratio_averages_over_query_freelancer_pairs():
    rankings = {"p1": ["n1", "e1"], "p2": ["e1", "x", "n2"]}
    qrels = {"p1": {"n1": 2, "e1": 2, "z": 1}, "p2": {"e1": 3, "n2": 2}}
    new_mean = (1 + 1 / 2) / 2  # n1 1st in p1, n2 3rd in p2
    established_mean = (1 / LOG3 + 1) / 2  # e1 2nd in p1, 1st in p2
    expected = new_mean / established_mean
    assert exposure_ratio_new(rankings, qrels, NEW.__contains__) == pytest.approx(expected)


def test_exposure_beyond_k_is_zero():
    rankings = {"p": ["e", "x", "n1"]}
    qrels = {"p": {"e": 2, "n1": 2}}
    assert exposure_ratio_new(rankings, qrels, NEW.__contains__, k=2) == 0.0
    assert exposure_ratio_new({"p": ["n1", "x", "e"]}, qrels, NEW.__contains__, k=2) is None


@pytest.mark.parametrize("qrels", [{"p": {"e": 3}}, {"p": {"n1": 3}}, {"p": {"n1": 1, "e": 3}}])
def test_exposure_ratio_is_none_when_a_group_has_no_relevant_member(qrels):
    assert exposure_ratio_new({"p": ["n1", "e"]}, qrels, NEW.__contains__) is None


# Summary


def test_summarise_means_and_which_queries_count():
    rankings = {
        "q1": ["a", "x"],  # ideal
        "q2": ["x", "b"],  # only a partial fit: counts for nDCG, skipped by recall and MRR
        "q4": ["a"],  # not judged: ignored
    }
    qrels = {"q1": {"a": 3}, "q2": {"b": 1}, "q3": {"c": 2}, "q5": {}}  # q3 judged, never ranked
    summary = summarise(rankings, qrels)
    assert summary == {
        "ndcg@10": round((1 + 1 / LOG3 + 0) / 3, 4),
        "recall@10": round((1 + 0) / 2, 4),
        "mrr": round((1 + 0) / 2, 4),
        "exposure_ratio_new": None,
        "queries": 3,
    }


def test_summarise_names_keys_after_k_and_rounds_exposure():
    rankings = {"p": ["e", "n1"]}
    summary = summarise(rankings, {"p": {"e": 2, "n1": 2}}, NEW.__contains__, k=5)
    assert set(summary) == {"ndcg@5", "recall@5", "mrr", "exposure_ratio_new", "queries"}
    assert summary["exposure_ratio_new"] == round(1 / LOG3, 4)


def test_summarise_of_nothing():
    assert summarise({}, {}) == {
        "ndcg@10": None,
        "recall@10": None,
        "mrr": None,
        "exposure_ratio_new": None,
        "queries": 0,
    }


def test_invert_qrels_reads_judgments_backwards():
    qrels = {"p1": {"f1": 3, "f2": 1}, "p2": {"f1": 2}}
    assert invert_qrels(qrels) == {"f1": {"p1": 3, "p2": 2}, "f2": {"p1": 1}}


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"completed_jobs": 2, "joined_days_ago": 89}, True),
        ({"completed_jobs": 0, "joined_days_ago": 0}, True),
        ({"completed_jobs": 3, "joined_days_ago": 10}, False),
        ({"completed_jobs": 0, "joined_days_ago": 90}, False),
        ({"joined_days_ago": 10}, False),
        ({"completed_jobs": 0}, False),
        ({"completed_jobs": None, "joined_days_ago": 10}, False),
        ({"completed_jobs": "1", "joined_days_ago": "30"}, True),
        ({"completed_jobs": "n/a", "joined_days_ago": 30}, False),
    ],
)
def test_is_new_freelancer(record, expected):
    assert is_new_freelancer(record) is expected


# Baselines


def test_jaccard_ignores_case_and_surrounding_whitespace():
    scores = skill_jaccard_scores(
        ["Django", "Postgres"],
        {"same": [" django ", "POSTGRES"], "half": ["django", "React"], "none": []},
    )
    assert scores == {"same": 1.0, "half": pytest.approx(1 / 3), "none": 0.0}


def test_jaccard_of_two_empty_skill_lists_is_zero():
    assert skill_jaccard_scores([], {"a": ["", "  "]}) == {"a": 0.0}


def test_tfidf_ranks_a_shared_rare_word_first():
    candidates = {
        "a": "python developer terraform",
        "b": "python developer django",
        "c": "python developer react",
        "d": "wedding photographer",
    }
    scores = tfidf_scores("terraform python developer", candidates)
    assert rank(scores)[0] == "a"
    assert scores["a"] > scores["b"] > scores["d"] == 0.0
    assert scores["b"] == pytest.approx(scores["c"])


def test_tfidf_with_no_usable_word_scores_zero():
    assert tfidf_scores("the", {"a": "", "b": "and of"}) == {"a": 0.0, "b": 0.0}


def test_tfidf_ranker_scores_many_queries_like_one_at_a_time():
    candidates = {"f1": "django postgres api", "f2": "react typescript ui", "f3": "figma design"}
    queries = {"p1": "postgres api backend", "p2": "typescript dashboard ui"}
    ranker = TfidfRanker(candidates, fit_tfidf([*candidates.values(), *queries.values()]))
    together = ranker.score_many(queries)
    for query, text in queries.items():
        assert together[query] == pytest.approx(ranker.scores(text))
    subset = ranker.scores("react ui", ["f3", "f2"])
    assert list(subset) == ["f3", "f2"]
    assert subset["f3"] == 0.0
    assert subset["f2"] > 0
    assert subset["f2"] == pytest.approx(ranker.scores("react ui")["f2"])
    with pytest.raises(KeyError):
        ranker.scores("react", ["nobody"])


def test_rank_breaks_ties_by_id():
    assert rank({"b": 1.0, "a": 1.0, "c": 2.0, "aa": 0.0}) == ["c", "a", "b", "aa"]


def test_baseline_rankings_shape():
    dataset = {
        "freelancers": [
            {"id": "f1", "headline": "Django dev", "bio": "APIs", "skills": ["Django"]},
            {"id": "f2", "headline": "Designer", "bio": "Brand work", "skills": ["Figma"]},
            {"id": "f3", "headline": "React dev", "bio": None, "skills": None},
        ],
        "projects": [
            {"id": "p1", "title": "Django API", "description": "Backend", "skills": ["django"]},
            {"id": "p2", "title": "Logo", "description": "Brand refresh", "skills": ["Figma"]},
        ],
        "qrels": {"p1": {"f1": 3}, "p2": {"f2": 2, "f9": 1}},  # f9 judged but not listed
    }
    rankings = baseline_rankings(dataset)
    assert set(rankings) == {"baseline_skill_jaccard", "baseline_tfidf"}
    for directions in rankings.values():
        assert set(directions["employer"]) == {"p1", "p2"}
        assert set(directions["freelancer"]) == {"f1", "f2", "f9"}
        for ranking in directions["employer"].values():
            assert sorted(ranking) == ["f1", "f2", "f3"]
        for ranking in directions["freelancer"].values():
            assert sorted(ranking) == ["p1", "p2"]
        assert directions["employer"]["p1"][0] == "f1"
        assert directions["employer"]["p2"][0] == "f2"
        assert directions["freelancer"]["f2"] == ["p2", "p1"]
        assert directions["freelancer"]["f9"] == ["p1", "p2"]  # nothing to go on: by id
    assert baseline_rankings(dataset) == rankings
