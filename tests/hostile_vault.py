"""A hostile vault: every way issue 21 found for a note's text to run in a reader's browser.

Each payload calls ``__pwned(N)`` (or ``alert(N)``): the browser tests define a
trap global before any page script and assert it was never called. The numbers
say which spelling got through.
"""
from __future__ import annotations

import base64

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
IMG = "<img src=x onerror=__pwned({})>"

LINKS = f"""# Links

[mixed case](JaVaScRiPt:__pwned(1))

[angle brackets](<javascript:__pwned(2)>)

[reference style][evil]

[with a title](javascript:__pwned(3) "a title")

[entity](&#106;avascript:__pwned(4))

[named colon](javascript&colon;__pwned(5))

[evil]: javascript:__pwned(6)

<a href="&#106;avascript:__pwned(7)">raw decimal entity</a>
<a href="&#x6A;avascript:__pwned(8)">raw hex entity</a>
<a href="javascript&colon;__pwned(9)">raw named colon</a>
<a href="java&#9;script:__pwned(10)">raw tab</a>
<a href="java\tscript:__pwned(14)">raw literal tab</a>
<a href="java&#10;script:__pwned(11)">raw newline</a>
<svg><a xlink:href="javascript:__pwned(12)"><text y="20">svg link</text></a></svg>
<a href="data:text/html,<script>__pwned(13)</script>">data link</a>

[[Plain]] and [[Sneaky]] and [[Script names]].
"""

HANDLERS = f"""# Handlers

<svg/onload=__pwned(20)>

<img/src/onerror=__pwned(21)>

<details/open/ontoggle=__pwned(22)>details</details>

<input/autofocus/onfocus=__pwned(23)>

<p title="{IMG.format(24)}">A paragraph with a title.</p>

<div onmouseover="__pwned(25)">hover me</div>

<p title="&lt;img src=x one&#114;ror=__pwned(44)&gt;">An entity-spelled title.</p> <abbr title="&lt;img src=x one&#114;ror=__pwned(45)&gt;">ABBR</abbr>

<script>__pwned(26)</script>

<iframe srcdoc="<script>parent.__pwned(27)</script>"></iframe>

<object data="javascript:__pwned(28)"></object>

<p id="__config">{{"base": "javascript:__pwned(29)"}}</p>
"""

ATTR_LIST = f"""# Attribute lists

## A heading {{: onmouseover="__pwned(30)" }}

A paragraph with an attribute list.
{{: onmouseover="__pwned(31)" }}

- a list item {{: onmouseover="__pwned(32)" }}

[a link](Plain.md){{: onmouseover="__pwned(33)" }}

![an image](pic.png){{: onmouseover="__pwned(34)" data-title="{IMG.format(35)}" data-description="{IMG.format(36)}" }}

[styled](Plain.md){{: style="background:url(javascript:__pwned(37))" data-md-component="x" }}
"""

TOOLTIPS = f"""# Tooltips

[a titled link](Plain.md "{IMG.format(40)}")

![a titled image](pic.png "{IMG.format(41)}")

The ACR shows a tooltip.

*[ACR]: {IMG.format(42)}

[[Missing {IMG.format(43)}]]
"""

SNEAKY = """---
title: "<!--<script>"
aliases: ["</script><script>__pwned(50)</script>"]
---
Links to [[Plain]]. The title opens an HTML comment inside a script element.
"""

SCRIPT_NAMES = """---
aliases: ["<img src=x onerror=__pwned(51)>"]
---
# Script names

## </script><script>__pwned(52)</script> heading

Links to [[Sneaky]] and [[Plain]].
"""

PLAIN = """---
tags: ["<img src=x onerror=__pwned(90)>", "x\\"><svg/onload=__pwned(91)>"]
---
# Plain

A quiet note that links to [[Sneaky]], [[Script names]] and ![[evil.svg]].

Open the drawing: [evil drawing](../assets/evil.svg)
"""

EVIL_SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40"
     onload="__pwned(60)">
  <script>__pwned(61)</script>
  <rect width="40" height="40" fill="orange" onmouseover="__pwned(62)"/>
  <a xlink:href="javascript:__pwned(63)"><circle cx="20" cy="20" r="5"/></a>
  <foreignObject width="40" height="40"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="__pwned(64)"/></div></foreignObject>
  <image href="https://example.invalid/track.png" width="1" height="1"/>
  <set attributeName="href" to="javascript:__pwned(65)"/>
</svg>
"""

NOTES: dict[str, str | bytes] = {
    "Links.md": LINKS, "Handlers.md": HANDLERS, "Attribute lists.md": ATTR_LIST, "Tooltips.md": TOOLTIPS,
    "Sneaky.md": SNEAKY, "Script names.md": SCRIPT_NAMES, "Plain.md": PLAIN, "pic.png": PNG,
}
ATTACHMENTS = {"evil.svg": EVIL_SVG}
# What a reader types into search: every payload text, and the names.
SEARCHES = ["<img src=x onerror=__pwned(70)>", "</script><script>__pwned(71)</script>", "<!--<script>",
            '"><svg/onload=__pwned(72)>', "javascript:__pwned(73)"]
