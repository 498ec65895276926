"""The reporting cycle in the window (issue 11): carry-over, shared sections, comments, preview,
undo/redo and the changes since the submitted revision, over :mod:`cami_desktop.core.cycle`."""
