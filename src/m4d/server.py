"""The production web server behind `m4d serve`: gunicorn with threads, static files by whitenoise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Callable[..., Any]:  # the WSGI application
        from m4d.config.wsgi import application

        return application


def run_server(*, host: str, port: int, workers: int, on_ready: Callable[[], None]) -> None:
    _Gunicorn(
        {
            "bind": f"{host}:{port}",
            "workers": max(1, workers),
            "worker_class": "gthread",
            "threads": 4,
            "preload_app": True,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "timeout": 120,
            "when_ready": lambda _server: on_ready(),
        }
    ).run()
