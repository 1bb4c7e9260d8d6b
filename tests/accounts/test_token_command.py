"""`m4d token create`: a personal API token from the command line, alone on the last line."""

from __future__ import annotations

import pytest

from m4d import cli
from m4d.accounts.models import ApiToken
from m4d.accounts.services import authenticate_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _already_set_up(monkeypatch):
    # The test database is configured and migrated; the command's own set-up would redo it.
    monkeypatch.setattr(cli, "_setup", lambda data_dir=None: None)
    monkeypatch.setattr(cli, "_prepare", lambda verbose=True: None)


def test_token_create_prints_the_token_alone_on_its_last_line(capsys, alice):
    cli.main(["token", "create", "--email", alice.email.upper(), "--name", "Nightly sync"])
    last_line = capsys.readouterr().out.splitlines()[-1]
    assert authenticate_token(last_line) == alice
    assert ApiToken.objects.get(user=alice).name == "Nightly sync"


def test_token_create_names_the_token_when_no_name_is_given(capsys, alice):
    cli.main(["token", "create", "--email", alice.email])
    assert ApiToken.objects.get(user=alice).name == "Command line"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--email", "nobody@example.org"],
            "no account with the e-mail address nobody@example.org",
        ),
        (["--email", "alice@example.org", "--name", " "], "cannot create the token"),
    ],
)
def test_token_create_fails_in_one_line_and_creates_nothing(argv, message, capsys, alice):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["token", "create", *argv])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err.startswith("m4d: ") and err.count("\n") == 1 and message in err, err
    assert not ApiToken.objects.exists()


def test_token_create_refuses_a_deactivated_account(capsys, alice):
    alice.is_active = False
    alice.save()
    with pytest.raises(SystemExit):
        cli.main(["token", "create", "--email", alice.email])
    assert "is deactivated" in capsys.readouterr().err
    assert not ApiToken.objects.exists()
