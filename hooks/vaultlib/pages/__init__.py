"""The pages the build generates, as Markdown."""
