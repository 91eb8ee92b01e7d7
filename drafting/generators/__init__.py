"""Cover-letter generators: one interface (base.py), the offline template generator by default."""
