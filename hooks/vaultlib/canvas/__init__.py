"""JSON Canvas boards (``.canvas`` files) as pages: read and checked (parse), drawn as Markdown (markdown)."""
from .markdown import BoardMarkdown, board_markdown, outline_markdown
from .model import Board, CanvasEdge, CanvasNode
from .parse import parse_canvas

__all__ = ("Board", "BoardMarkdown", "CanvasEdge", "CanvasNode", "board_markdown", "outline_markdown",
           "parse_canvas")
