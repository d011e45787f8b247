"""One screen module per exercise, listed in `screens.registry.EXERCISE_SCREENS`."""
