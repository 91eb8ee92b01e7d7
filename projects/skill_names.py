"""How skill names are normalised, so that "React.js", "ReactJS" and "react" meet.

Pure text functions shared by the resolver (reads) and the taxonomy import (writes).
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Punctuation that never distinguishes two skills ("Node.js" = "NodeJS" = "node js").
_JOINERS = re.compile(r"[\s.\-_/]+")
# A trailing version: "Python 3", "python3", "Angular 17", "Vue v3", "PHP 8.2", "Java SE 21".
_VERSION = re.compile(r"(?:[\s\-]*v?\d+(?:\.\d+)*(?:\.x)?\+?)$")
# Quotes, brackets, bullets and hyphens or dashes around what was typed.
_EDGE_PUNCT = "\"'`()[]{},;:!?*\u2022\u00b7-\u2013\u2014"


def normalise(text: str) -> str:
    """Lower-case, Unicode-folded, single-spaced, without decorative punctuation at the edges."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = _SPACES.sub(" ", text).strip().strip(_EDGE_PUNCT).strip()
    return text


def compact(text: str) -> str:
    """The lookup key: the normalised text without spaces, dots, hyphens or slashes."""
    return _JOINERS.sub("", normalise(text))


def lookup_keys(text: str) -> list[str]:
    """Keys to try, most literal first: as typed, without a version, without a "js" suffix."""
    base = normalise(text)
    if not base:
        return []
    keys = [compact(base)]
    unversioned = _VERSION.sub("", base).strip()
    if unversioned and unversioned != base:
        # A number glued to a single letter is part of a name ("R2", "C4", "S3"), not a
        # version of R, C or S; "R 4.3" still means R.
        glued_to_letter = len(compact(unversioned)) == 1 and base[len(unversioned)].isdigit()
        if not glued_to_letter:
            keys.append(compact(unversioned))
    for key in list(keys):
        if key.endswith("js") and len(key) > 4:
            keys.append(key[:-2])
    return list(dict.fromkeys(k for k in keys if k))
