"""kernel.refusals: one way to show a refused service call, in views and the admin."""

import ast
from pathlib import Path

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from governance.rulebook import RuleDenied
from kernel.lifecycle import DomainError
from kernel.refusals import attempt

ROOT = Path(__file__).resolve().parents[2]


class Form(forms.Form):
    name = forms.CharField()


class FieldRefusal(DomainError):
    def __init__(self, message, field):
        super().__init__(message)
        self.field = field


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _messages(request):
    return [m.message for m in get_messages(request)]


def refuse(exc):
    def service(**kwargs):
        raise exc

    return service


def test_a_call_that_goes_through_gives_its_value_and_shows_nothing():
    request = _request()
    done = attempt(request, lambda *, x: x * 2, x=21)
    assert done and done.value == 42 and done.error is None
    value, ok = done
    assert (value, ok) == (42, True)
    assert _messages(request) == []


def test_without_a_form_the_refusal_is_a_page_message():
    request = _request()
    done = attempt(request, refuse(DomainError("The call is already closed.")))
    assert not done and done.value is None
    assert _messages(request) == ["The call is already closed."]


def test_with_a_form_the_refusal_goes_next_to_its_field_or_on_top():
    request = _request()
    form = Form({"name": "x"})
    assert form.is_valid()
    attempt(request, refuse(FieldRefusal("Too long.", "name")), form=form)
    attempt(request, refuse(FieldRefusal("Unknown field.", "nope")), form=form)
    attempt(request, refuse(DomainError("Generic.")), form=form)
    assert form.errors["name"] == ["Too long."]
    assert form.non_field_errors() == ["Unknown field.", "Generic."]
    assert _messages(request) == []


def test_a_rulebook_refusal_is_the_403_unless_asked(cast):
    request = _request()
    denied = refuse(RuleDenied("registers.keep"))
    with pytest.raises(RuleDenied):
        attempt(request, denied)
    done = attempt(request, denied, denied=True, prefix="Row 1: ")
    assert not done and done.denied
    assert _messages(request)[0].startswith("Row 1: ")


def test_reraise_leaves_a_refusal_to_the_caller():
    with pytest.raises(FieldRefusal):
        attempt(_request(), refuse(FieldRefusal("x", "y")), reraise=(FieldRefusal,))


def test_no_view_or_admin_catches_a_refusal_by_hand():
    """Views and admins call kernel.refusals.attempt (or the admin's run_each/ServiceAdmin)."""
    caught = {"DomainError", "RuleDenied", "PermissionDenied", "Denied", "REFUSALS"}
    paths = [*ROOT.glob("*/views.py"), *ROOT.glob("*/views/*.py"), *ROOT.glob("*/admin.py")]
    assert len(paths) > 8
    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                names = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
                names |= {n.attr for n in ast.walk(node.type) if isinstance(n, ast.Attribute)}
                if names & caught:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
