"""Data files shipped with GSN Studio (installed as the package gsn_studio.resources)."""
