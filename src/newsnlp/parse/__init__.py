"""newsnlp.parse."""
