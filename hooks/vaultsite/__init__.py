"""The MkDocs side of the vault build: adapters that hooks/vault.py calls, event by event (no state of their own)."""
