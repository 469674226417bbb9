"""Cross-request caches (Redis in production, local memory otherwise) and what invalidates them.

Three caches, each tied to generation numbers that writes bump, so nothing is ever stale by
more than the time between a commit and the next request:

- The anonymous page cache (kernel.middleware.AnonymousPageCacheMiddleware): whole responses
  of public pages, keyed by method, URL, the active language and the *content generations*. Any save, delete or m2m
  change of a model of the governance, thematic_groups, meetings, people or kpis apps bumps one, so
  every cached page that may show it is dropped at once (no mix of old and new registers); pages
  also expire after U4SSC_PAGE_CACHE_SECONDS because they depend on today's date.
- Scopes: the content generation is split where the busy hour needs it (issue 17). A vote
  writes only ballots (`SCOPED_MODELS`), which moves the *ballots generation* and not the
  content one; a Partner's first ballot (a new row) also moves the *voters generation* (who has
  voted), a changed vote does not. Whatever does not say what it shows depends on every content
  generation (`CONTENT_KEYS`), so it is dropped by a vote as before; a page or fragment that
  shows no ballot says so (`pages_show`, `shows`, `Fragments(..., scopes=("content",))`) and
  survives votes; one that shows who voted but not how says ("content", "voters").
- Signed-in pages cached whole, per session (kernel.middleware.PrivatePageCacheMiddleware):
  stamped with the generations of the scopes the page shows, the roles generation, the
  person's own and the *private generation* (writes to `PRIVATE_MODELS`: accounts, second
  factors, groups and grants), read when the view starts.
- The person of a session (kernel.auth): their account as last loaded, stamped with the person's
  own generation, so a signed-in request reads no row of theirs (issue 17).
- The Principal cache (governance.rulebook.principal_for): a person's roles on a day, keyed by
  person and date and stamped with the *roles generation* (bumped by every change of a role
  fact: focal points, mandates, Chair absences, Partners, membership, the guardian grants) and
  the person's own generation (bumped when their account changes: staff, active, superuser).
- Fragments (`Fragments`): parts of signed-in pages that are the same for everyone who may
  see them (a ballot page's decision, record and each Partner's ballot card), keyed by the
  active language and name (they hold rendered words) and stamped with the content generation. The view decides who may see the page before it
  asks for the parts that show it.

A stamped value (`read_stamped`/`write_stamped`) is read in the same round trip as the current
generations and counts only if it was stored under exactly those numbers: one trip per read
instead of two (generations, then the key that holds them), which is what signed-in pages pay.

A write inside a transaction bumps twice: at once (a page rendered between the write and the
commit is keyed by the old number) and after the commit (a page rendered from the old data
meanwhile is dropped too). Without a shared cache (no REDIS_URL) each process keeps its own,
so the caches are only on when U4SSC_SHARED_CACHE is (Redis, or a single process).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import translation

log = logging.getLogger(__name__)

CONTENT_APPS = frozenset({"governance", "thematic_groups", "meetings", "people", "kpis", "index"})
# The facts principal_for reads (governance.rulebook._compute_principal).
ROLE_FACT_MODELS = frozenset(
    {
        "governance.Partner",
        "governance.FocalPoint",
        "governance.Mandate",
        "governance.ChairAbsence",
        "governance.PartnerUserObjectPermission",
        "thematic_groups.ThematicGroupUserObjectPermission",
        "thematic_groups.DeliverableUserObjectPermission",
        "thematic_groups.Membership",
        "kpis.CityUserObjectPermission",
        "kpis.CycleUserObjectPermission",
    }
)
CONTENT_KEY = "u4ssc:gen:content"
BALLOTS_KEY = "u4ssc:gen:ballots"
VOTERS_KEY = "u4ssc:gen:voters"
ROLES_KEY = "u4ssc:gen:roles"
PRIVATE_KEY = "u4ssc:gen:private"
# The content generations by scope name, and the registers whose writes move a scope's own
# generation instead of the content one (their history rows with them).
# - "ballots": every write to a ballot (cast, changed, withdrawn) and its history;
# - "voters": which Partners have voted on what (a ballot created or deleted, not a changed
#   vote): the counts of the decisions list and "your Partner has not voted" move with it;
# - "content": everything else in the registers.
SCOPES = {"content": CONTENT_KEY, "voters": VOTERS_KEY, "ballots": BALLOTS_KEY}
CONTENT_KEYS = tuple(SCOPES.values())
SCOPED_MODELS = {
    "governance.Ballot": BALLOTS_KEY,
    "governance.HistoricalBallot": BALLOTS_KEY,
}
# Registers whose new or deleted rows also move the voters generation.
COUNTED_MODELS = frozenset({"governance.Ballot"})
# Rows with a generation of their own, moved by every write to the row: a Partner's ballot on a
# decision (its card on the ballot page shows that ballot alone, so another Partner's vote leaves
# it cached: issue 17).
OWN_GENERATIONS: dict[str, Callable[[Any], str]] = {
    "governance.Ballot": lambda ballot: ballot_key(ballot.decision_id, ballot.partner_id),
}
# Models outside the content apps that a signed-in page may show (their e-mail addresses and
# second factor, groups and object grants, the security settings): a write moves the private
# generation, on which every signed-in page cached whole depends (kernel.middleware). Sessions,
# the outbox, axes' logs and reminders are shown on no page and move nothing.
PRIVATE_MODELS = frozenset(
    {
        "auth.Group",
        "auth.Permission",
        "sites.Site",
        "guardian.UserObjectPermission",
        "guardian.GroupObjectPermission",
        "account.EmailAddress",
        "mfa.Authenticator",
        "portal.SecuritySettings",
    }
)
# URL path prefixes of public pages that show only some scopes (see pages_show).
_PAGE_SCOPES: dict[str, tuple[str, ...]] = {}
PRINCIPAL_SECONDS = 60 * 60 * 24
FRAGMENT_SECONDS = 60  # like pages: fragments may show dates relative to today


def enabled() -> bool:
    return getattr(settings, "U4SSC_SHARED_CACHE", False)


def _fresh() -> int:
    """A generation never handed out before (bumps add 1; this moves by a million a second)."""
    return time.time_ns() // 1000


def _user_key(user_id) -> str:
    return f"u4ssc:gen:person:{user_id}"


def ballot_key(decision_id, partner_id) -> str:
    """The generation of one Partner's ballot on one decision (OWN_GENERATIONS)."""
    return f"u4ssc:gen:ballot:{decision_id}:{partner_id}"


def read_stamped(generation_keys: Sequence[str], keys: Sequence[str] = ()) -> tuple[tuple, dict[str, Any]]:
    """The current numbers of `generation_keys` and, in the same round trip, the values of `keys`
    that were stored (by `write_stamped`) under exactly those numbers; a value stored under older
    numbers is as good as missing. Starting a missing generation costs a second trip."""
    numbers, found = _read_generations(generation_keys, keys)
    stamp = tuple(numbers[key] for key in generation_keys)
    return stamp, {key: value for key in keys if (value := _stamped(found.get(key), stamp)) is not _MISSING}


_MISSING = object()


def _read_generations(generation_keys: Iterable[str], keys: Sequence[str]) -> tuple[dict[str, int], dict]:
    """The current numbers of `generation_keys` (starting any that are missing) and the raw
    entries of `keys`, in one round trip (two when a generation has to be started)."""
    generation_keys = tuple(generation_keys)
    found = cache.get_many([*generation_keys, *keys])
    numbers = {}
    for key in generation_keys:
        if found.get(key) is None:
            cache.add(key, _fresh(), timeout=None)
            found[key] = cache.get(key) or _fresh()
        numbers[key] = found[key]
    return numbers, found


def _stamped(entry, stamp: tuple):
    """The value of a stored (stamp, value) entry if it was stored under exactly `stamp`."""
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == stamp:
        return entry[1]
    return _MISSING


def write_stamped(stamp: tuple, values: dict[str, Any], timeout: int) -> None:
    """Store values computed after `read_stamped` returned `stamp`. If a write moved a generation
    meanwhile, the value (perhaps computed from older data) no longer matches and is recomputed."""
    cache.set_many({key: (stamp, value) for key, value in values.items()}, timeout=timeout)


def generations(*keys: str) -> list[int]:
    """The current numbers of `keys` in one round trip, starting any that are missing."""
    return list(read_stamped(keys)[0])


def bump(*keys: str) -> None:
    """Move `keys` (one round trip for all of them on Redis: kernel.redis_cache); a key that is
    missing (evicted or never started) starts afresh."""
    incr_many = getattr(cache, "incr_existing_many", None)
    if incr_many is not None:
        try:
            missing = incr_many(keys)
        except ValueError:  # Redis down (CacheUnavailable): as for `incr`, start afresh
            missing = list(keys)
    else:
        missing = []
        for key in keys:
            try:
                cache.incr(key)
            except ValueError:
                missing.append(key)
    for key in missing:
        cache.add(key, _fresh(), timeout=None)


def _safe_bump(*keys: str) -> None:
    try:
        bump(*keys)
    except Exception:  # the cache is down: nothing can be read from it either
        log.warning("Could not bump %s", ", ".join(keys), exc_info=True)


class _AfterCommit:
    def __init__(self, keys: tuple[str, ...]):
        self.keys = keys

    def __call__(self):
        _safe_bump(*self.keys)


def bump_now_and_after_commit(*keys: str) -> None:
    """Move `keys` now and, inside a transaction, after its commit too: after the commit once per
    transaction and key however many rows it writes; now once per block (the transaction or a
    savepoint) and key: a vote writes its ballot and the ballot's history, one bump now and one
    after, not three (issue 17); each service called inside an outer transaction (a test's)
    still bumps at once. A savepoint rolled back takes its callback along, so the next write
    registers one again. The keys of one call move in one round trip (a vote's ballot moves the
    ballots generation and its own, `ballot_key`)."""
    if not connection.in_atomic_block:
        _safe_bump(*keys)
        return
    block = set(connection.savepoint_ids)  # as Django files the callbacks registered in it
    mine = [entry for entry in connection.run_on_commit if isinstance(entry[1], _AfterCommit)]
    moved_in_block = {key for entry in mine if entry[0] == block for key in entry[1].keys}
    registered = {key for entry in mine for key in entry[1].keys}
    now = tuple(key for key in dict.fromkeys(keys) if key not in moved_in_block)
    if not now:
        return  # moved already in this block of the transaction, and moves again after its commit
    _safe_bump(*now)
    later = tuple(key for key in now if key not in registered)
    if later:
        transaction.on_commit(_AfterCommit(later))


def reset() -> None:
    """Drop every cached page and Principal (tests start from a clean slate this way)."""
    cache.set_many(
        {**{key: _fresh() for key in CONTENT_KEYS}, ROLES_KEY: _fresh(), PRIVATE_KEY: _fresh()}, timeout=None
    )


def scope_keys(scopes: Iterable[str] | None) -> tuple[str, ...]:
    """The generation keys of `scopes` (None: every content generation)."""
    if scopes is None:
        return CONTENT_KEYS
    unknown = set(scopes) - SCOPES.keys()
    if unknown:
        raise ValueError(f"Unknown cache scopes {sorted(unknown)}; known: {sorted(SCOPES)}")
    return tuple(SCOPES[name] for name in scopes)


def generation_key_for(label: str) -> str:
    """The generation a write to the model `label` ("app.Model") moves."""
    return SCOPED_MODELS.get(label, CONTENT_KEY)


def shows(*scopes: str):
    """Decorate a view whose pages show only `scopes` (see SCOPES): its signed-in pages cached
    whole (kernel.middleware.PrivatePageCacheMiddleware) survive writes to the other scopes.
    `@shows("content", "voters")`: no ballot's choice, only who has voted. Without it the pages
    under a `pages_show` prefix show what it says, and any other page every content scope."""
    scope_keys(scopes)  # unknown names fail at import, not on a request

    def decorate(view):
        view.u4ssc_shows = tuple(scopes)
        return view

    return decorate


def view_scopes(view, path: str) -> tuple[str, ...] | None:
    """What the pages of `view` at `path` show: the view's `shows`, else its prefix's."""
    scopes = getattr(view, "u4ssc_shows", None)
    return scopes if scopes is not None else _page_scopes(path)


def private_page_keys(scopes: Iterable[str] | None, user_id) -> tuple[str, ...]:
    """The generations a signed-in page cached whole depends on: the scopes it shows, the roles,
    the person's own and the private one (accounts, second factors, grants)."""
    return (*scope_keys(scopes), ROLES_KEY, _user_key(user_id), PRIVATE_KEY)


def private_page_candidates(user_id) -> tuple[str, ...]:
    """Every generation any signed-in page of the person may depend on (read with the page)."""
    return private_page_keys(None, user_id)


# The page cache --------------------------------------------------------------------------------


def pages_show(prefix: str, *scopes: str) -> None:
    """Public pages under the URL path `prefix` show only `scopes` (an app says so in its
    ready(): "/tor/" shows no ballot, so a vote does not drop the ToR's cached pages). The
    longest matching prefix counts; pages under no prefix depend on every content generation."""
    scope_keys(scopes)  # unknown names fail at start-up, not on a request
    _PAGE_SCOPES[prefix] = tuple(scopes)


def _page_scopes(path: str) -> tuple[str, ...] | None:
    language = translation.get_language_from_path(path)
    if language:  # /fr/tor/ shows what /tor/ shows
        path = path[len(language) + 1 :]
    matches = [prefix for prefix in _PAGE_SCOPES if path.startswith(prefix)]
    return _PAGE_SCOPES[max(matches, key=len)] if matches else None


def page_key(method: str, url: str, variant: str, view=None) -> str:
    """`view`: the view the URL resolves to, if known (its `shows` counts before the prefix's)."""
    path = urlsplit(url).path
    numbers = generations(*scope_keys(view_scopes(view, path) if view is not None else _page_scopes(path)))
    # The language the page is rendered in, besides the URL (an unprefixed /api/ page follows
    # Accept-Language or the cookie): a French page never answers for an English one.
    language = translation.get_language() or ""
    digest = hashlib.sha256(f"{method}|{url}|{language}|{variant}".encode()).hexdigest()
    return f"u4ssc:page:{'.'.join(map(str, numbers))}:{language}:{digest}"


# Fragments ---------------------------------------------------------------------------------------


class Fragments:
    """Parts of a signed-in page computed from the registers and cached under the content
    generations (or, per part, those named in `depends`): `Fragments(names)` fetches the generation and every part it may need in one round
    trip, `get(name, compute)` returns a part (computing it if it was not cached) and `save()`
    stores the computed ones in a second. A view gets the parts that decide who may see the page
    first, checks, and only then asks for the rest, so nothing is computed for someone who may
    not see it. Any write to a content register moves the generation: a part is never older than
    the last commit. Without a shared cache, inside a service's transaction or with the cache
    down, every part is computed and nothing is stored."""

    def __init__(
        self,
        names: Iterable[str],
        timeout: int = FRAGMENT_SECONDS,
        scopes: Iterable[str] | None = None,
        depends: dict[str, Sequence[str]] | None = None,
    ):
        """`scopes`: what the parts show (None: every content generation; ("content",): no
        ballot, so votes leave them cached). `depends`: the generation keys of the parts that
        depend on others than `scopes`' (a Partner's card: the content and that Partner's ballot,
        `ballot_key`), read in the same round trip."""
        self.timeout = timeout
        keys = scope_keys(None if scopes is None else tuple(scopes))
        # each part's key -> the generations it is stamped with
        self._depends = {self._key(n): tuple((depends or {}).get(n, keys)) for n in names}
        self._numbers: dict[str, int] | None = None
        self._found: dict[str, Any] = {}
        self._computed: dict[str, Any] = {}
        if not enabled() or in_own_transaction():
            return
        try:
            every = dict.fromkeys(k for part in self._depends.values() for k in part)
            self._numbers, entries = _read_generations(every, list(self._depends))
        except Exception:
            log.warning("Fragment cache unavailable", exc_info=True)
            self._numbers = None
            return
        for key, part in self._depends.items():
            value = _stamped(entries.get(key), self._stamp(part))
            if value is not _MISSING:
                self._found[key] = value

    def _stamp(self, generation_keys: tuple[str, ...]) -> tuple:
        return tuple(self._numbers[k] for k in generation_keys)

    @staticmethod
    def _key(name: str) -> str:
        # Parts hold rendered words: one entry per language.
        return f"u4ssc:fragment:{translation.get_language() or ''}:{name}"

    def get(self, name: str, compute: Callable[[], Any]) -> Any:
        key = self._key(name)
        if key in self._found:
            return self._found[key]
        value = compute()
        if self._numbers is not None:
            self._computed[key] = value
        return value

    def save(self) -> None:
        if not self._computed:
            return
        try:  # each part under the numbers read before it was computed (see write_stamped)
            cache.set_many(
                {key: (self._stamp(self._depends[key]), value) for key, value in self._computed.items()},
                timeout=self.timeout,
            )
        except Exception:  # the cache is down: the next request computes them again
            log.warning("Could not store fragments", exc_info=True)
        self._computed = {}


# The Principal cache ---------------------------------------------------------------------------


def in_own_transaction() -> bool:
    """In a transaction of the code (a service), not just a test case's wrapper: there the
    database may hold uncommitted role changes that a rollback would undo."""
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


@dataclass
class Slot:
    """A cached value and where to store a fresh one (see read_stamped)."""

    key: str
    stamp: tuple
    value: Any
    timeout: int

    def store(self, value: Any) -> None:
        write_stamped(self.stamp, {self.key: value}, timeout=self.timeout)


def principal_slot(user, on) -> Slot | None:
    """The person's cached Principal for a day, valid while the roles generation and their own
    are what they were when it was computed; one round trip. None where it must not be cached."""
    if not enabled() or in_own_transaction():
        return None
    flags = f"{int(user.is_active)}{int(user.is_staff)}{int(user.is_superuser)}"
    key = f"u4ssc:principal:{user.pk}:{on.isoformat()}:{flags}"
    stamp, values = read_stamped((ROLES_KEY, _user_key(user.pk)), [key])
    return Slot(key, stamp, values.get(key), PRINCIPAL_SECONDS)


def person_slot(user_id) -> Slot | None:
    """The person of a session, as their account was when last loaded, valid while their own
    generation is what it was (every save of the person but a sign-in's last_login moves it, and
    so does deleting them); one round trip. None where it must not be cached. Read by
    kernel.auth.SharedAuthenticationMiddleware instead of the person's row."""
    if not enabled() or in_own_transaction():
        return None
    key = f"u4ssc:person:{user_id}"
    stamp, values = read_stamped((_user_key(user_id),), [key])
    return Slot(key, stamp, values.get(key), PRINCIPAL_SECONDS)


def forget_person(user_id) -> None:
    bump_now_and_after_commit(_user_key(user_id))


# Signals ---------------------------------------------------------------------------------------


def _content_changed(sender, created=None, **kwargs):
    if getattr(kwargs.get("instance"), "_u4ssc_sign_in_only", False):
        return  # the history row of a sign-in (see _history_writing)
    label = sender._meta.label
    keys = [generation_key_for(label)]
    if label in COUNTED_MODELS and created is not False:  # saved new, or deleted (no `created`)
        keys.append(VOTERS_KEY)
    if label in OWN_GENERATIONS:
        keys.append(OWN_GENERATIONS[label](kwargs["instance"]))
    bump_now_and_after_commit(*keys)


def _person_saving(sender, instance, update_fields=None, **kwargs):
    instance._u4ssc_sign_in_only = update_fields is not None and set(update_fields) <= {"last_login"}


def _history_writing(sender, instance, history_instance, **kwargs):
    """Signing in saves the person's last_login, and simple_history writes a row of their history
    for it: like the save itself (_person_changed), it changes nothing anyone sees, so it moves no
    generation (every sign-in of the busy hour dropped every cached page and fragment)."""
    if getattr(instance, "_u4ssc_sign_in_only", False):
        history_instance._u4ssc_sign_in_only = True


def _private_changed(sender, **kwargs):
    bump_now_and_after_commit(PRIVATE_KEY)


def _role_fact_changed(sender, **kwargs):
    bump_now_and_after_commit(ROLES_KEY)


def _person_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # signing in changes nothing anyone sees
    bump_now_and_after_commit(CONTENT_KEY)
    forget_person(instance.pk)


def _m2m_changed(sender, instance, action, **kwargs):
    if not action.startswith("post_"):
        return
    labels = {sender._meta.app_label, instance._meta.app_label}
    if labels & CONTENT_APPS:
        bump_now_and_after_commit(generation_key_for(sender._meta.label))
    if sender._meta.label in ROLE_FACT_MODELS or instance._meta.label in ROLE_FACT_MODELS:
        bump_now_and_after_commit(ROLES_KEY)
    if not labels <= CONTENT_APPS:  # a person's groups or permissions, say
        bump_now_and_after_commit(PRIVATE_KEY)


def connect_signals() -> None:
    """Connected per model (not globally): a global post_delete receiver would turn every fast
    delete of unrelated tables (sessions, axes) into a row-by-row delete."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db.models import signals
    from simple_history import signals as history_signals

    person = get_user_model()
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            uid = f"u4ssc-cache-{model._meta.label}"
            if model is person:
                signals.pre_save.connect(_person_saving, sender=model, dispatch_uid=f"{uid}-saving")
                signals.post_save.connect(_person_changed, sender=model, dispatch_uid=f"{uid}-save")
                signals.post_delete.connect(_person_changed, sender=model, dispatch_uid=f"{uid}-delete")
            else:
                signals.post_save.connect(_content_changed, sender=model, dispatch_uid=f"{uid}-save")
                signals.post_delete.connect(_content_changed, sender=model, dispatch_uid=f"{uid}-delete")
            if model._meta.label in ROLE_FACT_MODELS:
                signals.post_save.connect(_role_fact_changed, sender=model, dispatch_uid=f"{uid}-rsave")
                signals.post_delete.connect(_role_fact_changed, sender=model, dispatch_uid=f"{uid}-rdelete")
    for label in PRIVATE_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:  # an app that is not installed here
            continue
        uid = f"u4ssc-cache-private-{label}"
        signals.post_save.connect(_private_changed, sender=model, dispatch_uid=f"{uid}-save")
        signals.post_delete.connect(_private_changed, sender=model, dispatch_uid=f"{uid}-delete")
    signals.m2m_changed.connect(_m2m_changed, dispatch_uid="u4ssc-cache-m2m")
    history_signals.pre_create_historical_record.connect(_history_writing, dispatch_uid="u4ssc-cache-history")
