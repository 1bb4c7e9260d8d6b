"""The production web server behind `m4d serve`: gunicorn with threads, static files by whitenoise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

# Settings older gunicorn releases do not know; skipped there rather than refused.
NEWER_SETTINGS = {"control_socket_disable"}


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in NEWER_SETTINGS and key not in self.cfg.settings:
                continue
            self.cfg.set(key, value)

    def load(self) -> Callable[..., Any]:  # the WSGI application
        from m4d.config.wsgi import application

        return application


def run_server(*, host: str, port: int, workers: int, on_ready: Callable[[], None]) -> None:
    _Gunicorn(server_options(host=host, port=port, workers=workers, on_ready=on_ready)).run()


def server_options(
    *, host: str, port: int, workers: int, on_ready: Callable[[], None]
) -> dict[str, Any]:
    """gunicorn's settings for `m4d serve`."""
    return {
        "bind": f"{host}:{port}",
        "workers": max(1, workers),
        "worker_class": "gthread",
        "threads": 4,
        "preload_app": True,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "timeout": 120,
        # No runtime control socket (gunicorn 25.1+ would make one in ~/.gunicorn): m4d is
        # managed by its own commands, and two servers on one machine must not share it.
        "control_socket_disable": True,
        "when_ready": lambda _server: on_ready(),
    }
