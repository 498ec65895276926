"""What every window and dialog shares: the open store, the forms and the data folder."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.forms.library import FormLibrary
from ..core.store import Store


@dataclass
class AppContext:
    store: Store
    library: FormLibrary
    data_dir: Path
