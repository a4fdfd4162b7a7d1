"""One widget per sidebar page."""
