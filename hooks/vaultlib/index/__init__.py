"""The vault scanned once: notes, attachments, properties, lookups, the resolver, URLs."""
