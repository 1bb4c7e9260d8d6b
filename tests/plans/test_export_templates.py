"""The proposal templates: shipped in both languages, changed by administrators in the admin
(through the services, so audited), read by the next export."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.core.audit import history
from m4d.plans.exports import export_plan
from m4d.plans.models import ProposalTemplate
from tests.adminforms import admin_form_data
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def test_both_languages_are_shipped_with_every_text_filled_in():
    for language in ("fr", "en"):
        template = ProposalTemplate.objects.get(language=language)
        texts = [template.introduction, template.closing]
        texts += [template.intro(step) for step in ("context", "logframe", "monitoring")]
        assert all(texts)


def test_an_administrator_changes_a_template_in_the_admin_and_the_next_export_reads_it(
    client, admin_user, alice
):
    template = ProposalTemplate.objects.get(language="fr")
    url = reverse("admin:plans_proposaltemplate_change", args=[template.pk])
    client.force_login(admin_user)
    data = admin_form_data(client.get(url), closing="Merci de votre lecture.")
    assert client.post(url, data).status_code == 302
    entry = history(template).get(action="plans.proposaltemplate.updated")
    assert entry.actor == admin_user and "closing" in entry.data
    text = export_plan(make_plan(alice), "md", language="fr").content.decode()
    assert text.rstrip().endswith("Merci de votre lecture.")


def test_an_editor_of_the_registry_may_not_change_the_templates(client, editor):
    template = ProposalTemplate.objects.get(language="en")
    client.force_login(editor)
    url = reverse("admin:plans_proposaltemplate_change", args=[template.pk])
    assert client.get(url).status_code == 403
