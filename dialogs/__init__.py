"""Channel-agnostic conversation state machines: (state, input) -> (state, reply)."""
