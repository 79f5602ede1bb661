"""The entity registry: one IRI per person, office, organization and country.

The registry is the built-in gazetteer (countries, organizations and offices every Dutch
political text names) plus the project's ``graph/entities.yaml`` plus whatever documents
introduce.  Names resolve to keys case-insensitively through labels and aliases, so
"Rutte", "Mark Rutte" and "premier Rutte" are one person.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from navokg.dutch.names import fold_name
from navokg.errors import EntityError
from navokg.model import Entity, EntityKind
from navokg.sources.yamlio import load_yaml_file, unknown_keys, where
from navokg.vocab import slugify

__all__ = ["Registry", "entity_from_mapping", "load_registry", "name_key"]

SECTIONS: dict[str, EntityKind] = {
    "persons": EntityKind.PERSON,
    "organizations": EntityKind.ORGANIZATION,
    "countries": EntityKind.COUNTRY,
    "offices": EntityKind.OFFICE,
}
NAMED_KINDS = (EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.COUNTRY)
ENTITY_KEYS = ("key", "label", "en", "aliases", "post_in", "same_as", "adjectives", "type", "seats")


def name_key(name: str) -> str:
    """How names compare (``navokg.dutch.names``): case, diacritics, spacing, apostrophes aside."""
    return fold_name(name)


def entity_from_mapping(data: Any, kind: EntityKind | None, path: Path) -> Entity:
    """Build an entity from a registry or annotation entry, checking its keys."""
    if not isinstance(data, dict):
        raise EntityError(f"{where(path, data)}: an entity must be a mapping with at least 'label'")
    problem = unknown_keys(data, ENTITY_KEYS)
    if problem:
        raise EntityError(f"{where(path, data)}: {problem}")
    if kind is None:
        type_name = str(data.get("type", ""))
        try:
            kind = EntityKind(type_name)
        except ValueError:
            raise EntityError(
                f"{where(path, data)}: 'type' must be one of "
                f"{', '.join(k.value for k in EntityKind)}, got '{type_name}'"
            ) from None
    label = data.get("label")
    if not isinstance(label, str) or not label.strip():
        raise EntityError(f"{where(path, data)}: every entity needs a 'label' (its canonical name)")
    key = str(data.get("key") or slugify(label))
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", key):
        raise EntityError(f"{where(path, data)}: key '{key}' must be an ASCII slug like 'mark-rutte'")

    def strings(field: str) -> tuple[str, ...]:
        value = data.get(field) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise EntityError(f"{where(path, data)}: '{field}' must be a list of strings")
        return tuple(dict.fromkeys(v.strip() for v in value if v.strip()))

    if data.get("post_in") and kind is not EntityKind.OFFICE:
        raise EntityError(f"{where(path, data)}: only offices have 'post_in'")
    seats = data.get("seats")
    if seats is not None and (kind is not EntityKind.OFFICE or not isinstance(seats, int) or seats < 1):
        raise EntityError(f"{where(path, data)}: 'seats' is for offices, a whole number (1: one holder at a time)")
    return Entity(
        kind=kind,
        key=key,
        label=label.strip(),
        label_en=(str(data["en"]).strip() if data.get("en") else None),
        aliases=strings("aliases"),
        post_in=(str(data["post_in"]) if data.get("post_in") else None),
        same_as=strings("same_as"),
        adjectives=strings("adjectives"),
        seats=seats,
    )


class Registry:
    """Entities by key, and an index from every name to the keys it may mean."""

    def __init__(self, entities: Iterable[Entity] = ()) -> None:
        self._entities: dict[str, Entity] = {}
        self._names: dict[str, set[str]] = {}
        self._scanners: dict[tuple[EntityKind, ...], tuple[int, re.Pattern[str], dict[str, list[str]]]] = {}
        self._version = 0
        for entity in entities:
            self.add(entity)

    def copy(self) -> Registry:
        """An independent registry with the same entities (cheap: entities are frozen)."""
        other = Registry()
        other._entities = dict(self._entities)
        other._names = {name: set(keys) for name, keys in self._names.items()}
        other._version = self._version
        return other

    def __contains__(self, key: object) -> bool:
        return key in self._entities

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities[k] for k in sorted(self._entities))

    def __len__(self) -> int:
        return len(self._entities)

    def get(self, key: str) -> Entity:
        try:
            return self._entities[key]
        except KeyError:
            raise EntityError(f"no entity with key '{key}'") from None

    def add(self, entity: Entity) -> Entity:
        """Add an entity, or merge its names into the one with the same key."""
        existing = self._entities.get(entity.key)
        if existing is not None:
            if existing.kind is not entity.kind:
                raise EntityError(
                    f"key '{entity.key}' names a {existing.kind.value} already; "
                    f"give the {entity.kind.value} '{entity.label}' another key"
                )
            entity = replace(
                existing,
                label_en=existing.label_en or entity.label_en,
                aliases=tuple(
                    dict.fromkeys(a for a in (*existing.aliases, entity.label, *entity.aliases) if a != existing.label)
                ),
                post_in=existing.post_in or entity.post_in,
                same_as=tuple(dict.fromkeys((*existing.same_as, *entity.same_as))),
                adjectives=tuple(dict.fromkeys((*existing.adjectives, *entity.adjectives))),
                seats=existing.seats or entity.seats,
            )
        self._entities[entity.key] = entity
        self._version += 1
        for name in entity.names:
            self._names.setdefault(name_key(name), set()).add(entity.key)
        return entity

    def lookup(self, name: str, kinds: Iterable[EntityKind] | None = None) -> list[Entity]:
        """Every entity a name (key, label or alias) may mean, optionally of given kinds."""
        wanted = set(kinds) if kinds is not None else set(EntityKind)
        keys = set(self._names.get(name_key(name), ()))
        if name in self._entities:
            keys.add(name)
        return [self._entities[k] for k in sorted(keys) if self._entities[k].kind in wanted]

    def resolve(self, name: str, kinds: Iterable[EntityKind] | None = None) -> Entity:
        """The one entity a name means; EntityError lists the closest names otherwise."""
        kinds = list(kinds) if kinds is not None else None
        found = self.lookup(name, kinds)
        if len(found) == 1:
            return found[0]
        what = "/".join(k.value for k in kinds) if kinds else "entity"
        if not found:
            close = self.closest(name, kinds)
            hint = f"; closest: {', '.join(close)}" if close else ""
            raise EntityError(f"unknown {what} '{name}'{hint}")
        options = ", ".join(f"{e.key} ({e.label})" for e in found)
        raise EntityError(f"'{name}' is ambiguous, it may mean {options}; use the key")

    def closest(self, name: str, kinds: Iterable[EntityKind] | None = None, n: int = 5) -> list[str]:
        """Known labels and aliases that look most like a name, for error messages."""
        wanted = set(kinds) if kinds is not None else set(EntityKind)
        names = {n_: e.label for e in self._entities.values() if e.kind in wanted for n_ in e.names}
        matches = difflib.get_close_matches(name, list(names), n=n, cutoff=0.6)
        return list(dict.fromkeys(matches))

    def of_kind(self, *kinds: EntityKind) -> list[Entity]:
        return [e for e in self if e.kind in kinds]

    def scan(self, text: str, kinds: Iterable[EntityKind] = NAMED_KINDS) -> list[tuple[int, int, str]]:
        """Find every name of an entity of the given kinds in a text: (start, end, key).

        Names match as written (case matters: "VS" is not "vs"), as whole words, with an
        optional possessive ("Ruttes", "NAVO's"); a name after a hyphen is part of
        another name ("kabinet-Rutte", "Wit-Rusland") and does not count.
        """
        kinds = tuple(sorted(set(kinds), key=lambda k: k.value))
        pattern, owners = self._scanner(kinds)
        found: list[tuple[int, int, str]] = []
        for match in pattern.finditer(text):
            name = match.group("name")
            for key in owners.get(name, ()):
                found.append((match.start("name"), match.end("name"), key))
        return found

    def _scanner(self, kinds: tuple[EntityKind, ...]) -> tuple[re.Pattern[str], dict[str, list[str]]]:
        cached = self._scanners.get(kinds)
        if cached is not None and cached[0] == self._version:
            return cached[1], cached[2]
        owners: dict[str, list[str]] = {}
        for entity in self._entities.values():
            if entity.kind in kinds:
                for name in entity.names:
                    owners.setdefault(name, []).append(entity.key)
        names = sorted(owners, key=len, reverse=True)
        body = "|".join(re.escape(n) for n in names) or r"(?!x)x"
        pattern = re.compile(rf"(?<![\w-])(?P<name>{body})(?:'s|’s|s)?(?!\w)")
        self._scanners[kinds] = (self._version, pattern, owners)
        return pattern, owners


def _read_sections(path: Path) -> Iterator[Entity]:
    data = load_yaml_file(path, EntityError)
    if data is None:
        return
    if not isinstance(data, dict):
        raise EntityError(f"{path}: must map sections ({', '.join(SECTIONS)}) to lists of entities")
    for section, items in data.items():
        kind = SECTIONS.get(section)
        if kind is None:
            raise EntityError(f"{where(path, data)}: unknown section '{section}'; use {', '.join(SECTIONS)}")
        if not isinstance(items, list):
            raise EntityError(f"{where(path, data)}: section '{section}' must be a list")
        for item in items:
            yield entity_from_mapping(item, kind, path)


def gazetteer_path() -> Path:
    """The built-in gazetteer shipped with navokg."""
    return Path(str(resources.files("navokg.sources") / "data" / "gazetteer.yaml"))


def load_registry(*paths: Path | None) -> Registry:
    """The gazetteer plus each existing registry file, later files extending earlier ones."""
    registry = Registry()
    for path in (gazetteer_path(), *paths):
        if path is None:
            continue
        path = Path(path)
        if not path.exists():
            raise EntityError(f"{path}: no such entity registry file")
        for entity in _read_sections(path):
            registry.add(entity)
    for entity in registry.of_kind(EntityKind.OFFICE):
        if entity.post_in and entity.post_in not in registry:
            raise EntityError(f"office '{entity.key}' has post_in '{entity.post_in}', which is no known entity")
    return registry
