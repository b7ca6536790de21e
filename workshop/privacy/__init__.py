"""Privacy (AVG/GDPR): the one redaction path, small-number grouping, erasing a person."""

from workshop.privacy.redaction import (
    MIN_GROUP_SIZE,
    MIN_NAME_LENGTH,
    Redactor,
    Who,
    group_small_counts,
)

__all__ = ["MIN_GROUP_SIZE", "MIN_NAME_LENGTH", "Redactor", "Who", "group_small_counts"]
