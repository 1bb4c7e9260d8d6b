"""The production web server behind `m4d serve`: gunicorn with threads, static files by whitenoise."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gunicorn import util
from gunicorn.app.base import BaseApplication
from gunicorn.http.errors import LimitRequestHeaders, LimitRequestLine
from gunicorn.workers.gthread import ThreadWorker

# Settings older gunicorn releases do not know; skipped there rather than refused.
NEWER_SETTINGS = {"control_socket_disable"}


class Worker(ThreadWorker):
    """gunicorn's threaded worker, answering the requests it refuses before Django sees them (an
    address past `limit_request_line`, headers past their limits) with m4d's own page instead of
    gunicorn's bare one. Every other error is gunicorn's to handle."""

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        status = 414 if isinstance(exc, LimitRequestLine) else None
        if isinstance(exc, LimitRequestHeaders):
            status = 431
        if status is None:
            super().handle_error(req, client, addr, exc)
            return
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        from m4d.core.views import refusal_response

        try:
            util.write_nonblock(client, refusal_response(status))
        except Exception:  # the client may be gone; gunicorn does the same
            self.log.debug("Failed to send error message.")


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
        "worker_class": "m4d.server.Worker",  # gthread, with m4d's pages for refused requests
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
