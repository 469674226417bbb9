"""Explicit lifecycles: a TextChoices status, a table of allowed transitions, and the actions
that move a record (or act on it) in each state.

    DELIVERABLE_LIFECYCLE = Lifecycle.of("deliverable", Deliverable.Status, {...}, actions=[
        Action("publish", "Publish", rule="deliverable.publish", to=S.PUBLISHED,
               service="thematic_groups.services.deliverable_publish"),
        Action("comment", "Comment", rule="deliverable.comment", when={S.DRAFTING, S.FINAL_DRAFT}),
    ])

- Services move records with `transition(record, to, by=..., reason=..., lifecycle=...)` (or
  `LIFECYCLE.check(current, new)`), which raises TransitionNotAllowed (a DomainError) that views
  turn into a clear message; `LIFECYCLE.check_action(name, record)` refuses an action the state
  does not allow (the service still asks the rulebook itself, with `require`).
- Pages ask `LIFECYCLE.available(record, person)`: the actions allowed now, that is the state
  allows it *and* the rulebook lets this person do it. Templates render buttons from that answer
  (`{% if actions.publish %}`) and never compare a status string.

The kernel imports no other app: the rulebook's `can(person, action, record)` is installed by
governance (`set_permission_check`, from its AppConfig.ready()); `available(..., can=...)` takes
another predicate where a caller needs one. Until one is installed, nothing is allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext


class DomainError(Exception):
    """A request the rules refuse; the message is shown to the person as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransitionNotAllowed(DomainError):
    pass


Permission = Callable[[object, str, object], bool]
_permission_check: Permission = lambda person, action, record: False  # noqa: E731  (closed until set)


def set_permission_check(check: Permission) -> None:
    """Install the answer to "may this person take this rulebook action on this record?"
    (governance installs `governance.rulebook.can`)."""
    global _permission_check
    _permission_check = check


def permission(person, action: str, record=None) -> bool:
    """The installed answer to "may this person take this rulebook action (on this record)?"."""
    return _permission_check(person, action, record)


@dataclass(frozen=True)
class Action:
    """Something a person may do to a record in some states.

    `to`: the state it moves the record to (None: it acts within the state, e.g. a comment);
    `when`: the states it is offered in (default for a move: every state the table lets reach `to`);
    `rule`: the rulebook action that allows it; `service`: the dotted path of the service that
    performs it (views call it through `Lifecycle.service(name)`); `needs_form`: the button opens a
    form (a reason, a date, a meeting) rather than acting at once; `guard`: an extra fact of the
    record that must hold (e.g. "the Management Team has reviewed it"), checked as `guard(record)`; `on_record=False`: the rulebook action is not scoped to a record (the
    workplan's rules), so it is asked without it.
    """

    name: str
    label: str
    rule: str
    to: str | None = None
    when: frozenset[str] | None = None
    service: str = ""
    needs_form: bool = False
    guard: Callable[[object], bool] | None = field(default=None, compare=False)
    refusal: str = ""  # shown when the state does not allow it; {state} is the state's label
    on_record: bool = True  # False: the rule is not scoped to the record (asked as can(person, rule))

    def __post_init__(self):
        if self.when is not None:
            object.__setattr__(self, "when", frozenset(str(s) for s in self.when))
        if self.to is not None:
            object.__setattr__(self, "to", str(self.to))


class Actions:
    """The actions a person may take now, in order; looked up by name in templates
    (`{% if actions.publish %}`): a name the lifecycle has but the person may not take is None."""

    def __init__(self, actions: Iterable[Action], names: Iterable[str] = ()):
        self._actions = tuple(actions)
        self._by_name = {a.name: a for a in self._actions}
        self._names = frozenset(names) | frozenset(self._by_name)

    def __iter__(self):
        return iter(self._actions)

    def __len__(self) -> int:
        return len(self._actions)

    def __bool__(self) -> bool:
        return bool(self._actions)

    def __contains__(self, name: str) -> bool:
        return name in self._by_name

    def __getitem__(self, name: str) -> Action | None:
        if name not in self._names:
            raise KeyError(name)  # a name no lifecycle has: a typo in a template stays visible in tests
        return self._by_name.get(name)

    def __getattr__(self, name: str) -> Action | None:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self._by_name)

    def __repr__(self) -> str:
        return f"Actions({', '.join(a.name for a in self._actions)})"


@dataclass(frozen=True)
class Lifecycle:
    name: str
    transitions: dict[str, frozenset[str]]
    labels: dict[str, str]
    actions: tuple[Action, ...] = ()
    field: str = "status"

    @classmethod
    def of(
        cls,
        name: str,
        choices,
        transitions: dict[str, Iterable[str]],
        *,
        actions: Iterable[Action] = (),
        field: str = "status",
    ) -> Lifecycle:
        lifecycle = cls(
            name=name,
            transitions={str(k): frozenset(str(v) for v in vs) for k, vs in transitions.items()},
            labels={str(value): label for value, label in choices.choices},  # lazy: worded when shown
            actions=tuple(actions),
            field=field,
        )
        for action in lifecycle.actions:
            unknown = {action.to, *(action.when or ())} - {None, *lifecycle.labels}
            if unknown:
                raise ValueError(f"{name} action {action.name!r} names unknown states {sorted(unknown)}")
        return lifecycle

    # The table ----------------------------------------------------------------------------------

    def allowed(self, current: str) -> frozenset[str]:
        return self.transitions.get(str(current), frozenset())

    def can_move(self, current: str, new: str) -> bool:
        return str(new) in self.allowed(current)

    def check(self, current: str, new: str) -> None:
        if not self.can_move(current, new):
            raise TransitionNotAllowed(
                gettext("A %(name)s cannot go from “%(state)s” to “%(to)s”.")
                % {"name": self.name, "state": self.label(current), "to": self.label(new)}
            )

    def label(self, state: str) -> str:
        return str(self.labels.get(str(state), state))

    # Actions: what may happen now ---------------------------------------------------------------

    def state_of(self, record) -> str:
        return str(getattr(record, self.field))

    def offered(self, action: Action, state: str) -> bool:
        """The state (alone) allows the action."""
        if action.when is not None and str(state) not in action.when:
            return False
        return action.to is None or self.can_move(state, action.to)

    def in_state(self, record) -> list[Action]:
        """The actions the record's state (and the actions' guards) allow, whoever asks."""
        state = self.state_of(record)
        return [a for a in self.actions if self.offered(a, state) and (a.guard is None or a.guard(record))]

    def available(self, record, person, *, can: Permission | None = None) -> Actions:
        """The actions this person may take on this record now: state × rulebook."""
        can = can or _permission_check
        allowed: dict[str, Action] = {}
        for a in self.in_state(record):
            if a.name not in allowed and can(person, a.rule, record if a.on_record else None):
                allowed[a.name] = a  # one action may have several rules (the Chair or the Secretariat)
        return Actions(allowed.values(), names=(a.name for a in self.actions))

    def action(self, name: str, state: str | None = None) -> Action:
        """The action called `name` (the one offered in `state`, when several share a name)."""
        named = [a for a in self.actions if a.name == name]
        if not named:
            raise KeyError(f"The {self.name} lifecycle has no action {name!r}")
        if state is not None:
            for a in named:
                if self.offered(a, state):
                    return a
        return named[0]

    def refused(self, name: str, record) -> str | None:
        """Why the record's state does not offer the action `name` (a sentence), or None."""
        state = self.state_of(record)
        action = self.action(name, state)
        if self.offered(action, state):
            return None
        if action.refusal:
            return str(action.refusal).format(state=self.label(state).lower())
        if action.to is not None and not self.can_move(state, action.to):
            return gettext("A %(name)s cannot go from “%(state)s” to “%(to)s”.") % {
                "name": self.name,
                "state": self.label(state),
                "to": self.label(action.to),
            }
        return gettext("A %(name)s that is “%(state)s” does not allow this: %(action)s.") % {
            "name": self.name,
            "state": self.label(state),
            "action": str(action.label).lower(),
        }

    def why_not(self, name: str, record, person, *, can: Permission | None = None) -> str | None:
        """Why `available(record, person)` does not offer the action `name` (a sentence), or None
        when it does: the state, then the record's facts (the action's guard), then the rulebook."""
        if name in self.available(record, person, can=can):
            return None
        refusal = self.refused(name, record)
        if refusal is not None:
            return refusal
        state = self.state_of(record)
        action = self.action(name, state)
        if action.guard is not None and not action.guard(record):
            return gettext("“%(action)s” is not possible for this %(name)s now.") % {
                "action": action.label,
                "name": self.name,
            }
        return gettext("The rules do not let you do this: %(action)s.") % {
            "action": str(action.label).lower()
        }

    def check_action(self, name: str, record) -> Action:
        """The action `name` as the record's state offers it, or TransitionNotAllowed with a
        clear sentence. The caller asks the rulebook (`require(by, action.rule, record)`)."""
        refusal = self.refused(name, record)
        if refusal is not None:
            raise TransitionNotAllowed(refusal)
        return self.action(name, self.state_of(record))

    def service(self, name: str) -> Callable:
        """The service that performs the action (imported when asked, so tables stay beside
        their models without import cycles)."""
        from django.utils.module_loading import import_string

        path = self.action(name).service
        if not path:
            raise KeyError(f"The {self.name} action {name!r} names no service")
        return import_string(path)


def transition(
    record,
    to: str,
    *,
    lifecycle: Lifecycle,
    by=None,
    reason: str,
    fields: Iterable[str] = (),
):
    """Move `record` to `to`: check the table, set the status, save only the status and `fields`
    (update_fields), and record who and why in the history. Returns the record.

    Call it inside the service's transaction, on the locked row, after asking the rulebook."""
    lifecycle.check(lifecycle.state_of(record), to)
    setattr(record, lifecycle.field, to)
    return save_with_reason(record, reason[:100], by=by, update_fields=[lifecycle.field, *fields])


def save_with_reason(record, reason: str, *, by=None, update_fields: Iterable[str] | None = None):
    """Save `record` (all its fields, or `update_fields`) with who and why written in the history
    row the save makes. simple_history's `update_change_reason` after a save costs two statements
    more: a SELECT of the newest history row matching every column, and an UPDATE of that whole row
    (issue 16: a tenth of the KPI services' time)."""
    if by is not None and getattr(by, "is_authenticated", False):
        record._history_user = by
    record._change_reason = reason
    try:
        record.save(update_fields=update_fields)
    finally:
        del record._change_reason  # a later save of the same object gives its own reason
    return record
