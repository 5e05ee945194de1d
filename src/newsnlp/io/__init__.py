"""newsnlp.io."""
