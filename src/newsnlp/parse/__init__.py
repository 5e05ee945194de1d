"""newsnlp.parse: raw articles → clean :class:`~newsnlp.parse.article.Article` records.

Modules, by concern:

- :mod:`~newsnlp.parse.core` — :func:`parse_article` and format detection;
- :mod:`~newsnlp.parse.frontmatter` — Hexo/Jekyll YAML front matter;
- :mod:`~newsnlp.parse.html` — the fast lxml cleaner for HTML bodies and fragments;
- :mod:`~newsnlp.parse.page` — whole web pages (trafilatura main content + metadata);
- :mod:`~newsnlp.parse.markdown` — Markdown bodies;
- :mod:`~newsnlp.parse.encoding` — bytes → text for Chinese encodings;
- :mod:`~newsnlp.parse.dates` — publication dates → UTC;
- :mod:`~newsnlp.parse.normalize` — spaces, full-width characters, Traditional → Simplified;
- :mod:`~newsnlp.parse.sites` — per-site boilerplate rules and publication names.

Nothing is imported here, so ``import newsnlp.parse.article`` stays cheap.
"""
