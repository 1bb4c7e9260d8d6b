"""`m4d createadmin`: an administrator from the command line, never with a default password."""

from __future__ import annotations

import pytest

from m4d import cli
from m4d.accounts.models import User
from m4d.core.models import AuditEntry
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _already_set_up(monkeypatch):
    # The test database is configured and migrated; the command's own set-up would redo it.
    monkeypatch.setattr(cli, "_setup", lambda data_dir=None: None)
    monkeypatch.setattr(cli, "_prepare", lambda verbose=True: None)


@pytest.fixture
def no_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)


def generated_password(output: str) -> str:
    return output.split("generated password: ", 1)[1].strip()


def test_createadmin_generates_a_password_when_none_is_given(capsys, no_terminal):
    cli.main(["createadmin", "--email", "root@example.org"])
    password = generated_password(capsys.readouterr().out)
    user = User.objects.get(email="root@example.org")
    assert user.is_superuser and user.is_staff and user.role == "admin"
    assert len(password) >= 16
    assert user.check_password(password)
    assert AuditEntry.objects.filter(action="user.admin_created", object_id=str(user.pk)).exists()


def test_createadmin_never_uses_a_default_password(capsys, no_terminal):
    cli.main(["createadmin", "--email", "one@example.org"])
    cli.main(["createadmin", "--email", "two@example.org"])
    first, second = (
        generated_password(chunk) for chunk in capsys.readouterr().out.split("ready")[1:]
    )
    assert first != second
    for email in ("one@example.org", "two@example.org"):
        user = User.objects.get(email=email)
        assert not any(
            user.check_password(guess) for guess in ("admin", "password", "changeme", "")
        )


def test_createadmin_generates_a_password_when_the_prompt_is_left_empty(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt="": "")
    cli.main(["createadmin", "--email", "root@example.org"])
    password = generated_password(capsys.readouterr().out)
    assert User.objects.get(email="root@example.org").check_password(password)


def test_createadmin_uses_the_password_typed_at_the_prompt(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt="": "typed pass phrase")
    cli.main(["createadmin", "--email", "root@example.org"])
    assert "generated password" not in capsys.readouterr().out
    assert User.objects.get(email="root@example.org").check_password("typed pass phrase")


def test_createadmin_refuses_an_invalid_email_with_exit_status_2(capsys, no_terminal):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["createadmin", "--email", "not-an-address"])
    assert exit_.value.code == 2
    assert "not a valid e-mail address" in capsys.readouterr().err
    assert not User.objects.filter(email="not-an-address").exists()


def test_createadmin_refuses_a_short_password_with_exit_status_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["createadmin", "--email", "root@example.org", "--password", "short"])
    assert exit_.value.code == 2
    assert not User.objects.filter(email="root@example.org").exists()


def test_createadmin_promotes_an_existing_account_when_asked_to_reset_its_password(
    capsys, charlie, no_terminal
):
    cli.main(["createadmin", "--email", "Charlie@Example.org", "--generate", "--reset-password"])
    password = generated_password(capsys.readouterr().out)
    charlie.refresh_from_db()
    assert charlie.role == "admin" and charlie.is_superuser and charlie.is_staff
    assert charlie.check_password(password)
    assert User.objects.filter(email__iexact="charlie@example.org").count() == 1


def refused(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_createadmin_refuses_to_replace_an_administrators_password(capsys, admin_user):
    err = refused(
        ["createadmin", "--email", "admin@example.org", "--password", "new pass phrase"], capsys
    )
    assert "admin@example.org is already an administrator" in err and "--reset-password" in err
    admin_user.refresh_from_db()
    assert admin_user.check_password("an admin pass phrase")
    assert not AuditEntry.objects.filter(action="user.promoted_admin").exists()


def test_createadmin_refuses_to_take_over_an_existing_account_silently(capsys, charlie):
    err = refused(["createadmin", "--email", "charlie@example.org", "--generate"], capsys)
    assert "charlie@example.org is already an account" in err
    charlie.refresh_from_db()
    assert charlie.role == "member" and charlie.check_password(PASSWORD)


def test_createadmin_replaces_an_administrators_password_when_asked(capsys, admin_user):
    cli.main(
        [
            "createadmin",
            "--email",
            "admin@example.org",
            "--password",
            "new pass phrase",
            "--reset-password",
        ]
    )
    admin_user.refresh_from_db()
    assert admin_user.check_password("new pass phrase")


def test_createadmin_refuses_an_existing_account_before_asking_for_a_password(
    capsys, monkeypatch, admin_user
):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked = []
    monkeypatch.setattr(cli.getpass, "getpass", lambda prompt="": asked.append(prompt) or "x" * 12)

    err = refused(["createadmin", "--email", "admin@example.org"], capsys)

    assert "already an administrator" in err
    assert asked == []
