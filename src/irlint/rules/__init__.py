"""Rules: the pack schema, loading and validation, and the code behind each rule kind."""
