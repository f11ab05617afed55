"""Official documents in Word: what a biên bản says, drawn from a visit, and the filling of
the agency's template (the one shipped in ``templates/``, or the agency's own)."""
