"""Deployment behind one address: the nginx configuration (`nginx`), starting and stopping replicas, nginx and
the checker (`cluster`), and the active health checker (`health`). Used by scripts/run_cluster.sh.

May import: the basics (`geo.settings`). Never data, maps, charts, exports or ui: it runs processes, not pages.
"""
