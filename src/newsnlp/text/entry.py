"""The :class:`Entry` record: one real-world entity of a lexicon."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["ENTITY_TYPES", "EntityType", "Entry"]

EntityType = Literal["company", "brand", "product", "person", "organization", "location"]

#: The entity types, as in the design's ``entities`` frame.
ENTITY_TYPES: tuple[str, ...] = (
    "company",
    "brand",
    "product",
    "person",
    "organization",
    "location",
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One real-world thing.

    Attributes
    ----------
    name : str
        Canonical name (``"小米"``, ``"徕卡"``, ``"小米 12S Ultra"``).
    type : str
        One of :data:`ENTITY_TYPES`.
    aliases : tuple of str
        Other surface forms in Chinese and Latin script (``("Xiaomi", "小米集团")``).
        The canonical name always matches too; it need not be repeated here.
    parent : str or None
        Canonical name of the owner/maker (``Redmi`` -> ``小米``; a product -> its brand).
    company : str or None
        Canonical name of the company ultimately behind it (``小米 12S Ultra`` -> ``小米``).
    wikidata : str or None
        Wikidata id (``"Q1636958"``) where known.
    """

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    company: str | None = None
    wikidata: str | None = None

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """The canonical name followed by every alias, without duplicates."""
        seen: dict[str, None] = {self.name: None}
        for alias in self.aliases:
            seen.setdefault(alias, None)
        return tuple(seen)
