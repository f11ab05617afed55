"""The user-interface layer: shared widgets and the cached, scoped reads the screens use."""
