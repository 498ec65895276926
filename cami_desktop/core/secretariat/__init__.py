"""The Secretariat's desk (issue 9): the inbox of received packages, the overview, compiled exports.

Plain data and functions, no Qt: the command line and the Secretariat window share them. See
docs/secretariat.md for the API.
"""
