"""Shipped data loaders, registered by each app from its AppConfig.ready():

    shipped.register(shipped.Loader("registry", files=data_files, load=load_registry, after=("countries",)))

`load_all()` (what `m4d serve` runs at start) calls the loaders in dependency order, in one
transaction: a loader runs when the hash of its files changed since its last run (or when forced);
a broken file raises `DataFileError` and nothing of any loader is kept. `files` is a function so
tests can point a loader at a broken copy by patching the app's module. A loader without files
(its data comes from a library, e.g. the ISO country list) runs at every start as `load(force=…)`
and returns whether it changed anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from m4d.core import generation
from m4d.core.datafiles import load_if_changed


@dataclass(frozen=True)
class Loader:
    name: str
    files: Callable[[], list[Path]] | None
    load: Callable[..., Any]
    after: tuple[str, ...] = ()


_loaders: dict[str, Loader] = {}


def register(loader: Loader) -> None:
    _loaders[loader.name] = loader


def ordered() -> list[Loader]:
    """Every loader after the loaders it names in `after` (registration order otherwise)."""
    done: dict[str, Loader] = {}

    def visit(loader: Loader, path: tuple[str, ...]) -> None:
        if loader.name in done:
            return
        if loader.name in path:
            raise ValueError(f"data loaders depend on each other in a cycle: {' → '.join(path)}")
        for name in loader.after:
            if name not in _loaders:
                raise ValueError(f"data loader {loader.name!r} runs after unknown {name!r}")
            visit(_loaders[name], (*path, loader.name))
        done[loader.name] = loader

    for loader in _loaders.values():
        visit(loader, ())
    return list(done.values())


def run(name: str, *, force: bool = False) -> bool:
    """Run one loader if its files changed (or when forced); True if it ran."""
    loader = _loaders[name]
    if loader.files is None:
        return bool(loader.load(force=force))
    return load_if_changed(loader.name, loader.files(), loader.load, force=force)


@transaction.atomic
def load_all(*, force: bool = False) -> list[str]:
    """Load whatever changed since the last start; returns the names of what was (re)loaded."""
    loaded = [loader.name for loader in ordered() if run(loader.name, force=force)]
    if loaded:
        generation.bump()
    return loaded
