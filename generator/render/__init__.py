"""Phase two: `Briefing` → `Page`s. Formats only what corpus computed; every untrusted
string is escaped in escape.py."""
