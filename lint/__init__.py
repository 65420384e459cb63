"""reportlint: lint Chinese government annual reports against mandated structures."""

__version__ = "0.2.0"
