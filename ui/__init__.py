"""The user-interface layer: shared widgets, formatting, messages and cached reads."""
