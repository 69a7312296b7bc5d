"""Scripts the store tests run as separate processes (crash and two-writer tests)."""
