"""Annotations: the model (shaped like the W3C Web Annotation data model) and anchoring."""
