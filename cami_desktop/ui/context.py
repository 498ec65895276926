"""What every window and dialog shares: the open store, the forms and the data folder."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # the window starts without SQLAlchemy (core/store/lazy.py) and the forms
    from ..core.forms.index import FormIndex
    from ..core.forms.library import FormLibrary
    from ..core.store import Store
    from ..core.store.lazy import LazyStore


class AppContext:
    """The store, the forms library and the data folder of one window.

    ``library`` is the forms library, or ``None`` where no form is needed. The window starts
    with :meth:`starting`, which loads the library on first use: the report list needs only the
    :attr:`index` of titles and country names (issue 10).
    """

    def __init__(self, store: Store | LazyStore, library: FormLibrary | None, data_dir: Path) -> None:
        self.store = store
        self.data_dir = data_dir
        self._library = library
        self._load_library: Callable[[], FormLibrary] | None = None
        self._load_index: Callable[[], FormIndex] | None = None
        self._index: FormIndex | None = None

    @classmethod
    def starting(cls, store: Store | LazyStore, data_dir: Path) -> AppContext:
        """A context whose shipped forms are read from their cache when first needed."""
        from ..core.forms.cache import cached_index, cached_library

        ctx = cls(store, None, data_dir)
        ctx._load_library, ctx._load_index = cached_library, cached_index
        return ctx

    @property
    def library(self) -> FormLibrary:
        if self._library is None and self._load_library is not None:
            self._library = self._load_library()
        return self._library  # type: ignore[return-value]

    @property
    def index(self) -> FormIndex:
        """The forms' titles and the countries' names, for lists (see ``core/forms/index.py``)."""
        if self._index is None:
            if self._library is None and self._load_index is not None:
                self._index = self._load_index()
            else:
                from ..core.forms.index import FormIndex
                self._index = FormIndex.of(self.library)
        return self._index
