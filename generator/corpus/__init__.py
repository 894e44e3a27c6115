"""Phase two, the only cross-article stage: slugs, copies and stories, the entity merge and
name look-up, speakers, topics and the index facts → `Briefing`."""
