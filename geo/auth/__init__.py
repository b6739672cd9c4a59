"""Who may do what: accounts and sign-in (`accounts`), and the audit trail (`audit`).

May import: `geo.data` (atomic writes) and the basics. Never maps, charts, exports or ui. Sessions shared by
every replica (`sessions`). `python -m geo.auth` manages users (`__main__`, a command line ranked above
`geo.backend`, whose choice of store it uses).
"""
