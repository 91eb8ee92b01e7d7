"""Word overlap between a query's text and its candidates', weighted by rarity in the pool.

The language model reads meaning; this reads the exact words, which is what it misses most
often: product names, rare tools, a language pair. The weights (TF-IDF) come from the
candidates being ranked together, so a word common to all of them counts for little.
"""

from sklearn.feature_extraction.text import TfidfVectorizer


def keyword_similarities(query: str, candidates: dict[int, str]) -> dict[int, float]:
    """Cosine of TF-IDF vectors of `query` and each candidate's text (0 when nothing shared)."""
    ids = [pk for pk, text in candidates.items() if text]
    if not query or not ids:
        return dict.fromkeys(candidates, 0.0)
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", strip_accents="unicode")
    try:
        matrix = vectorizer.fit_transform([query, *(candidates[pk] for pk in ids)])
    except ValueError:  # no word left once stop words are removed
        return dict.fromkeys(candidates, 0.0)
    sims = (matrix[1:] @ matrix[0].T).toarray().ravel()
    found = dict(zip(ids, (float(s) for s in sims), strict=True))
    return {pk: found.get(pk, 0.0) for pk in candidates}
