"""A note rendered to Markdown, and the pieces every renderer of note text shares."""
