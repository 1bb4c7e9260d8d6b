"""`Model.objects.visible_to(user)` / `editable_by(user)` list exactly the records `can()` allows,
and so does every other rule's filter (`allowed_rows`), for every persona."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from m4d.accounts.services import create_token
from m4d.core.models import Job
from m4d.core.permissions import allowed_rows, can, registered
from m4d.organisations.models import ClaimRequest, Merge
from m4d.projects.models import Project
from tests.factories import make_key_issue_tick, make_organisation, make_project

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]
# Every model with rules, so a new app's models are checked the day their rules are registered;
# `records` below gives the models whose rows depend on the person rows that tell them apart.
MODELS = tuple(apps.get_model(label) for label in sorted(registered()))
METHODS = {"view": "visible_to", "change": "editable_by"}
RULES = [(m, a) for m in MODELS for a in sorted(registered()[m._meta.label_lower])]


@pytest.fixture
def records(alice, bob, alices_organisation):
    make_project()
    make_project(status=Project.Status.DRAFT)
    make_organisation()
    Job.objects.create(kind="iati_import", owner=alice)
    Job.objects.create(kind="iati_import", owner=bob)
    Job.objects.create(kind="iati_import", owner=None)
    create_token(alice, name="Alice's script", by=alice)
    create_token(bob, name="Bob's script", by=bob)
    # Claims and merges: bob's pending claim, alice's declined one, a merged record.
    unowned = make_organisation()
    ClaimRequest.objects.create(organisation=unowned, claimant=bob, message="Mine")
    ClaimRequest.objects.create(
        organisation=unowned, claimant=alice, message="Mine", status="declined"
    )
    kept = make_organisation()
    Merge.objects.create(kept=kept, merged=make_organisation(merged_into=kept))
    make_key_issue_tick(alice)
    make_key_issue_tick(bob)


@pytest.mark.parametrize("action", METHODS)
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_queryset_methods_agree_with_the_rules_for_every_persona(
    model, action, records, everyone
):
    everything = list(model.objects.all())
    for name, user in everyone.items():
        listed = set(getattr(model.objects, METHODS[action])(user).values_list("pk", flat=True))
        allowed = {obj.pk for obj in everything if can(user, action, obj)}
        assert listed == allowed, f"{model.__name__}.{METHODS[action]}({name})"


@pytest.mark.parametrize(("model", "action"), RULES, ids=lambda v: getattr(v, "__name__", v))
def test_every_rule_filters_the_rows_it_allows(model, action, records, everyone):
    everything = list(model.objects.all())
    for name, user in everyone.items():
        listed = set(allowed_rows(model.objects.all(), user, action).values_list("pk", flat=True))
        allowed = {obj.pk for obj in everything if can(user, action, obj)}
        assert listed == allowed, f"{model.__name__} {action} as {name}"


def test_a_person_sees_only_their_own_jobs_and_admins_see_all(alice, bob, admin_user):
    mine = Job.objects.create(kind="iati_import", owner=alice)
    theirs = Job.objects.create(kind="iati_import", owner=bob)
    assert list(Job.objects.visible_to(alice)) == [mine]
    assert set(Job.objects.visible_to(admin_user)) >= {mine, theirs}
    assert not Job.objects.visible_to(AnonymousUser()).exists()


def test_with_relations_still_chains_with_the_access_methods(charlie):
    project = make_project()
    assert project in Project.objects.with_relations().visible_to(charlie)
    assert project in Project.objects.visible_to(charlie).with_relations()
    assert not Project.objects.editable_by(charlie).exists()
