"""Sessions: their details, co-hosts and logos, the exchange format, and their listing."""
