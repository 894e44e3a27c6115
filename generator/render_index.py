"""Index pages: the home page and the list of articles (entity, topic, quote and timeline
indexes join here), all from one small set of helpers, so no near-copies."""

from __future__ import annotations

import frontmatter

from generator.escape import escape_markdown, escape_title
from generator.model import Article, Page
from generator.render_article import GENERATED_BY


def summary_line(article: Article) -> str:
    """One line a reader can skim: the first standfirst bullet, else the lead sentence."""
    if article.standfirst:
        return article.standfirst[0]
    if article.body:
        text = article.body[0].text
        end = next((i for i, ch in enumerate(text) if ch in ".!?" and i > 40), None)
        return text if end is None else text[: end + 1]
    return ""


def article_link(article: Article, from_folder: str = "") -> str:
    prefix = "../" * from_folder.count("/") + ("../" if from_folder else "")
    return f"[{escape_markdown(article.title)}]({prefix}articles/{article.slug}.md)"


def article_item(article: Article, from_folder: str = "") -> str:
    byline = ", ".join(article.authors)
    source = f" — {escape_markdown(byline)}" if byline else ""
    summary = escape_markdown(summary_line(article))
    return f"- **{article_link(article, from_folder)}**{source}  \n  {summary}"


def page(path: str, title: str, body: str, **meta) -> Page:
    """A generated index page: escaped title in frontmatter, our marker, one final newline."""
    post = frontmatter.Post(body.rstrip("\n") + "\n", title=escape_title(title), **meta,
                            generated_by=GENERATED_BY)
    return Page(path=path, text=frontmatter.dumps(post, sort_keys=False) + "\n", source="index")


def render_articles_index(articles: tuple[Article, ...]) -> Page:
    items = "\n".join(article_item(a, "articles") for a in sorted(articles, key=lambda a: (a.title.casefold(), a.id)))
    return page("articles/index.md", "Articles", f"{len(articles)} articles in this briefing.\n\n{items}")


def render_home(articles: tuple[Article, ...], site_name: str) -> Page:
    items = "\n".join(article_item(a) for a in articles)
    body = (f"This briefing gathers {len(articles)} articles.\n\n## Articles\n\n{items}")
    return page("index.md", site_name, body)
