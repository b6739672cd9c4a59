"""Deployment behind one address: the nginx configuration (`nginx`), starting and stopping replicas, nginx and
the checker (`cluster`), the active health checker (`health`) and the shared database (`database`). Used by
scripts/run_cluster.sh.

May import: the basics and `geo.db` (to prepare the shared database). Never ui: it runs processes, not pages.
"""
