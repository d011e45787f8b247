"""The round screens: hand-offs, turns per mode, results, and the setup of a free round."""

from screens.round.screen import RoundScreen

__all__ = ["RoundScreen"]
