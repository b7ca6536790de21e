"""Read models and use cases on top of the store (plain data in, plain data out)."""
