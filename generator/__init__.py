"""briefing: turn a folder of raw news article dumps into a searchable briefing site."""

__version__ = "0.1.0"
