"""newsnlp.text."""
