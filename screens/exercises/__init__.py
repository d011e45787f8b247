"""One screen module per exercise; each registers itself with `screens.registry`."""
