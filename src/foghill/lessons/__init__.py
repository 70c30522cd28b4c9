"""The lesson pages: Markdown text with widget blocks, and the renderer that makes HTML."""
