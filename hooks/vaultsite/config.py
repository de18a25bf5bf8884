"""What the vault hooks read from mkdocs.yml: ``extra.vault`` (validated), the toc's slugify, the offline switch.

``extra.vault`` is checked by MkDocs' own config classes,
so a wrong setting stops the build with a message naming it, and is handed
to vaultlib as a plain ``VaultSettings``.
"""
from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from vaultlib.render.heading_ids import HeadingIds
from vaultlib.settings import LEVELS, VaultSettings


class TermsConfig(Config):
    """``extra.vault.terms``: how the cross-reference model finds terms (see vaultlib.xref.terms.TermRules)."""

    prefixes = c.ListOfItems(c.Type(str), default=[])
    connectors = c.ListOfItems(c.Type(str), default=["for"])
    camel_case = c.Type(bool, default=True)
    acronym_led = c.Type(bool, default=True)
    aliases = c.DictOfItems(c.ListOfItems(c.Type(str), default=[]), default={})


class VaultConfig(Config):
    """``extra.vault`` in mkdocs.yml; the README's "Settings" section explains each one."""

    attachments = c.ListOfItems(c.Type(str), default=["assets"])
    order_property = c.Type(str, default="order")
    missing_attachments = c.Choice(LEVELS, default="info")
    broken_links = c.Choice(LEVELS, default="error")
    reference_title = c.Type(str, default="Reference")
    publish_drafts = c.Type(bool, default=False)
    language = c.Optional(c.Type(str))  # search's language when not theme.language (vaultsite/search.py)
    terms = c.SubConfig(TermsConfig, validate=True)


def vault_settings(config: MkDocsConfig) -> VaultSettings:
    """``extra.vault`` checked; a wrong or unknown setting raises PluginError naming ``extra.vault.<setting>``."""
    raw = config.extra.get("vault") or {}
    if not isinstance(raw, dict):
        raise PluginError("extra.vault in mkdocs.yml must be a mapping of settings (see the README, 'Settings')")
    raw = dict(raw)
    if isinstance(raw.get("attachments"), str):
        raw["attachments"] = [raw["attachments"]]  # one folder may be written without a list
    checked = VaultConfig(config_file_path=config.config_file_path)
    checked.load_dict(raw)
    errors, warnings = checked.validate()
    for key, problem in [*errors, *warnings]:  # an unknown setting is a warning to MkDocs; here it stops the build
        raise PluginError(f"extra.vault.{key} in mkdocs.yml: {problem}")
    terms = dict(checked.terms)
    return VaultSettings(attachments=tuple(checked.attachments), order_property=checked.order_property,
                         missing_attachments=checked.missing_attachments, broken_links=checked.broken_links,
                         reference_title=checked.reference_title, publish_drafts=checked.publish_drafts,
                         language=checked.language, terms=terms)


def heading_ids(config: MkDocsConfig) -> HeadingIds:
    """Heading ids as MkDocs' toc gives them (the site's Markdown settings), so our anchors are its anchors."""
    return HeadingIds(extensions=config.markdown_extensions, configs=config.mdx_configs)


def is_offline(config: MkDocsConfig) -> bool:
    """Whether this is the offline build (Material's offline plugin enabled)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)
