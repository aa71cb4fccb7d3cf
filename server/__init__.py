"""The county server (``anju-county``): one database per county (一县一库).

It holds every township's current records and the full change history, fed by
the same signed and encrypted packages the devices carry on USB sticks or send
over HTTP.  See :mod:`server.county` for the rules and :mod:`server.app` for
the HTTP endpoints.
"""
