"""Cockpit tools (rounds, minutes export, proposals…); each registers itself with `screens.registry`."""
