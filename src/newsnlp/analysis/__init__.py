"""newsnlp.analysis."""
