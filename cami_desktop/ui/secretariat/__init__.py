"""The Secretariat's desk in the window (issue 9): the inbox of received packages and the overview.

:class:`~.view.SecretariatView` takes the place of the report list when the officer switches to
Secretariat mode; everything it shows comes from ``cami_desktop.core.secretariat``.
"""
