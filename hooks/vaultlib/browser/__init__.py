"""Data for the browser's scripts: previews, graph, nav tree, search tables."""
