"""Text features of a posting: a sentence embedding of its opening words and TF-IDF topics.

The sentence encoder is matching's (all-MiniLM-L6-v2 from disk). It reads the title, the skills
and the start of the description, which keeps encoding fast on large files; TF-IDF reduced by SVD
reads the whole text. Without the encoder, TF-IDF alone carries the text.
"""

import hashlib
import logging

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from .postings import Posting

logger = logging.getLogger(__name__)

# How much of the description the encoder reads, after title and skills, by training-set size:
# encoding costs about a second per 50 postings at 300 characters, per 150 at none.
ENCODED_CHARACTERS = ((600, 300), (1500, 100))
TOPICS = 100
_cache: dict[tuple[str, str], np.ndarray] = {}
_CACHE_LIMIT = 50_000


def _encoder():
    from matching.encoder import encoder_or_none

    return encoder_or_none()


def encoder_version() -> str | None:
    encoder = _encoder()
    return encoder.version if encoder is not None else None


def encoded_characters(rows: int) -> int:
    return next((chars for limit, chars in ENCODED_CHARACTERS if rows <= limit), 0)


def _short_text(posting: Posting, characters: int) -> str:
    skills = ", ".join(posting.skills)
    return f"{posting.title}. {skills}. {posting.description[:characters]}".strip()


class EncoderUnavailable(RuntimeError):
    """The estimator was trained with a sentence encoder this process cannot load."""


def embed(postings: list[Posting], version: str, characters: int) -> np.ndarray:
    """Sentence embeddings (one row per posting); remembered per text for this process."""
    encoder = _encoder()
    if encoder is None or encoder.version != version:
        raise EncoderUnavailable(f"The text encoder {version} is not available.")
    texts = [_short_text(p, characters) for p in postings]
    keys = [(version, hashlib.sha1(t.encode()).hexdigest()) for t in texts]
    missing = list(dict.fromkeys(k for k in keys if k not in _cache))
    if missing:
        by_key = dict(zip(keys, texts, strict=True))
        vectors = encoder.encode([by_key[k] for k in missing])
        if len(_cache) + len(missing) > _CACHE_LIMIT:
            _cache.clear()
        _cache.update(zip(missing, vectors, strict=True))
    return np.vstack([_cache[k] for k in keys]) if keys else np.zeros((0, encoder.dimensions))


class TextFeatures:
    """Fitted on training postings; turns postings into two blocks: embedding and topics."""

    def __init__(self, *, use_encoder: bool = True):
        self.encoder_version = encoder_version() if use_encoder else None
        self.vectorizer: TfidfVectorizer | None = None
        self.svd: TruncatedSVD | None = None
        self.topic_scale = 1.0
        self.characters = 0

    def fit(self, postings: list[Posting]) -> "TextFeatures":
        self.characters = encoded_characters(len(postings))
        texts = [p.text for p in postings]
        self.vectorizer = TfidfVectorizer(
            min_df=2 if len(texts) >= 20 else 1,
            sublinear_tf=True,
            ngram_range=(1, 2),
            max_features=20_000,
            strip_accents="unicode",
        )
        try:
            matrix = self.vectorizer.fit_transform(texts)
        except ValueError:  # no word seen twice: the texts carry nothing to learn
            self.vectorizer = None
            return self
        components = min(TOPICS, matrix.shape[0] - 1, matrix.shape[1] - 1)
        if components < 1:
            self.vectorizer = None
            return self
        self.svd = TruncatedSVD(components, random_state=0).fit(matrix)
        topics = self.svd.transform(matrix)
        self.topic_scale = float(np.sqrt((topics**2).sum(axis=1).mean())) or 1.0
        return self

    def embedding(self, postings: list[Posting]) -> np.ndarray:
        if self.encoder_version is None:
            return np.zeros((len(postings), 0))
        return embed(postings, self.encoder_version, self.characters)

    def topics(self, postings: list[Posting]) -> np.ndarray:
        if self.vectorizer is None or self.svd is None:
            return np.zeros((len(postings), 0))
        matrix = self.vectorizer.transform([p.text for p in postings])
        return self.svd.transform(matrix) / self.topic_scale

    def similarity_space(self, postings: list[Posting]) -> np.ndarray:
        """Unit vectors for finding comparable projects: the embedding, else the topics."""
        vectors = self.embedding(postings)
        if vectors.shape[1] == 0:
            vectors = self.topics(postings)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms > 0, norms, 1.0)
