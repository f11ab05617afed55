"""Command-line entry points for set-up and operations (``python -m cli.accounts``,
``python -m cli.backup``): argument parsing and messages over the data layer's functions."""
