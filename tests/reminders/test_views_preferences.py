"""A person turns off the reminders the ToR does not require; required ones still go."""

from django.urls import reverse

from kernel.reasons import said

URL = reverse("reminders:preferences")


def test_a_signed_in_person_turns_optional_reminders_off_and_on(client, cast):
    client.force_login(cast.focal_b)
    page = client.get(URL)
    assert page.status_code == 200
    assert b'id="id_optional_reminders"' in page.content and b"checked" in page.content
    response = client.post(URL, {}, follow=True)
    assert "required ones still come" in response.content.decode()
    cast.focal_b.refresh_from_db()
    assert cast.focal_b.optional_reminders is False
    assert said(cast.focal_b.history.first().history_change_reason) == "Optional reminders turned off"
    client.post(URL, {"optional_reminders": "on"})
    cast.focal_b.refresh_from_db()
    assert cast.focal_b.optional_reminders is True


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, cast):
    response = client.post(URL, {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    cast.focal_b.refresh_from_db()
    assert cast.focal_b.optional_reminders is True


def test_the_page_says_which_reminders_cannot_be_turned_off(client, cast):
    client.force_login(cast.participant)
    body = client.get(URL).content.decode()
    assert "<caption>" in body and "No: required by the Terms of Reference" in body
