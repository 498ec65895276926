"""A current submission with the answers it carried: what the overview, the activity matrix and
the key figures all read (apart, so that none of them imports another back)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..store.submissions import SubmissionRecord


@dataclass
class SubmissionData:
    """A current submission with the answers it carried."""

    record: SubmissionRecord
    answers: dict[str, Any]
    translations: dict[str, str]

    def text(self, key: str, lang: str) -> tuple[str, bool] | None:
        """A free-text answer for a reader of ``lang``, and whether it is a stored translation.

        An English reader of a Russian report gets the focal point's English translation where
        one was stored; everyone else gets the text as written.
        """
        value = self.answers.get(key)
        if not isinstance(value, str) or not value.strip():
            return None
        if lang == "en" and self.record.language == "ru" and self.translations.get(key):
            return self.translations[key], True
        return value, False
