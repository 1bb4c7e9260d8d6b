"""An option's key issues: a real checklist signed-in people tick and find again (their own ticks
only), a plain list for visitors; works as a form POST, and with htmx swaps the checklist in."""

from __future__ import annotations

import pytest

from m4d.core.models import AuditEntry
from m4d.toolbox.models import KeyIssueTick, Option

pytestmark = pytest.mark.django_db


@pytest.fixture
def option():
    return next(o for o in Option.objects.order_by("key") if len(o.key_issues) >= 3)


def checklist_url(option):
    return f"/toolbox/options/{option.key}/checklist/"


def test_visitors_see_a_plain_list_with_no_box_to_tick(client, option):
    html = client.get(option.get_absolute_url()).content.decode()
    assert 'type="checkbox"' not in html and "☐" not in html
    assert option.key_issues[0] in html
    assert "to tick these issues and keep your checklist" in html


def test_a_signed_in_person_ticks_issues_and_finds_them_ticked_again(client, alice, option):
    client.force_login(alice)
    response = client.post(checklist_url(option), {"issue": ["0", "2"]})
    assert response.status_code == 302
    assert response["Location"].endswith("#key-issues")
    html = client.get(option.get_absolute_url()).content.decode()
    assert 'value="0" id="issue-0" checked' in html
    assert 'value="1" id="issue-1">' in html
    assert 'value="2" id="issue-2" checked' in html
    assert AuditEntry.objects.filter(action="toolbox.keyissuetick.created").count() == 2


def test_unticking_removes_the_tick(client, alice, option):
    client.force_login(alice)
    client.post(checklist_url(option), {"issue": ["0", "1"]})
    client.post(checklist_url(option), {"issue": ["1"]})
    assert list(KeyIssueTick.objects.filter(user=alice).values_list("issue", flat=True)) == [1]


def test_ticks_are_ones_own(client, alice, bob, option):
    client.force_login(alice)
    client.post(checklist_url(option), {"issue": ["0"]})
    client.force_login(bob)
    html = client.get(option.get_absolute_url()).content.decode()
    assert 'value="0" id="issue-0" checked' not in html
    assert KeyIssueTick.objects.visible_to(bob).count() == 0


def test_with_htmx_the_checklist_is_swapped_in(client, alice, option):
    client.force_login(alice)
    response = client.post(checklist_url(option), {"issue": ["1"]}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="checklist">')
    assert 'value="1" id="issue-1" checked' in html


def test_an_issue_the_option_does_not_have_is_refused_and_nothing_changes(client, alice, option):
    client.force_login(alice)
    client.post(checklist_url(option), {"issue": ["0"]})
    response = client.post(checklist_url(option), {"issue": ["1", "99"]}, follow=True)
    assert "This option has no such key issue." in response.content.decode()
    assert list(KeyIssueTick.objects.filter(user=alice).values_list("issue", flat=True)) == [0]


def test_nonsense_input_is_refused_without_an_error_page(client, alice, option):
    client.force_login(alice)
    response = client.post(checklist_url(option), {"issue": ["x"]}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert KeyIssueTick.objects.count() == 0


def test_visitors_are_sent_to_log_in(client, option):
    response = client.post(checklist_url(option), {"issue": ["0"]})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
