"""Reporting formats as data: the model (:mod:`.model`), the loader (:mod:`.loader`), the library
of shipped forms (:mod:`.library`), and the index the report list needs without them (:mod:`.index`,
:mod:`.cache`).

A bare package face: it imports nothing, so that the index loads without PyYAML at start-up.
Import each name from its module (``from cami_desktop.core.forms.library import default_library``).
"""
