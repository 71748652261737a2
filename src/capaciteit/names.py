"""The one name normaliser: names, headers and codes compared without case, accents or spacing."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd

_NOT_ALNUM = re.compile(r"[^a-z0-9]")  # linear: a single character class, no repetition


def name_key(value: object) -> str:
    """A name for matching: lower case, accents dropped, only letters and digits kept.

    ``None`` and NaN give ``""``.

    Examples
    --------
    >>> name_key("Sûdwest-Fryslân"), name_key(" Boa's "), name_key(None)
    ('sudwestfryslan', 'boas', '')
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return ""
    return _text_key(str(value))


@lru_cache(maxsize=8192)  # called per cell; the distinct names are few
def _text_key(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_ALNUM.sub("", plain.lower())
