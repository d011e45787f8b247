"""The exercises: each one's state and steps in `<kind>.py` (and helpers `<kind>_….py`), declared to
the core by `<kind>_exercise.py`, which exposes `EXERCISE` (see `workshop.exercise`)."""
