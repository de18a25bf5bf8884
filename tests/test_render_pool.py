"""The render step on forked workers gives exactly what one process gives (``VAULT_JOBS=1``)."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.utils import get_relative_url

import vaultlib.pipeline
from pipeline_snapshot import notes_are_this_builds, snapshot
from sitebuild import TOC_IDS
from vaultlib.index.vault import VaultRoot
from vaultlib.pipeline import Pipeline, SiteInfo
from vaultlib.render.cache import RenderCache
from vaultlib.render.pool import jobs_wanted, slices
from vaultlib.settings import VaultSettings

NOTES = 240
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8cfc000000301010018dd8db00000000049454e44ae426082")


def note_text(i: int) -> str:
    others = [(i * 7 + k * 13) % NOTES for k in range(6)]
    links = " ".join(f"[[Nöte {j}#Part two]]" if k % 2 else f"[[Nöte {j}]]" for k, j in enumerate(others))
    return (f"---\naliases: [Alias {i}]\ntags: [t{i % 5}]\n---\n# Nöte {i}\nAmazon Store{i % 9} ({'S' * 2}{i % 9}) "
            f"is here. ^b{i}\n\n## Amazon Store{i}\n- Amazon Store{i} is a store.\n- Use cases:\n\t- Storing {i}.\n\n"
            f"## Part two\n{links} [[Same]] [[Missing {i}]] [[Alias {(i + 1) % NOTES}|alias]]\n"
            f"![[pic {i % 3}.png]] ![[Nöte {(i + 2) % NOTES}#^b{(i + 2) % NOTES}]]\n")


@pytest.fixture(scope="module")
def vault(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pool")
    for i in range(NOTES):
        path = folder / ("東京" if i % 3 == 0 else "a & b") / f"Nöte {i}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(note_text(i), encoding="utf-8")
    for name in ("x/Same.md", "y/Same.md"):
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text("# Same\nRepeated name.\n", encoding="utf-8")
    (folder / "pic 1.png").write_bytes(PNG)
    return folder


def run(folder: Path, jobs: int) -> Pipeline:
    pipeline = Pipeline(VaultSettings(terms={"prefixes": ["Amazon"]}), TOC_IDS, get_relative_url, RenderCache(),
                        jobs=jobs, pool_min_notes=1)
    publish = lambda index: {note.site_path: note.site_path[:-3].lower() + "/" for note in index.notes}  # noqa: E731
    pipeline.run([VaultRoot(folder)], publish, SiteInfo("Pool"))
    return pipeline


def test_pooled_render_equals_one_process(vault, monkeypatch):
    pooled_runs = []
    real = vaultlib.pipeline.render_in_pool

    def counted(records, render_one, index, jobs):
        pooled_runs.append((len(records), jobs))
        return real(records, render_one, index, jobs)

    monkeypatch.setattr(vaultlib.pipeline, "render_in_pool", counted)
    one = run(vault, 1)
    assert pooled_runs == []
    pooled = run(vault, 3)  # more workers than this machine may have cores: the split is what is tested
    assert pooled_runs == [(NOTES + 2, 3)]
    assert pooled.renders == one.renders == NOTES + 2
    assert [r.markdown for r in pooled.records.values()] == [r.markdown for r in one.records.values()]
    expected = snapshot(one)
    for part, value in snapshot(pooled).items():
        assert value == expected[part], part
    assert notes_are_this_builds(pooled) == []
    kinds = {problem.kind for problem in one.problems}
    assert {"ambiguous-link", "broken-link", "missing-attachment"} <= kinds
    assert sum(1 for problem in one.problems if problem.kind == "ambiguous-link") == 1  # once per name and build


def test_jobs_come_from_vault_jobs(monkeypatch):
    monkeypatch.setenv("VAULT_JOBS", "1")
    assert jobs_wanted() == 1
    monkeypatch.setenv("VAULT_JOBS", "3")
    assert jobs_wanted() == 3
    assert jobs_wanted(2) == 2
    monkeypatch.setenv("VAULT_JOBS", "many")
    with pytest.raises(ValueError, match="VAULT_JOBS"):
        jobs_wanted()


def test_slices_cover_every_note_once_in_order():
    for count, parts in ((0, 2), (1, 3), (7, 2), (10, 3), (242, 4)):
        runs = slices(count, parts)
        assert [i for run in runs for i in run] == list(range(count))
        assert max(map(len, runs)) - min(map(len, runs)) <= 1


def test_no_worker_is_forked_while_other_threads_run(vault, monkeypatch):
    """``mkdocs serve`` rebuilds from a thread beside its server's: forking there could copy a held lock."""
    import threading

    pooled_runs = []
    monkeypatch.setattr(vaultlib.pipeline, "render_in_pool", lambda *args: pooled_runs.append(args))
    stop = threading.Event()
    server = threading.Thread(target=stop.wait, daemon=True)
    server.start()
    try:
        pipeline = run(vault, 2)
    finally:
        stop.set()
        server.join()
    assert pooled_runs == [] and pipeline.renders == NOTES + 2
