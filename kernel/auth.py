"""The signed-in person of a request from the shared cache (issue 17): every signed-in request
read the person's row (Django's `get_user`), a third of a cached page's time.

`SharedAuthenticationMiddleware` is Django's AuthenticationMiddleware whose `request.user`
comes from `kernel.cache.person_slot` when the session's person is there and the session's
hash matches the one Django computes from that person now (the same comparison as
`django.contrib.auth.get_user`: the current SECRET_KEY and password hash). Anything else (no
session, a backend no longer configured, a hash made with a fallback key or not matching, the
cache down or off) is Django's own `get_user`, which then stores the person it loaded for the
next request. The cached person is valid while their generation is unchanged: saving them
(password, active, staff, email, language) or deleting them moves it (kernel.cache signals), so
a change of the account counts at the next request, as when the row was read every time.
"""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from kernel import cache as shared_cache


def session_user(request):
    """`django.contrib.auth.get_user(request)`, answered from the shared cache when it can be."""
    session = request.session
    try:
        user_id = auth.get_user_model()._meta.pk.to_python(session[auth.SESSION_KEY])
        backend_path = session[auth.BACKEND_SESSION_KEY]
        session_hash = session[auth.HASH_SESSION_KEY]
    except (KeyError, ValueError, TypeError):
        return auth.get_user(request)
    if backend_path not in settings.AUTHENTICATION_BACKENDS or not session_hash:
        return auth.get_user(request)
    try:
        slot = shared_cache.person_slot(user_id)
    except Exception:  # the cache is down: the row, as without it
        slot = None
    cached = slot.value if slot is not None else None
    if isinstance(cached, auth.get_user_model()) and cached.pk == user_id:
        if constant_time_compare(session_hash, cached.get_session_auth_hash()):
            return cached
        return auth.get_user(request)  # a fallback key, or a hash that does not match: Django decides
    user = auth.get_user(request)
    if slot is not None and user.is_authenticated and user.pk == user_id:
        with contextlib.suppress(Exception):  # the cache is down: the next request reads the row
            slot.store(user)
    return user


def _user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = session_user(request)
    return request._cached_user


class SharedAuthenticationMiddleware(AuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)  # the session required, `request.auser` set
        request.user = SimpleLazyObject(lambda: _user(request))
