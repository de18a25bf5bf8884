"""Where each generated page lives: its source path, before it steps aside from a note's URL (index.publish)."""
from __future__ import annotations

HOME = "index.md"
SERVICES = "reference/services.md"
USE_CASES = "reference/use-cases.md"
GLOSSARY = "reference/glossary.md"
FIGURES = "reference/figures.md"
TAGS = "reference/tags.md"
GRAPH = "reference/graph.md"
