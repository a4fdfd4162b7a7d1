"""Record forms: field specs in, service messages shown inline (see base.py)."""
