"""The sample dataset: real facts from the source documents plus flagged illustrative
figures. ``python -m sample_data load|reset`` loads it or resets the database to it."""
