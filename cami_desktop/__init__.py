"""CAMI Reporter: offline national reporting for the CMS Central Asian Mammals Initiative."""

__version__ = "0.1.0"
APP_NAME = "CAMI Reporter"
