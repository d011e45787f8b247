"""One module per exercise, each exposing `EXERCISE` (see `workshop.exercise`)."""
