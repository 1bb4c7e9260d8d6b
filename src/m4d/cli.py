"""The `m4d` command: serve the platform, manage data, import and export.

Every subcommand calls the same services as the web pages and the API. A command that fails raises
CommandError; `main` prints it as one line on standard error and exits with its status.
"""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# Exit statuses: a failure (nothing was changed), and a usage error (a bad argument: a missing file).
FAILED, USAGE = 1, 2


class CommandError(Exception):
    """A command's failure, said in one line; `status` is the exit status."""

    def __init__(self, message: str, status: int = FAILED) -> None:
        super().__init__(message)
        self.status = status


def _setup(data_dir: str | None = None) -> None:
    if data_dir:
        os.environ["M4D_DATA_DIR"] = str(Path(data_dir).expanduser().resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "m4d.config.settings")
    import django

    django.setup()


def _prepare(verbose: bool = True) -> None:
    """Migrate and load shipped data; a broken data file stops here with exit status 1."""
    from m4d import startup
    from m4d.core.datafiles import DataFileError

    startup.migrate()
    try:
        loaded = startup.load_shipped_data()
    except DataFileError as error:
        raise CommandError(f"cannot load shipped data, nothing was changed: {error}") from error
    if verbose and loaded:
        print(f"m4d: loaded {', '.join(loaded)}")


def cmd_serve(args: argparse.Namespace) -> None:
    _setup(args.data_dir)
    from django.conf import settings

    started = time.monotonic()
    _prepare()
    _warn_about_hosts(args.host)
    _collect_static_if_changed(Path(settings.STATIC_ROOT))
    worker = None
    if not args.no_worker:
        worker = subprocess.Popen(
            [sys.executable, "-m", "m4d.cli", "worker"], env=os.environ.copy()
        )
    from django.db import connections

    from m4d.server import run_server

    connections.close_all()  # the server forks workers; none may inherit the master's connection

    url = (
        f"http://{'localhost' if args.host in ('0.0.0.0', '127.0.0.1') else args.host}:{args.port}/"
    )

    def announce() -> None:
        print(
            f"m4d: serving {url} (data in {settings.DATA_DIR}, ready in {time.monotonic() - started:.1f} s)",
            flush=True,
        )

    try:
        run_server(host=args.host, port=args.port, workers=args.workers, on_ready=announce)
    finally:
        if worker and worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=10)


def _warn_about_hosts(bind: str) -> None:
    """Show the host checks (a wildcard ALLOWED_HOSTS) and, when serving beyond this machine, how
    to set the address others reach it at."""
    from django.conf import settings
    from django.core import checks

    from m4d.core.checks import SERVE_TAG

    for message in checks.run_checks(tags=[SERVE_TAG], include_deployment_checks=True):
        print(f"m4d: {message}", file=sys.stderr)
    advice = host_advice(bind, settings.M4D_BASE_URL, settings.ALLOWED_HOSTS)
    if advice:
        print(advice, file=sys.stderr)


def host_advice(bind: str, base_url: str, allowed_hosts: list[str]) -> str | None:
    """How to configure the public address, for a server bound to a non-local `bind` address."""
    from m4d.lib.hosts import is_local

    if is_local(bind):
        return None
    return (
        f"m4d: serving beyond this machine: links in e-mails use M4D_BASE_URL={base_url} and the "
        f"host names answered are {','.join(allowed_hosts)}; set M4D_BASE_URL=https://your.host "
        "(and M4D_ALLOWED_HOSTS=name,... if other names must be answered too)."
    )


def _collect_static_if_changed(static_root: Path) -> None:
    """Collect (hash, compress) static files only when the app's files changed since the last time."""
    import hashlib

    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    stamp = static_root / ".m4d-static-stamp"
    if (
        stamp.exists()
        and stamp.read_text() == digest.hexdigest()
        and (static_root / "staticfiles.json").exists()
    ):
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(digest.hexdigest())


def cmd_worker(args: argparse.Namespace) -> None:
    _setup(getattr(args, "data_dir", None))
    from django.core.management import call_command

    call_command("db_worker", interval=1.0)


def cmd_migrate(args: argparse.Namespace) -> None:
    _setup(args.data_dir)
    _prepare()


def cmd_createadmin(args: argparse.Namespace) -> None:
    _setup(args.data_dir)
    _prepare(verbose=False)
    from m4d.accounts.services import AccountExists, create_admin, refuse_existing_account

    password = args.password
    generated = False
    try:
        if not password:
            # Refused before asking: nobody types a password only to hear it was not wanted.
            refuse_existing_account(args.email, reset_password=args.reset_password)
            if sys.stdin.isatty() and not args.generate:
                password = getpass.getpass("Password (empty to generate one): ")
            if not password:
                password = secrets.token_urlsafe(16)
                generated = True
        user = create_admin(email=args.email, password=password, reset_password=args.reset_password)
    except AccountExists as error:
        raise CommandError(f"{error} (add --reset-password to replace it)", USAGE) from error
    except ValueError as error:
        raise CommandError(str(error), USAGE) from error
    print(f"m4d: administrator {user.email} ready")
    if generated:
        print(f"m4d: generated password: {password}")


def cmd_token(args: argparse.Namespace) -> None:
    _setup(args.data_dir)
    _prepare(verbose=False)
    from m4d.accounts.models import User
    from m4d.accounts.services import TokenError, create_token

    user = User.objects.filter(email__iexact=args.email).first()
    if user is None:
        raise CommandError(f"no account with the e-mail address {args.email}", USAGE)
    if not user.is_active:
        raise CommandError(f"the account {user.email} is deactivated", USAGE)
    try:
        token, secret = create_token(user, name=args.name, by=None)
    except TokenError as error:
        raise CommandError(f"cannot create the token: {error.message}", USAGE) from error
    print(f"m4d: token {token.name!r} created for {user.email}; it is shown this once:")
    # Alone on the last line, so that scripts can take it with `tail -n 1`.
    print(secret)


def _csv_separator(value: str) -> str:
    from m4d.lib.spreadsheet import separator

    try:
        return separator(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def cmd_export(args: argparse.Namespace) -> None:
    _setup(args.data_dir)
    _prepare(verbose=False)
    from m4d.projects import iati_preflight
    from m4d.projects.exports import export_projects
    from m4d.projects.iati import IatiExportError
    from m4d.projects.models import Project

    iati = args.format == "iati"
    if iati and args.strict:  # asked before anything is written: a refused export writes nothing
        published = Project.objects.filter(status=Project.Status.PUBLISHED)
        checked = iati_preflight.report_for(published)
        if not checked.ok:
            summary = checked.summary().replace("\n", " | ")
            raise CommandError(f"refused (--strict), nothing written: {summary}")
    report = iati_preflight.Report() if iati else None
    try:
        with _output(args.out) as handle:
            count = export_projects(
                handle,
                fmt=args.format,
                language=args.lang,
                observer=report,
                sep=args.sep,
                labels=args.labels,
            )
    except IatiExportError as error:
        if args.out != "-":
            Path(args.out).unlink(missing_ok=True)  # no half-written file left behind
        raise CommandError(str(error).replace("\n", " | ")) from error
    # With `--out -` the export is standard output, so the summary goes to standard error.
    where = "standard output" if args.out == "-" else args.out
    print(
        f"m4d: wrote {count} projects to {where} ({args.format})",
        file=sys.stderr if args.out == "-" else sys.stdout,
    )
    if report is not None and (warning := report.summary()):
        for line in warning.splitlines():
            print(f"m4d: warning: {line}", file=sys.stderr)


@contextmanager
def _output(out: str) -> Iterator[BinaryIO]:
    """The binary stream to write to: standard output for `-`, else the file `out`."""
    if out == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    try:
        handle = open(out, "wb")  # noqa: SIM115  (closed below; open errors become one line)
    except FileNotFoundError as error:
        raise CommandError(f"{out}: no such folder {Path(out).parent}", USAGE) from error
    except OSError as error:
        raise CommandError(f"{out}: cannot write: {error.strerror}", USAGE) from error
    with handle:
        yield handle


def cmd_plan_export(args: argparse.Namespace) -> None:
    _setup(args.data_dir)
    _prepare(verbose=False)
    from m4d.plans.exports import ExportError
    from m4d.plans.exports.services import export
    from m4d.plans.models import Plan

    plan = Plan.objects.select_related("organisation").filter(pk=args.plan_id).first()
    if plan is None:
        raise CommandError(f"no plan with the id {args.plan_id}", USAGE)
    try:
        exported = export(plan, args.format, language=args.language, by=None)
    except ExportError as error:
        raise CommandError(str(error).replace("\n", " | ")) from error
    with _output(args.out) as handle:
        handle.write(exported.content)
    where = "standard output" if args.out == "-" else args.out
    print(
        f"m4d: wrote plan {plan.pk} to {where} ({args.format}, {args.language})",
        file=sys.stderr if args.out == "-" else sys.stdout,
    )


def cmd_import(args: argparse.Namespace) -> None:
    _setup(args.data_dir)
    _prepare(verbose=False)
    from m4d.projects.iati import IatiImportError, import_iati_file

    try:
        with open(args.file, "rb") as handle:
            result = import_iati_file(handle, filename=args.file)
    except FileNotFoundError as error:
        raise CommandError(f"{args.file}: no such file", USAGE) from error
    except IatiImportError as error:
        raise CommandError(
            f"{args.file} was not imported, the database is unchanged: {error}"
        ) from error
    activities = "activity" if result.projects == 1 else "activities"
    organisations = "organisation" if result.created_organisations == 1 else "organisations"
    print(
        f"m4d: imported {result.projects} {activities}"
        f" ({result.created_organisations} new {organisations})"
    )
    for warning in result.warnings:
        print(f"m4d: warning: {warning}", file=sys.stderr)


def cmd_synth(args: argparse.Namespace) -> None:
    _setup(args.data_dir)
    _prepare(verbose=False)
    from m4d.projects import synthetic

    if args.clear:
        removed = synthetic.clear()
        print(
            f"m4d: removed {removed['projects']} synthetic projects and {removed['organisations']} organisations"
        )
        return
    made = synthetic.generate(
        projects=args.projects, organisations=args.organisations, seed=args.seed
    )
    print(
        f"m4d: created {made['projects']} synthetic projects and {made['organisations']} organisations"
    )


def cmd_reindex(args: argparse.Namespace) -> None:
    _setup(args.data_dir)
    from django.db import transaction

    from m4d.core import generation, search

    with transaction.atomic():
        counts = search.reindex_all()
        generation.bump()  # search results may change: cached pages must not outlive them
    for kind, count in counts.items():
        print(f"{kind}: {count}")


def cmd_manage(args: argparse.Namespace) -> None:
    _setup(args.data_dir)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["m4d manage", *args.rest])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="m4d", description="Bottom-up migration and development platform."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def command(
        name: str, func: Callable[[argparse.Namespace], None], help: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help)
        p.add_argument(
            "--data-dir", help="data directory (default: M4D_DATA_DIR or the user's data directory)"
        )
        p.set_defaults(func=func)
        return p

    p = command("serve", cmd_serve, "migrate, load shipped data and serve the platform")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=2, help="web worker processes")
    p.add_argument(
        "--no-worker", action="store_true", help="do not start the background task worker"
    )
    command("worker", cmd_worker, "run the background task worker")
    command("migrate", cmd_migrate, "apply migrations and load shipped data, then exit")
    p = command("createadmin", cmd_createadmin, "create or update an administrator account")
    p.add_argument("--email", required=True)
    p.add_argument("--password", help="(avoid: visible in the process list) the password to set")
    p.add_argument("--generate", action="store_true", help="generate a password without prompting")
    p.add_argument(
        "--reset-password",
        action="store_true",
        help="the account exists: replace its password (and make it an administrator)",
    )
    p = command("token", cmd_token, "create a personal API token")
    p.add_argument("action", choices=["create"])
    p.add_argument("--email", required=True, help="the account the token acts for")
    p.add_argument("--name", default="Command line", help="what the token is for")
    p = command("export", cmd_export, "export the project registry")
    p.add_argument("what", choices=["projects"])
    p.add_argument("--format", choices=["iati", "csv", "json"], required=True)
    p.add_argument(
        "--strict",
        action="store_true",
        help="iati: refuse to write a file that breaks an IATI pre-flight rule",
    )
    p.add_argument("--out", required=True, help="the file to write, or - for standard output")
    p.add_argument(
        "--lang", choices=["en", "fr"], default="en", help="language of CSV/JSON text columns"
    )
    p.add_argument(
        "--sep",
        type=_csv_separator,
        default=",",
        help="CSV column separator: comma (default) or semicolon (Excel set to French)",
    )
    p.add_argument(
        "--labels",
        action="store_true",
        help="CSV: partner types and capitals as names in --lang instead of codes",
    )
    p = command("import", cmd_import, "import data")
    p.add_argument("what", choices=["iati"])
    p.add_argument("file")
    p = command("synth", cmd_synth, "create (or --clear) synthetic data for benchmarks")
    p.add_argument("--projects", type=int, default=1000)
    p.add_argument("--organisations", type=int, default=500)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--clear", action="store_true")
    command("reindex", cmd_reindex, "rebuild the search index")
    # `m4d plan <action>`: the design studio's plans.
    p = command("plan", lambda args: None, "work with project plans")
    plan_actions = p.add_subparsers(dest="plan_command", required=True)
    p = plan_actions.add_parser("export", help="export a plan as a file")
    p.add_argument(
        "--data-dir", help="data directory (default: M4D_DATA_DIR or the user's data directory)"
    )
    p.set_defaults(func=cmd_plan_export)
    p.add_argument("plan_id", type=int, metavar="PLAN_ID")
    p.add_argument("--format", choices=["docx", "pdf", "md", "iati"], required=True)
    p.add_argument("--out", required=True, help="the file to write, or - for standard output")
    p.add_argument(
        "--language", choices=["fr", "en"], default="en", help="language of headings and labels"
    )
    p = command("manage", cmd_manage, "run a Django management command")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    try:
        args.func(args)
    except CommandError as error:
        print(f"m4d: {error}", file=sys.stderr)
        sys.exit(error.status)


if __name__ == "__main__":
    main()
