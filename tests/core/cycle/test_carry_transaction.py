"""``report new --from`` is one transaction: a crash halfway leaves no new report, or a
complete one (issue 15)."""
from __future__ import annotations

import pytest

from cami_desktop.cli import main
from cami_desktop.core import cycle
from cami_desktop.core.store import Store
from cami_desktop.core.store.lazy import open_store as open_lazily


class Crash(Exception):
    pass


def reports_and_events(store) -> list:
    return sorted((r.id, r.period) for deleted in (False, True) for r in store.list_reports(deleted=deleted))


@pytest.mark.parametrize("step", ["carry_over", "add_event", "set_answers"])
def test_a_crash_while_carrying_leaves_no_new_report(store, library, final_report, monkeypatch, step):
    before = reports_and_events(store)
    real = getattr(Store, step)
    calls = []

    def crash_after(self, *args, **kwargs):
        real(self, *args, **kwargs)  # the step is written, then the machine fails
        calls.append(step)
        raise Crash()
    monkeypatch.setattr(Store, step, crash_after)
    with pytest.raises(Crash):
        cycle.start_from(store, library, final_report, period="2025-2028")
    assert calls == [step]
    monkeypatch.undo()
    assert reports_and_events(store) == before
    # and the store works on: the same carry-over succeeds whole
    result = cycle.start_from(store, library, final_report, period="2025-2028")
    assert result.carried and set(result.carried) <= set(store.answers(result.record.id))
    assert store.unconfirmed_keys(result.record.id)


def test_a_transaction_sees_its_own_writes_and_others_do_not(store, library, final_report):
    import threading

    seen = {}
    with store.transaction():
        store.set_setting("probe", 1)
        seen["inside"] = store.get_setting("probe")

        def other():
            seen["other"] = store.get_setting("probe")  # another thread: not committed yet
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert seen == {"inside": 1, "other": None}
    assert store.get_setting("probe") == 1


def test_report_new_from_crashing_midway_on_the_command_line(tmp_path, library, capsys, monkeypatch):
    from tests.helpers.answers import filled_final_report

    data = tmp_path / "data"
    with Store.open(data, app_version="test") as store:
        source = filled_final_report(store, library, "concerted-action")
    real = Store.carry_over

    def crash(self, *args, **kwargs):
        real(self, *args, **kwargs)
        raise Crash("the machine stopped")
    monkeypatch.setattr(Store, "carry_over", crash)
    code = main(["--data-dir", str(data), "--language", "en", "report", "new", "--form", "concerted-action",
                 "--country", "KZ", "--from", str(source), "--period", "2025-2028"])
    assert code == 3
    monkeypatch.undo()
    store = open_lazily(data, app_version="test")
    try:
        assert [r.id for r in store.list_reports()] == [source]
    finally:
        store.close()
