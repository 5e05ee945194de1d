"""newsnlp.report."""
