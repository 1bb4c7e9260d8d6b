"""Static files storage: hashed, compressed names once `collectstatic` ran, plain names before.

`m4d serve` collects static files at start; tests and development read files straight from the
apps (WhiteNoise finders), where no manifest exists yet.
"""

from __future__ import annotations

from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]  # whitenoise is untyped
    def url(self, name: str | None, force: bool = False) -> str:
        if not self.hashed_files and not force:
            return StaticFilesStorage.url(self, name)
        url: str = super().url(name, force)
        return url
