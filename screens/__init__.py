"""The Textual interface of Atelier. Screens call the core; the core never calls screens."""
