"""The permission machinery: rules, the superuser shortcut, and 404-or-403 for views."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from m4d.core import permissions
from m4d.core.models import Job
from m4d.core.permissions import Forbidden, can, get_for, require, require_visible
from m4d.projects.models import Project
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def test_an_action_without_a_rule_is_denied_to_everyone_even_a_superuser(admin_user, editor):
    project = make_project()
    assert not can(admin_user, "publish", project)
    assert not can(editor, "publish", Project)
    assert list(Project.objects.all().editable_by(admin_user)) != []
    assert list(permissions.allowed_rows(Project.objects.all(), admin_user, "publish")) == []


def test_an_active_superuser_may_do_whatever_a_rule_exists_for(admin_user, alice):
    job = Job.objects.create(kind="iati_import", owner=alice)
    assert can(admin_user, "delete", make_project())
    assert can(admin_user, "add", Job)  # the rule itself answers no to everybody
    admin_user.is_active = False
    assert not can(admin_user, "view", job)


def test_require_raises_forbidden_a_permission_denied(charlie):
    with pytest.raises(Forbidden):
        require(charlie, "change", make_project())
    assert issubclass(Forbidden, PermissionDenied)
    require(charlie, "view", make_project())  # allowed: no exception


def test_get_for_answers_404_for_a_record_the_person_may_not_even_see(alice, bob):
    job = Job.objects.create(kind="iati_import", owner=alice)
    with pytest.raises(Http404):
        get_for(bob, "view", Job, pk=job.pk)
    with pytest.raises(Http404):
        get_for(bob, "retry", Job, pk=job.pk)
    assert get_for(alice, "retry", Job, pk=job.pk) == job


def test_get_for_answers_403_for_a_visible_record_the_person_may_not_change(charlie):
    project = make_project()
    assert get_for(charlie, "view", Project.objects.all(), pk=project.pk) == project
    with pytest.raises(Forbidden):
        get_for(charlie, "change", Project.objects.all(), pk=project.pk)


def test_get_for_answers_404_for_a_record_that_does_not_exist(editor):
    with pytest.raises(Http404):
        get_for(editor, "change", Project, pk=10**9)


def test_require_visible_hides_what_may_not_be_seen(alice, charlie):
    job = Job.objects.create(kind="iati_import", owner=alice)
    assert require_visible(alice, job) == job
    with pytest.raises(Http404):
        require_visible(AnonymousUser(), job)
    with pytest.raises(Http404):
        require_visible(charlie, job)


def test_a_rule_registered_for_a_model_is_found_by_can_and_the_queryset(charlie, editor):
    permissions.register_rule(
        Project,
        "archive",
        lambda user, project: user.pk == editor.pk,
        rows=lambda user: Q() if user.pk == editor.pk else permissions.NOTHING,
    )
    try:
        project = make_project()
        assert can(editor, "archive", project) and not can(charlie, "archive", project)
        assert permissions.allowed_rows(Project.objects.filter(pk=project.pk), editor, "archive")
        assert not permissions.allowed_rows(Project.objects.all(), charlie, "archive").exists()
    finally:
        permissions._rules.pop(("projects.project", "archive"))


def test_every_model_with_rules_answers_view_add_change_and_delete():
    missing = {
        label: sorted(set(permissions.BASIC_ACTIONS) - actions)
        for label, actions in permissions.registered().items()
        if not set(permissions.BASIC_ACTIONS) <= actions
    }
    assert missing == {}


def test_the_registry_and_jobs_have_rules():
    labels = set(permissions.registered())
    assert {
        "places.country",
        "organisations.organisation",
        "projects.project",
        "toolbox.casestudy",
        "toolbox.option",
        "core.job",
        "accounts.user",
    } <= labels


def test_a_refusal_renders_the_translated_403_page(client, charlie):
    client.force_login(charlie)
    response = client.get("/projects/import/iati/")
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()
    response = client.get("/projects/import/iati/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Action non autorisée" in response.content.decode()


def test_the_access_machinery_in_core_names_no_other_app():
    from pathlib import Path

    import m4d.core

    core = Path(m4d.core.__file__).parent
    for name in ("permissions.py", "rules.py", "admin.py", "templates/403.html"):
        text = (core / name).read_text()
        for app in ("accounts", "places", "organisations", "projects", "toolbox"):
            assert f"m4d.{app}" not in text and f'"{app}.' not in text, f"{name} names {app}"
