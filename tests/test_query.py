"""The guest query language (pve/query.py): parser edge cases and the predicate over Instance."""

from __future__ import annotations

from virton_desktop.models.instance_filter import InstanceFilter, filter_keys, haystack
from virton_desktop.pve.entities import Instance
from virton_desktop.pve.query import Note, Term, parse, parse_command

VERBS = frozenset({"start", "shutdown", "console", "backups", "migrate"})


def guest(vmid, name, **kw):
    kw.setdefault("status", "running")
    return Instance(kw.pop("cluster", "seoul"), vmid, name, kw.pop("type", "qemu"), kw.pop("node", "pve1"), **kw)


GUESTS = [
    guest(100, "web1", tags=("prod", "My Tag")),
    guest(101, "web2", tags=("prod",), status="stopped", cluster="busan"),
    guest(102, "db", type="lxc", node="pve2", pool="dev", hastate="started"),
    guest(103, "sleeper", status="suspended"),
    guest(104, "frozen", status="io-error"),
    guest(105, "winter", status="stopped", lock="suspended"),  # hibernated
    guest(106, "서버-한글", tags=("테스트",)),
]


def matched(text, fuzzy=False):
    q = parse(text, fuzzy=fuzzy)
    return [g.vmid for g in GUESTS if q.accepts(g, haystack(g))]


def test_empty_and_blank_match_everything():
    assert parse("").terms == () and parse("   ").terms == ()
    assert matched("") == [g.vmid for g in GUESTS]


def test_only_negations_keep_the_rest():
    assert matched("-web") == [102, 103, 104, 105, 106]
    assert matched("-tag:prod -status:running") == [103, 104, 105]


def test_qualifiers_are_anded_case_insensitive():
    assert matched("TAG:prod Status:Running") == [100]
    assert matched("cluster:BUSAN") == [101]
    assert matched("node:pve2 type:ct pool:dev ha:yes") == [102]
    assert matched("ha:no tag:prod") == [100, 101]
    assert matched("ha:started") == [102]


def test_quoted_values_and_an_unclosed_quote():
    assert matched('tag:"my tag"') == [100]
    q = parse('tag:"my tag')
    assert q.terms == (Term("tag", "my tag"),) and (Note.UNBALANCED_QUOTE, "") in q.notes
    assert matched('"web') == [100, 101]


def test_unknown_qualifier_is_a_word_and_noted():
    q = parse("colour:red")
    assert q.terms == (Term("", "colour:red"),) and q.notes == ((Note.UNKNOWN_QUALIFIER, "colour"),)
    assert matched("colour:red") == []


def test_a_qualifier_still_being_typed_matches_everything():
    assert parse("tag:").terms == () and parse("-").terms == ()


def test_status_words_and_qmp_states():
    assert matched("status:running") == [100, 102, 106]  # asleep, io-error are not running
    assert matched("status:asleep") == matched("status:suspended") == [103]
    assert matched("status:paused") == [103, 104]  # every QEMU halt, as the list's status filter
    assert matched("status:io-error") == [104]
    assert matched("status:hibernated") == [105]
    assert matched("status:stopped") == [101]  # a hibernated VM is shown as such, not as stopped


def test_unicode_names_and_tags():
    assert matched("한글") == [106] and matched("tag:테스트") == [106]


def test_vmid_and_fuzzy_words():
    assert matched("10") == [100, 101, 102, 103, 104, 105, 106]
    assert matched("102") == [102]
    assert matched("wb1") == [] and matched("wb1", fuzzy=True) == [100]


def test_ip_needs_addresses():
    q = parse("ip:10.0.")
    assert (Note.NEEDS_ADDRESSES, "10.0.") in q.notes and matched("ip:10.0.") == []


def test_verbs_and_jumps():
    c = parse_command("shutdown tag:prod status:running cluster:seoul", VERBS)
    assert c.verb == "shutdown" and matched_cmd(c) == [100]
    assert parse_command("open console of web1", VERBS).verb == "console"
    c = parse_command("go to backups of 102", VERBS)
    assert c.verb == "backups" and matched_cmd(c) == [102]
    c = parse_command("web1", VERBS)
    assert c.verb == "" and matched_cmd(c) == [100]
    assert parse_command("start", VERBS).query.terms == ()


def matched_cmd(c):
    return [g.vmid for g in GUESTS if c.query.accepts(g, haystack(g))]


def test_the_search_box_filter_uses_the_query():
    all_ = {g.key: g for g in GUESTS}
    hay = {k: haystack(g) for k, g in all_.items()}
    f = InstanceFilter(query=parse("tag:prod -cluster:busan"))
    assert not f.is_empty()
    assert filter_keys(list(all_), f, all_, hay) == [("seoul", 100)]
    assert [k for k in all_ if f.accepts(all_[k], hay[k], f.tokens())] == [("seoul", 100)]


def test_ip_matches_the_agent_addresses_in_the_search_string():
    """The model keeps the agent's addresses and MACs in each guest's search string (set_agent):
    `ip:` finds a guest by an address prefix there, never by its name or tags."""
    web = guest(100, "web1", tags=("prod",))
    with_agent = haystack(web) + " web1.example 10.20.0.120 fd00::120 bc:24:11:00:01:00"
    query = parse("ip:10.20.")
    assert query.accepts(web, with_agent)
    assert not query.accepts(web, haystack(web))  # no agent data: nothing to match
    assert parse("ip:fd00::").accepts(web, with_agent)
    assert not parse("ip:10.30.").accepts(web, with_agent)
    assert parse("-ip:10.30.").accepts(web, with_agent)
