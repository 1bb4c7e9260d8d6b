"""Comments per step: commenters and above post them; a mention ("@" and a collaborator's name
or address) gives that person a notification and an e-mail; comments are resolved by their
author or by those who change the plan; one's notifications are listed with an unread count."""

from __future__ import annotations

import pytest
from django.urls import reverse

from m4d.core.models import AuditEntry
from m4d.plans import collaboration
from m4d.plans.models import PlanComment, PlanNotification
from m4d.plans.services import PlanError
from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("quick_passwords")]


def comments_url(team):
    return reverse("plans:comments", args=[team.plan.pk])


def post(team, by, text, step="partnership"):
    return collaboration.post_comment(team.plan, by=by, step=step, text=text)


@pytest.mark.parametrize("role", ["owner", "editor", "commenter"])
def test_commenters_and_above_post_a_comment_on_a_step(team, client, role):
    client.force_login(team.by_role()[role])

    answer = client.post(comments_url(team), {"step": "risks", "text": "Who owns this risk?"})

    assert answer.status_code == 302
    comment = PlanComment.objects.get()
    assert (comment.step, comment.text, comment.author) == (
        "risks",
        "Who owns this risk?",
        team.by_role()[role],
    )
    assert AuditEntry.objects.filter(action="plans.plancomment.created").exists()
    page = client.get(answer["Location"]).content.decode()
    assert "Who owns this risk?" in page and "Your comment was posted." in page


def test_a_reader_reads_comments_but_cannot_post(team, client):
    post(team, team.editor, "Check the budget.")
    client.force_login(team.reader)

    page = client.get(comments_url(team), {"step": "partnership"}).content.decode()
    assert "Check the budget." in page and "Post the comment" not in page
    refused = client.post(comments_url(team), {"step": "risks", "text": "Me too"})
    assert refused.status_code == 403
    assert PlanComment.objects.count() == 1


def test_an_outsider_neither_reads_nor_posts(team, client):
    client.force_login(team.outsider)

    assert client.get(comments_url(team)).status_code == 404
    assert client.post(comments_url(team), {"step": "risks", "text": "Hi"}).status_code == 404


def test_an_empty_comment_is_refused_and_what_was_typed_is_kept(team, client):
    client.force_login(team.commenter)

    page = client.post(comments_url(team), {"step": "logframe", "text": "   "})

    assert page.status_code == 200
    assert "This field is required." in page.content.decode()
    assert 'id="comments-logframe"' in page.content.decode()
    assert not PlanComment.objects.exists()


def test_a_too_long_comment_is_shown_again_with_its_text(team, client):
    client.force_login(team.commenter)
    text = "a" * 5001

    page = client.post(comments_url(team), {"step": "logframe", "text": text}).content.decode()

    assert "at most 5000 characters" in page and text in page


def test_with_htmx_the_step_thread_is_swapped_in_place(team, client):
    client.force_login(team.editor)

    fragment = client.post(
        comments_url(team),
        {"step": "allies", "text": "Add the town hall."},
        headers={"HX-Request": "true"},
    ).content.decode()

    assert '<section id="comments-allies"' in fragment
    assert "<html" not in fragment and "Add the town hall." in fragment


def test_a_mention_by_address_or_name_notifies_and_e_mails_the_collaborator(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    team.reader.display_name = "Frank Diallo"
    team.reader.save()

    with django_capture_on_commit_callbacks(execute=True):
        comment = post(team, team.owner, "@dana@example.org and @Frank Diallo: please check.")

    notified = {n.user for n in PlanNotification.objects.filter(comment=comment)}
    assert notified == {team.editor, team.reader}
    assert sorted(m.to[0] for m in mailoutbox) == ["dana@example.org", "frank@example.org"]
    mail = next(m for m in mailoutbox if m.to == ["dana@example.org"])
    assert "alice@example.org mentioned you in a comment on Partnership" in mail.body
    assert "please check." in mail.body
    assert "/plans/notifications/" in mail.body


def test_a_mention_by_the_first_part_of_the_address_counts_but_not_a_longer_word(team):
    comment = post(team, team.owner, "@erin, can you look? Not @danaé though.")

    assert [n.user for n in comment.notifications.all()] == [team.commenter]


def test_nobody_is_notified_of_their_own_mention_nor_outsiders_named(team):
    comment = post(team, team.owner, "Note to @alice@example.org and @gina@example.org")

    assert not comment.notifications.exists()


def test_the_mention_e_mail_is_in_the_persons_language(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    team.editor.language = "fr"
    team.editor.save()

    with django_capture_on_commit_callbacks(execute=True):
        post(team, team.owner, "@dana voir les risques")

    assert "Vous avez été mentionné" in mailoutbox[0].subject


def test_a_comment_needs_text_and_a_known_step(team):
    with pytest.raises(PlanError, match="Write a comment first"):
        post(team, team.owner, "  ")
    with pytest.raises(PlanError, match="Unknown step"):
        post(team, team.owner, "Hello", step="nonsense")


def test_the_author_or_an_editor_resolves_a_comment_but_not_another_commenter(team, client):
    comment = post(team, team.owner, "Fix the dates.")
    url = reverse("plans:comment_resolve", args=[team.plan.pk, comment.pk])

    client.force_login(team.commenter)
    assert client.post(url).status_code == 403
    client.force_login(team.editor)
    assert client.post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.resolved
    client.force_login(team.owner)
    client.post(url, {"resolved": "0"})
    comment.refresh_from_db()
    assert not comment.resolved


def test_a_commenter_resolves_their_own_comment(team, client):
    comment = post(team, team.commenter, "Typo in the title.")
    client.force_login(team.commenter)

    client.post(reverse("plans:comment_resolve", args=[team.plan.pk, comment.pk]))

    comment.refresh_from_db()
    assert comment.resolved


def test_notifications_are_listed_unread_first_with_the_count_in_the_header(team, client):
    first = post(team, team.owner, "@dana first")
    post(team, team.commenter, "@dana second", step="risks")
    collaboration.mark_read(list(first.notifications.all()), by=team.editor)
    client.force_login(team.editor)

    page = client.get(reverse("plans:notifications")).content.decode()

    assert "1 notification" in page
    assert page.index("second") < page.index("first")
    assert "erin@example.org mentioned you on Risks of Kayes–Montreuil youth enterprise" in page


def test_opening_a_notification_marks_it_read_and_shows_the_comment(team, client):
    comment = post(team, team.owner, "@dana look here", step="logframe")
    notification = comment.notifications.get()
    client.force_login(team.editor)

    answer = client.get(reverse("plans:notification", args=[notification.pk]))

    assert answer["Location"] == f"{comments_url(team)}?step=logframe#comment-{comment.pk}"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "look here" in client.get(answer["Location"]).content.decode()


def test_someone_elses_notification_is_not_found(team, client):
    notification = post(team, team.owner, "@dana private").notifications.get()
    client.force_login(team.reader)

    assert client.get(reverse("plans:notification", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_all_notifications_are_marked_read_at_once(team, client):
    post(team, team.owner, "@dana one")
    post(team, team.owner, "@dana two")
    client.force_login(team.editor)

    client.post(reverse("plans:notifications"))

    assert not PlanNotification.objects.filter(read_at__isnull=True).exists()
    assert collaboration.unread_count(team.editor) == 0


def test_someone_without_notifications_sees_an_explanation(client):
    client.force_login(make_user())

    page = client.get(reverse("plans:notifications")).content.decode()

    assert "when a collaborator mentions you in a comment" in page


def test_the_comments_partial_renders_for_a_step_page(team, rf):
    from django.template.loader import render_to_string

    post(team, team.owner, "On the context", step="context")
    request = rf.get("/")
    request.user = team.commenter

    html = render_to_string(
        "plans/partials/comments.html", {"plan": team.plan, "step": "context"}, request=request
    )

    assert 'id="comments-context"' in html and "On the context" in html
    assert f'action="{comments_url(team)}"' in html and 'name="step" value="context"' in html
