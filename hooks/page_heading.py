"""Write each page's heading (h1) into its Markdown, from its front matter title.

Pages do not write "# Title" themselves: the title is in the front matter,
once. Adding it here, before Markdown runs, gives the heading an id and puts
it at the top of the page's table of contents, just as a hand-written
heading would. So Material's "Skip to content" link lands on the heading
(not on the first section, past the main message), and search sees it.
The nav label (in mkdocs.yml) can stay shorter than the heading.
"""

from __future__ import annotations

from mkdocs.structure.pages import Page

# The id the skip link and other links can rely on.
HEADING_ID = "page-title"


def on_page_markdown(markdown: str, page: Page, **_) -> str:
    title = page.meta.get("title")
    if not title:
        return markdown
    return f"# {title} {{ #{HEADING_ID} }}\n\n{markdown}"
