"""Data handed to the browser's scripts: JSON that stays data wherever it is written.

JSON placed inside HTML (``<script type="application/json">``, an attribute)
or in a ``.js`` data file must never end the element it sits in or open a
comment: ``</script>`` ends it, and ``<!--`` puts the HTML parser into its
escaped-script state, where the element runs on to a later ``</script>``.
Escaping ``</`` alone is not enough, so every ``<``, ``>`` and ``&`` is written
as a JSON ``\\u`` escape, and so are U+2028/U+2029 (line ends to older
JavaScript parsers). The value a script reads back is unchanged.
"""
from __future__ import annotations

import json

# Character -> its JSON escape. One str.replace per character, not str.translate: translate looks every
# character up in a dict (15x slower on the previews' 2 MB per 400 pages); no escape holds another's character.
_HTML_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script_json(value: object, *, ascii_only: bool = False) -> str:
    """``value`` as compact JSON that is safe inside HTML and in a ``.js`` file (``ascii_only``: any charset)."""
    text = json.dumps(value, ensure_ascii=ascii_only, separators=(",", ":"))
    for character, escaped in _HTML_SAFE:
        text = text.replace(character, escaped)
    return text


def script_assignment(target: str, value: object) -> str:
    """A ``.js`` data file's text: ``target = <value>;`` (loaded by ``<script src>``, so file:// works)."""
    return f"{target} = {script_json(value)};\n"
