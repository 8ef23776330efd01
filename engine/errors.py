"""Named errors of the engine. The CLI and servers map them to messages once, at the edge."""

from __future__ import annotations


class CGIRError(Exception):
    """Base class: a problem the user can fix (bad input, missing file, wrong model)."""


class DatasetError(CGIRError):
    """A dataset could not be found, read or preprocessed."""


class CheckpointError(CGIRError):
    """A checkpoint is missing, corrupt, or belongs to another dataset."""


class MissingShippedFile(CGIRError):
    """A data file the package ships (fitted weights, anchors, the widget) is not installed."""

    def __init__(self, path):
        super().__init__(f"{path} is missing from this installation: the package was built without "
                         "its data files; reinstall cgir-bot from a complete wheel or checkout")
        self.path = path


class ModelFitError(CGIRError):
    """Training diverged (a NaN or infinite loss); the message names the term."""


class LookupFailed(CGIRError):
    """A title or tag did not resolve to exactly one entry; `candidates` lists the closest."""

    def __init__(self, kind: str, query: str, candidates: list[str], ambiguous: bool = False):
        self.kind = kind
        self.query = query
        self.candidates = list(candidates)
        self.ambiguous = ambiguous
        if ambiguous:
            message = f"{kind} {query!r} is ambiguous"
        else:
            message = f"no {kind} matches {query!r}"
        if self.candidates:
            message += "; did you mean: " + ", ".join(self.candidates[:5]) + "?"
        super().__init__(message)


class UnknownItem(LookupFailed):
    def __init__(self, query: str, candidates: list[str], ambiguous: bool = False):
        super().__init__("item", query, candidates, ambiguous)


class UnknownTag(LookupFailed):
    def __init__(self, query: str, candidates: list[str], ambiguous: bool = False):
        super().__init__("tag", query, candidates, ambiguous)
