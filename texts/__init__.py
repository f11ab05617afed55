"""Text services below every presentation layer: the message catalogue and Vietnamese formats."""
