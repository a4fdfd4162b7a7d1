"""Dialogs and wizards: forms over the services, opened by the pages."""
