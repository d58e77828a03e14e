"""Back and forward through the pages read, like a browser."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Visit:
    slug: str
    anchor: str | None = None


class NavigationHistory:
    """The pages visited in order, with a position; visiting after going back drops the forward part."""

    def __init__(self, limit: int = 200) -> None:
        self.limit = limit
        self._visits: list[Visit] = []
        self._position = -1

    @property
    def current(self) -> Visit | None:
        return self._visits[self._position] if self._visits else None

    @property
    def slugs(self) -> set[str]:
        """Every page in the history."""
        return {visit.slug for visit in self._visits}

    @property
    def can_go_back(self) -> bool:
        return self._position > 0

    @property
    def can_go_forward(self) -> bool:
        return self._position < len(self._visits) - 1

    def visit(self, slug: str, anchor: str | None = None) -> None:
        """Record a new page read; the same page twice in a row is recorded once."""
        visit = Visit(slug, anchor)
        if self.current == visit:
            return
        del self._visits[self._position + 1 :]
        self._visits.append(visit)
        if len(self._visits) > self.limit:
            del self._visits[0]
        self._position = len(self._visits) - 1

    def back(self) -> Visit | None:
        """Step back and return the visit there, or None at the start."""
        if not self.can_go_back:
            return None
        self._position -= 1
        return self.current

    def forward(self) -> Visit | None:
        """Step forward and return the visit there, or None at the end."""
        if not self.can_go_forward:
            return None
        self._position += 1
        return self.current

    def forget(self, slugs: set[str]) -> None:
        """Drop visits to pages that no longer exist (after a reload)."""
        current = self.current
        kept = [v for v in self._visits if v.slug not in slugs]
        if len(kept) == len(self._visits):
            return
        self._visits = kept
        if current is not None and current in kept:
            self._position = kept.index(current)
        else:
            self._position = len(kept) - 1
