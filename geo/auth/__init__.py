"""Who may do what: accounts and sign-in (`accounts`), and the audit trail (`audit`).

May import: `geo.data` (atomic writes) and the basics. Never maps, charts, exports or ui.
`python -m geo.auth` manages users (`__main__`).
"""
