"""Everything with side effects: channels, storage, command line, settings."""
