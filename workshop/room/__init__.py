"""Phones in the room: a small web server (aiohttp, no Qt) for table rapporteurs, participants
and a co-facilitator, over the venue's network with nothing leaving the room.

* `access`   the session's secret, the tokens and short code derived from it, the remote's PIN
* `commands` every write a phone makes, as a command through the command runner
* `view`     what the phones are shown (read on a worker thread, pushed on change)
* `limits`   rate and size limits per phone
* `writer`   one writer thread that stores submissions in batches
* `server`   the aiohttp application, WebSocket with a polling fallback
* `thread`   the server on its own thread and event loop (the app, the bench)
"""
