"""Why a report is refused: an IntakeError names the file and, for a refusal of a hostile or malformed file, carries
an i18n reason so the app can say it in the user's language (the message itself is the English sentence)."""
from __future__ import annotations

from typing import Callable


class IntakeError(Exception):
    """A report that cannot be read or holds nothing to propose; nothing is written."""

    def __init__(self, message: str, file: str = "", reason: str = "", **params: str):
        super().__init__(message)
        self.file, self.reason, self.params = file, reason, params

    def __str__(self) -> str:
        return self.localized("en") if self.reason else super().__str__()

    def localized(self, lang: str, escape: Callable[[str], str] = str) -> str:
        """The refusal in the user's language (one sentence naming the file); other errors as they were raised.
        `escape` is applied to what came from the file (its name, a part's name), or to the whole of other errors."""
        if not self.reason:
            return escape(super().__str__())
        from geo.i18n import t  # here, not at the top: the parsing child imports this module, and not pandas

        params = {k: escape(v) for k, v in self.params.items()}
        return t("intake_refused", lang, file=escape(self.file), reason=t(self.reason, lang, **params))

    def as_dict(self) -> dict:
        return {"message": self.args[0] if self.args else "", "file": self.file, "reason": self.reason,
                "params": self.params}

    @classmethod
    def from_dict(cls, data: dict) -> IntakeError:
        return cls(str(data["message"]), str(data.get("file", "")), str(data.get("reason", "")),
                   **{str(k): str(v) for k, v in dict(data.get("params") or {}).items()})


def refusal(name: str, reason: str, **params: str) -> IntakeError:
    """A refused file: `reason` is an i18n key (refuse_…) whose text takes `params`."""
    return IntakeError("", name, reason, **params)
