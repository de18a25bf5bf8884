"""Obsidian Bases evaluated at build time: ```base blocks in notes, and .base files' pages and embeds.

    read_base(text)            spec.py      the YAML: filters, formulas, properties, summaries, views
    parse_expression(text)     syntax.py    the expression language (tokenizer + recursive descent)
    Evaluation(context, row)   evaluate.py  an expression over one row, with the documented functions
    VaultRows(index, resolver) rows.py      one row per published note, made once per build
    ViewRenderer               views.py     table, list and cards views as Markdown

The two entry points for pages:

    render_base_file(source_text, path, page_site_path, rows, this=None, view=None) -> (markdown, problems)
        a .base file's page (``this`` None) or its ``![[x.base]]`` / ``![[x.base#View]]`` embed in a
        note (``this``: the embedding note's Row, ``rows.by_site_path[note.site_path]``).
    BaseFences(rows)
        the hook PageRender calls for each ```base fence of a note: the fence becomes the rendered base.
"""
from __future__ import annotations

from .blocks import BaseFences, render_base, render_base_file
from .rows import Row, VaultRows
from .spec import read_base
from .syntax import ExpressionError, parse_expression

__all__ = ("BaseFences", "ExpressionError", "Row", "VaultRows", "parse_expression", "read_base", "render_base",
           "render_base_file")
