"""Series (reeksen): meetings of one Community of Practice that remember each other.

`register` matches a meeting's people to the series' people register, `commands` holds
every change as a command, `queries` reads meetings, attendance, actions and who met whom,
`encounters` turns earlier rounds into planner history. Qt-free.
"""
