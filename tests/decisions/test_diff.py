"""Diffs between ToR versions: inserted, deleted, moved, renumbered and edited clauses."""

import re

from governance import services
from governance.diff import ClauseSnapshot, diff_clauses, word_diff
from governance.models import Clause, ToRVersion
from governance.selectors import tor_diff


def clause(draft: ToRVersion, key: str) -> Clause:
    return draft.clauses.get(key=key)


def test_word_diff_marks_inserted_and_deleted_words_and_escapes():
    html = word_diff("Compiled by the secretariat <b>", "Compiled yearly by the Secretariat <b>")
    assert html == "Compiled<ins> yearly</ins> by the <del>secretariat</del><ins>Secretariat</ins> &lt;b&gt;"


def test_word_diff_shortcuts_give_what_the_matcher_gives():
    """Unchanged, inserted and deleted texts skip the matcher (issue 17): the same markup."""
    text = 'Partners <b>vote</b> & "decide"\n  by majority.'
    assert (
        word_diff(text, text) == "Partners &lt;b&gt;vote&lt;/b&gt; &amp; &quot;decide&quot;\n  by majority."
    )
    assert word_diff("", text) == f"<ins>{word_diff(text, text)}</ins>"
    assert word_diff(text, "") == f"<del>{word_diff(text, text)}</del>"
    assert word_diff("", "") == ""
    # and the matcher still runs for an edit
    assert word_diff(text, text + " Always.") == word_diff(text, text) + "<ins> Always.</ins>"


def test_a_fresh_draft_has_no_change(cast, draft, tor_v1):
    diff = tor_diff(tor_v1, draft)
    assert diff.changed == []
    assert len(diff.changes) == tor_v1.clauses.count()


def test_edited_clause_shows_a_word_diff(cast, draft, tor_v1):
    services.clause_edit(
        by=cast.secretariat,
        clause=clause(draft, "5a"),
        text="Compiled yearly by the secretariat based on inputs by the Partners;",
    )
    diff = tor_diff(tor_v1, draft)
    change = diff.by_key("5a")
    assert change.kinds == ["edited"]
    assert re.search(r"<ins>\s?yearly\s?</ins>", change.text_html)
    assert re.sub(r"<[^>]+>", "", change.text_html) == change.new.text
    assert diff.summary == {"inserted": 0, "deleted": 0, "moved": 0, "renumbered": 0, "edited": 1}


def test_inserted_clause(cast, draft, tor_v1):
    services.clause_insert(
        by=cast.secretariat,
        tor_version=draft,
        after=clause(draft, "5c"),
        kind="subclause",
        number="5",
        letter="d",
        text="Published on the portal.",
    )
    diff = tor_diff(tor_v1, draft)
    change = diff.by_key("5d")
    assert change.inserted and change.kinds == ["inserted"]
    assert change.text_html == "<ins>Published on the portal.</ins>"
    keys = [c.clause.key for c in diff.changes]
    assert keys.index("5d") == keys.index("5c") + 1
    assert diff.summary["inserted"] == 1 and diff.summary["moved"] == 0


def test_deleted_clause_stays_where_it_was(cast, draft, tor_v1):
    services.clause_delete(by=cast.secretariat, clause=clause(draft, "3"))
    diff = tor_diff(tor_v1, draft)
    change = diff.by_key("3")
    assert change.deleted and change.text_html.startswith("<del>")
    keys = [c.clause.key for c in diff.changes]
    assert keys[:4] == ["1", "2", "3", "4"]
    assert diff.summary == {"inserted": 0, "deleted": 1, "moved": 0, "renumbered": 0, "edited": 0}


def test_deleting_a_clause_deletes_its_subclauses(cast, draft, tor_v1):
    services.clause_delete(by=cast.secretariat, clause=clause(draft, "5"))
    assert not draft.clauses.filter(number="5").exists()
    assert tor_diff(tor_v1, draft).summary["deleted"] == 4


def test_moved_clause_is_moved_not_deleted_and_inserted(cast, draft, tor_v1):
    services.clause_move(by=cast.secretariat, clause=clause(draft, "2"), after=clause(draft, "4"))
    diff = tor_diff(tor_v1, draft)
    assert diff.by_key("2").kinds == ["moved"]
    assert diff.summary == {"inserted": 0, "deleted": 0, "moved": 1, "renumbered": 0, "edited": 0}
    assert [c.key for c in draft.clauses.order_by("position")][:4] == ["1", "3", "4", "2"]


def test_moving_a_clause_takes_its_subclauses_along(cast, draft, tor_v1):
    services.clause_move(by=cast.secretariat, clause=clause(draft, "5"), after=None)
    order = [c.key for c in draft.clauses.order_by("position")]
    assert order[:4] == ["5", "5a", "5b", "5c"]
    assert tor_diff(tor_v1, draft).summary["moved"] == 4


def test_renumbered_clause_follows_its_lineage(cast, draft, tor_v1):
    services.clause_delete(by=cast.secretariat, clause=clause(draft, "4"))
    services.clause_renumber(by=cast.secretariat, clause=clause(draft, "5"), number="4")
    assert set(draft.clauses.filter(number="4").values_list("key", flat=True)) == {"4", "4a", "4b", "4c"}
    diff = tor_diff(tor_v1, draft)
    renumbered = [c for c in diff.changes if c.renumbered]
    assert [(c.old.label, c.new.label) for c in renumbered] == [
        ("5", "4"),
        ("5(a)", "4(a)"),
        ("5(b)", "4(b)"),
        ("5(c)", "4(c)"),
    ]
    new_4 = next(c for c in diff.changes if c.new and c.new.key == "4")
    assert new_4.kinds == ["renumbered"]  # the new 4 is the old 5, not an edit of the old 4
    assert new_4.old.key == "5"
    assert diff.summary == {"inserted": 0, "deleted": 1, "moved": 0, "renumbered": 4, "edited": 0}


def test_draft_renumbering_after_an_insertion(cast, draft, tor_v1):
    services.clause_insert(
        by=cast.secretariat,
        tor_version=draft,
        after=clause(draft, "2"),
        kind="clause",
        number="99",
        text="A new clause about Hubs.",
    )
    assert services.tor_draft_renumber(by=cast.secretariat, tor_version=draft) == 9
    order = [(c.key, c.text[:8]) for c in draft.clauses.order_by("position")]
    assert order[2] == ("3", "A new cl")
    assert order[3] == ("4", "The U4SS")
    assert [k for k, _ in order][-4:] == ["6c", "7", "8", "fn1"]
    diff = tor_diff(tor_v1, draft)
    assert diff.summary == {"inserted": 1, "deleted": 0, "moved": 0, "renumbered": 8, "edited": 0}


def test_all_kinds_of_change_at_once(cast, draft, tor_v1):
    s = cast.secretariat
    services.clause_edit(
        by=s, clause=clause(draft, "1"), text="ITU and UNECE defined a smart sustainable city."
    )
    services.clause_delete(by=s, clause=clause(draft, "3"))
    services.clause_move(by=s, clause=clause(draft, "7"), after=clause(draft, "1"))
    services.clause_insert(
        by=s,
        tor_version=draft,
        after=clause(draft, "6"),
        kind="clause",
        number="8",
        text="Hubs report yearly.",
    )
    diff = tor_diff(tor_v1, draft)
    assert diff.summary == {"inserted": 1, "deleted": 1, "moved": 1, "renumbered": 0, "edited": 1}
    assert [c.clause.key for c in diff.changed] == ["1", "7", "3", "8"]


def test_independent_versions_are_paired_by_key_then_by_text():
    def snap(pk, key, text):
        return ClauseSnapshot(pk=pk, key=key, label=key, section="A", text=text)

    old = [snap(1, "1", "Alpha."), snap(2, "2", "Beta."), snap(3, "3", "Gamma.")]
    new = [snap(11, "1", "Alpha!"), snap(12, "2", "Gamma."), snap(13, "3", "Delta.")]
    diff = diff_clauses(old, new)
    assert [(c.old and c.old.pk, c.new and c.new.pk) for c in diff.changes] == [(1, 11), (2, 12), (3, 13)]
    assert diff.summary["edited"] == 3


def _diff_page_queries(client, cast, clauses: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.decisions.conftest import TOR_V1, make_tor_version

    section, kind, _, _, _ = TOR_V1[0]
    ToRVersion.objects.filter(status=ToRVersion.Status.IN_FORCE).update(status=ToRVersion.Status.SUPERSEDED)
    ToRVersion.objects.filter(status=ToRVersion.Status.DRAFT).update(status=ToRVersion.Status.WITHDRAWN)
    v1 = make_tor_version(
        number=ToRVersion.objects.count() + 1,
        clauses=[(section, kind, str(i), "", f"Clause {i} says {i}.") for i in range(clauses)],
    )
    draft = services.tor_revision_create(by=cast.secretariat, summary="Bounded")
    for clause in list(draft.clauses.order_by("position"))[::2]:
        services.clause_edit(by=cast.secretariat, clause=clause, text=clause.text + " Amended.")
    client.force_login(cast.focal_a)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/tor/versions/{draft.number}/diff/")
    assert response.status_code == 200 and draft.based_on == v1
    assert response.content.decode().count("<ins> Amended.</ins>") == (clauses + 1) // 2
    return len(queries)


def test_the_diff_page_reads_as_many_rows_in_as_many_queries_for_2_and_50_clauses(client, cast, settings):
    settings.U4SSC_SHARED_CACHE = False  # the uncached path: the first visit after a write
    assert _diff_page_queries(client, cast, 2) == _diff_page_queries(client, cast, 50)
