"""reconcile: deduplicate documents and reconcile reports of the same event."""
