"""hamish (هامش, "margin"): a terminal reader that gets right-to-left text right."""

__version__ = "0.1.0"
