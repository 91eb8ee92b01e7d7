"""Keyword baselines the engine is measured against: skill-set Jaccard and TF-IDF cosine."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from matching.evaluation.metrics import invert_qrels


def _skill_set(skills: Iterable[Any] | None) -> set[str]:
    # Collapsing inner whitespace as well keeps "Tailwind  CSS" equal to "tailwind css".
    return {" ".join(s.split()).lower() for s in skills or () if isinstance(s, str) and s.strip()}


def skill_jaccard_scores(
    query_skills: Iterable[str], candidates: Mapping[str, Iterable[str]]
) -> dict[str, float]:
    """Jaccard overlap of lower-cased, stripped skill sets, per candidate id."""
    query = _skill_set(query_skills)
    scores: dict[str, float] = {}
    for cid, skills in candidates.items():
        other = _skill_set(skills)
        union = query | other
        scores[cid] = len(query & other) / len(union) if union else 0.0
    return scores


def fit_tfidf(corpus: Iterable[str]) -> TfidfVectorizer | None:
    """Fit the baseline's TF-IDF vocabulary; None when the corpus has no usable word."""
    # Stop words and sublinear tf make the baseline a fair keyword matcher, not a strawman.
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, strip_accents="unicode")
    try:
        return vectorizer.fit(list(corpus))
    except ValueError:  # empty vocabulary: every text empty or stop words only
        return None


class TfidfRanker:
    """TF-IDF cosine scorer over one fixed set of candidates, vectorised once."""

    def __init__(
        self, candidates: Mapping[str, str], vectorizer: TfidfVectorizer | None = None
    ) -> None:
        """Vectorise candidates with a fitted vectorizer, or fit one on their texts."""
        self.candidate_ids: list[str] = list(candidates)
        self._row = {cid: i for i, cid in enumerate(self.candidate_ids)}
        self._vectorizer = vectorizer if vectorizer is not None else fit_tfidf(candidates.values())
        # Rows are L2-normalised by TfidfVectorizer, so a dot product is the cosine.
        self._matrix = (
            self._vectorizer.transform(list(candidates.values()))
            if self._vectorizer is not None
            else None
        )

    def _rows(self, candidate_ids: Iterable[str] | None) -> tuple[list[str], list[int]]:
        ids = self.candidate_ids if candidate_ids is None else list(candidate_ids)
        unknown = [cid for cid in ids if cid not in self._row]
        if unknown:
            raise KeyError(f"not indexed by this ranker: {unknown[:5]}")
        return ids, [self._row[cid] for cid in ids]

    def score_many(
        self, queries: Mapping[str, str], candidate_ids: Iterable[str] | None = None
    ) -> dict[str, dict[str, float]]:
        """Cosine of every query against the candidates, in one sparse matrix product."""
        ids, rows = self._rows(candidate_ids)
        if self._vectorizer is None or self._matrix is None or not queries:
            return {query: dict.fromkeys(ids, 0.0) for query in queries}
        matrix = self._matrix if candidate_ids is None else self._matrix[rows]
        query_matrix = self._vectorizer.transform(list(queries.values()))
        # Kept sparse and densified a row at a time: a full dense q x n block can be large.
        products = (query_matrix @ matrix.T).tocsr()
        return {
            query: dict(zip(ids, np.ravel(products[i].toarray()).tolist(), strict=True))
            for i, query in enumerate(queries)
        }

    def scores(
        self, query_text: str, candidate_ids: Iterable[str] | None = None
    ) -> dict[str, float]:
        """Cosine of one query text against the candidates (all of them by default)."""
        return self.score_many({"": query_text}, candidate_ids)[""]


def tfidf_scores(query_text: str, candidates: Mapping[str, str]) -> dict[str, float]:
    """TF-IDF cosine of one text against each candidate, fitted on all of these texts."""
    return TfidfRanker(candidates, fit_tfidf([query_text, *candidates.values()])).scores(query_text)


def rank(scores: Mapping[str, float]) -> list[str]:
    """Ids by score descending, ties broken by id ascending."""
    return sorted(scores, key=lambda cid: (-scores[cid], cid))


def _text(*parts: Any) -> str:
    return " ".join(str(part) for part in parts if part)


def freelancer_text(record: Mapping[str, Any]) -> str:
    """A freelancer's text for the TF-IDF baseline: headline, bio and skills."""
    return _text(record.get("headline"), record.get("bio"), *(record.get("skills") or ()))


def project_text(record: Mapping[str, Any]) -> str:
    """A project's text for the TF-IDF baseline: title, description and skills."""
    return _text(record.get("title"), record.get("description"), *(record.get("skills") or ()))


def _by_id(records: Sequence[Mapping[str, Any]] | None) -> dict[str, Mapping[str, Any]]:
    return {str(record["id"]): record for record in records or () if "id" in record}


def baseline_rankings(dataset: Mapping[str, Any]) -> dict[str, dict[str, dict[str, list[str]]]]:
    """Both baselines' rankings, per direction, for a matching evaluation file."""
    freelancers = _by_id(dataset.get("freelancers"))
    projects = _by_id(dataset.get("projects"))
    # A judged freelancer missing from the list still gets a (content-free) query, so the
    # baselines answer the same queries as the engine.
    queries = {fid: freelancers.get(fid, {}) for fid in invert_qrels(dataset.get("qrels") or {})}

    freelancer_skills = {fid: f.get("skills") or [] for fid, f in freelancers.items()}
    project_skills = {pid: p.get("skills") or [] for pid, p in projects.items()}
    jaccard = {
        "employer": {
            pid: rank(skill_jaccard_scores(skills, freelancer_skills))
            for pid, skills in project_skills.items()
        },
        "freelancer": {
            fid: rank(skill_jaccard_scores(f.get("skills") or [], project_skills))
            for fid, f in queries.items()
        },
    }

    freelancer_texts = {fid: freelancer_text(f) for fid, f in freelancers.items()}
    project_texts = {pid: project_text(p) for pid, p in projects.items()}
    # One vocabulary for both sides, so a word's rarity is judged across the whole market.
    vectorizer = fit_tfidf([*freelancer_texts.values(), *project_texts.values()])
    by_project = TfidfRanker(freelancer_texts, vectorizer).score_many(project_texts)
    by_freelancer = TfidfRanker(project_texts, vectorizer).score_many(
        {fid: freelancer_text(f) for fid, f in queries.items()}
    )
    tfidf = {
        "employer": {pid: rank(scores) for pid, scores in by_project.items()},
        "freelancer": {fid: rank(scores) for fid, scores in by_freelancer.items()},
    }
    return {"baseline_skill_jaccard": jaccard, "baseline_tfidf": tfidf}
