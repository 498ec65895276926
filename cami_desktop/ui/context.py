"""What every window and dialog shares: the open store, the forms and the data folder."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window starts without SQLAlchemy (core/store/lazy.py)
    from ..core.forms.library import FormLibrary
    from ..core.store import Store
    from ..core.store.lazy import LazyStore


@dataclass
class AppContext:
    store: Store | LazyStore
    library: FormLibrary
    data_dir: Path
