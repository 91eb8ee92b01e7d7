"""Word overlap between a query's text and its candidates', weighted by rarity in the pool.

The language model reads meaning; this reads the exact words, which is what it misses most
often: product names, rare tools, a language pair. The weights (TF-IDF: sublinear term
frequency, smoothed inverse document frequency, English stop words left out, as scikit-learn's
TfidfVectorizer computes them) come from the candidates being ranked together, so a word common
to all of them counts for little. Written out rather than calling scikit-learn because a
ranking runs it on every request over a few dozen to a few hundred short texts, where building
a vectorizer costs more than the arithmetic.
"""

import math
import re
from collections import Counter
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, strip_accents_unicode

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


@lru_cache(maxsize=8192)
def _terms(text: str) -> Counter:
    """The text's words and counts. Cached: every feed and suggested-talent page splits the
    same profile and project texts again (most of a ranking's keyword time); callers only read
    the Counter, never change it."""
    words = _TOKEN.findall(strip_accents_unicode(text.lower()))
    return Counter(word for word in words if word not in ENGLISH_STOP_WORDS)


def keyword_similarities(query: str, candidates: dict[int, str]) -> dict[int, float]:
    """Cosine of TF-IDF vectors of `query` and each candidate's text (0 when nothing shared)."""
    asked = _terms(query or "")
    if not asked:
        return dict.fromkeys(candidates, 0.0)
    documents = {pk: _terms(text or "") for pk, text in candidates.items()}
    pool = len(documents) + 1
    frequency = Counter(asked.keys())
    for terms in documents.values():
        frequency.update(terms.keys())
    # smooth_idf: ln((1 + n) / (1 + df)) + 1, n counting the query as a document.
    idf = {term: math.log((1 + pool) / (1 + frequency[term])) + 1 for term in frequency}

    def weights(terms: Counter) -> tuple[dict[str, float], float]:
        vector = {term: (1 + math.log(count)) * idf[term] for term, count in terms.items()}
        return vector, math.sqrt(sum(v * v for v in vector.values()))

    query_vector, query_norm = weights(asked)
    result = {}
    for pk, terms in documents.items():
        shared = terms.keys() & query_vector.keys()
        if not shared:
            result[pk] = 0.0
            continue
        vector, norm = weights(terms)
        dot = sum(vector[term] * query_vector[term] for term in shared)
        result[pk] = dot / (norm * query_norm)
    return result
