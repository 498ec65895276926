"""Child process of ``test_crash.py``: saves random answers until it is killed.

Run as ``python crash_writer.py DATA_DIR SEED``. It imports everything, then waits for a line
on stdin before opening the store, so the test can start the next writer while the current
one runs and the import time is not spent between kills. Protocol on stdout, one line each,
flushed:
``ready <report id>`` once the store is open; ``try <json object>`` before each save, with the
answers about to be written; ``stored <key> <json>`` for each of them once the save returned.
So every ``stored`` line is a promise the store must keep after a kill, and a ``try`` without
its ``stored`` lines is the one save that may or may not have happened.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from cami_desktop.core.store import Store

TEXTS = ["Снежный барс", "сайгак 🦌", "Қарақұйрық", "Монгол", "🐆🐾", "argali", "", "a\nb\tc"]


def random_value(rng: random.Random) -> object:
    pick = rng.random()
    if pick < 0.1:
        return None  # clears the answer
    if pick < 0.3:
        return rng.choice(TEXTS) + str(rng.randrange(10**6))
    if pick < 0.4:
        return rng.randrange(-(10**12), 10**12)
    if pick < 0.5:
        return rng.uniform(-1e6, 1e6)
    if pick < 0.55:
        return rng.random() < 0.5
    if pick < 0.75:
        return [{"species": rng.choice(TEXTS), "count": rng.randrange(1000)} for _ in range(3)]
    if pick < 0.95:
        return {"note": rng.choice(TEXTS), "values": [rng.random() for _ in range(4)]}
    # Now and then a long text: several pages, overflow pages, a growing database.
    return rng.choice(TEXTS) * rng.randrange(200, 1500)


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    data_dir, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    if not sys.stdin.readline():
        return  # the test went away before it needed this writer
    store = Store.open(data_dir, app_version="crash-test", backups=False)
    reports = store.list_reports()
    report = reports[0] if reports else store.create_report(
        form_id="crash", form_version="1", country="KZ", period="2024", language="ru"
    )
    emit(f"ready {report.id}")
    keys = [f"q{n:03d}" for n in range(300)]
    while True:
        count = 1 if rng.random() < 0.8 else rng.randrange(2, 8)
        batch = {key: random_value(rng) for key in rng.sample(keys, count)}
        emit("try " + json.dumps(batch, ensure_ascii=False))
        if count == 1:
            [(key, value)] = batch.items()
            store.set_answer(report.id, key, value)
        else:
            store.set_answers(report.id, batch)
        for key, value in batch.items():
            emit(f"stored {key} {json.dumps(value, ensure_ascii=False)}")


if __name__ == "__main__":
    main()
