"""Pure domain rules: how figures combine, statuses, validation. No database, no UI."""
