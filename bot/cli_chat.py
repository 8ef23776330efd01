"""Placeholder: this area's click commands go here."""

COMMANDS: list = []
