"""Cockpit tools (rounds, minutes export, proposals…), listed in `screens.registry.TOOLS`."""
