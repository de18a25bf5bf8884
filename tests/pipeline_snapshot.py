"""Everything the hooks read of a pipeline's run, as plain values, to compare two runs of the same vault."""
from __future__ import annotations

from vaultlib.pipeline import Pipeline


def snapshot(pipeline: Pipeline) -> dict:
    """Records, pages, model, graph and problems; notes named by site path (objects compared by their content)."""
    index = pipeline.index
    return {
        "notes": [(note.site_path, note.vault_path, note.title, note.aliases, note.order, note.content)
                  for note in index.notes],
        "attachments": [(file.site_path, file.vault_path) for file in index.attachments],
        "index": (index.refused, index.problems, index.notices, dict(index.withheld_by_name),
                  dict(index.withheld_by_path), sorted(index.site_paths)),
        "records": {path: record_values(record) for path, record in pipeline.records.items()},
        "pages": pipeline.pages, "generated": pipeline.generated, "home": pipeline.home,
        "titles": {path: pipeline.page_title(path) for path in [*pipeline.records, *pipeline.pages]},
        "graph": (list(pipeline.graph.nodes.items()), pipeline.graph.edges,
                  {key: edges for key, edges in pipeline.graph.touching.items() if edges}),
        "xref": (pipeline.xref.terms, pipeline.xref.acronyms, dict(pipeline.xref.mentions), pipeline.xref.use_cases,
                 {spelling: term.key for spelling, term in pipeline.xref.finder.term_of.items()},
                 pipeline.xref.finder.longest),
        "problems": pipeline.problems,
    }


def record_values(record) -> tuple:
    links = [(link.source.site_path, link.line, link.target.site_path, link.anchor) for link in record.links]
    embeds = [(embed.source.site_path, embed.line, embed.name, embed.file.site_path if embed.file else None,
               embed.section) for embed in record.embeds]
    return (record.note.site_path, record.content_hash, record.url, record.markdown, links, embeds, record.tags,
            record.problems, record.backlinks)


def notes_are_this_builds(pipeline: Pipeline) -> list[str]:
    """Links and embeds whose note objects are not this build's index's (a stale object kept from a cache)."""
    notes = pipeline.index.note_by_site_path
    stale = []
    for path, record in pipeline.records.items():
        for link in record.links:
            if notes.get(link.source.site_path) is not link.source or notes.get(link.target.site_path) is not link.target:
                stale.append(f"{path}: link {link.source.site_path} -> {link.target.site_path}")
        for embed in record.embeds:
            if notes.get(embed.source.site_path) is not embed.source:
                stale.append(f"{path}: embed in {embed.source.site_path}")
    return stale
