"""The documented size and value limits of article input, and where each one comes from.

A limit turns a pathological input (a 10 MB single article, a 5,000-digit id, a
publication date in year 9999) into a clear error naming file, line and field,
instead of minutes of work and gigabytes of memory. The three size limits are
settings (environment variables, see ``python -m geo --help``):

========================  ======================  ==========
limit                     setting (environment)   default
========================  ======================  ==========
file size                 ``GEO_MAX_FILE_MB``     256 MB
article text length       ``GEO_MAX_ARTICLE_CHARS`` 200,000 characters
line length (JSONL, CSV)  ``GEO_MAX_LINE_CHARS``  1,000,000 characters
========================  ======================  ==========

Fixed limits: an id of at most :data:`MAX_ID_CHARS` characters; a title, source,
url or author of at most :data:`MAX_FIELD_CHARS`; a publication date from
:data:`EARLIEST_PUBLISHED` to :data:`DAYS_AHEAD` days after today (UTC).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from geo import settings

__all__ = ["DAYS_AHEAD", "EARLIEST_PUBLISHED", "MAX_FIELD_CHARS", "MAX_ID_CHARS", "Limits"]

#: Longest article id (characters): ids are keys, not texts.
MAX_ID_CHARS = 200
#: Longest title, source or url (characters).
MAX_FIELD_CHARS = 2_000
#: Earliest publication date accepted (news archives reach back to the 19th century's
#: end; anything before is a typo or a placeholder such as 0001-01-01).
EARLIEST_PUBLISHED = dt.date(1850, 1, 1)
#: How many days after today (UTC) a publication date may be (time zones, scheduled posts).
DAYS_AHEAD = 2


def _positive_int(name: str) -> int:
    setting = settings.SETTINGS[name]
    raw = settings.get(name)
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{setting.env}={raw!r}: expected a whole number") from None
    if value < 1:
        raise ValueError(f"{setting.env}={raw!r}: must be at least 1")
    return value


@dataclass(frozen=True)
class Limits:
    """Size limits of article input.

    Parameters
    ----------
    file_bytes : int
        Largest file read, in bytes.
    article_chars : int
        Longest article text, in characters.
    line_chars : int
        Longest line of a JSON Lines file or field of a CSV file, in characters.
    """

    file_bytes: int = 256 * 1024 * 1024
    article_chars: int = 200_000
    line_chars: int = 1_000_000

    @classmethod
    def from_settings(cls) -> Limits:
        """Return the limits in force (settings and their environment variables).

        Raises
        ------
        ValueError
            A setting that is not a positive whole number (names the variable).
        """
        return cls(file_bytes=_positive_int("max_file_mb") * 1024 * 1024,
                   article_chars=_positive_int("max_article_chars"),
                   line_chars=_positive_int("max_line_chars"))

    @staticmethod
    def latest_published(today: dt.date | None = None) -> dt.date:
        """Return the latest publication date accepted (today UTC + :data:`DAYS_AHEAD`)."""
        today = today or dt.datetime.now(dt.UTC).date()
        return today + dt.timedelta(days=DAYS_AHEAD)
