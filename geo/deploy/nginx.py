"""nginx configuration for replicas behind one address: sticky by cookie, failover, headers, gzip, limits.

Open-source nginx has no `sticky` directive and only passive health checks, so:
- each replica has its own upstream whose other servers are `backup`s: a pinned browser stays on its replica
  while it is up and moves to another one when it is not (nginx's passive check, or `down` written by the
  active checker in geo/deploy/health.py);
- a browser without the cookie goes round-robin, and every response whose replica differs from the cookie sets
  the cookie to the replica that served it, so the page, its WebSocket and its media/download URLs all go to
  the process that holds the session.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geo import settings

# What the Streamlit frontend needs (checked in Chromium by tests/e2e/test_cluster.py): its index.html has an
# inline script and Emotion writes inline styles; images, fonts and components use data: and blob: URLs; the
# WebSocket goes to the page's own host ('self' covers ws:/wss: to it in CSP 3). Nothing from another origin.
CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' data: blob:; "
       "frame-src 'self' blob: data:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'self'")
STATIC_MAX_AGE = 3600  # seconds: the app's own static files (/app/static/), whose names carry no hash
GZIP_TYPES = "text/css application/javascript text/javascript application/json image/svg+xml text/plain"


@dataclass(frozen=True)
class Replica:
    name: str  # r0, r1, … : the cookie value
    port: int

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"


def replicas_from(first_port: int, count: int) -> list[Replica]:
    """count replicas on consecutive ports from first_port."""
    return [Replica(f"r{i}", first_port + i) for i in range(count)]


# Idle connections to a replica are closed by nginx before uvicorn's own 5 s keep-alive closes them: otherwise
# a request can go out on a connection the replica is closing, fail, and (as a failure) move browsers elsewhere.
KEEPALIVE = ("    keepalive 16;", "    keepalive_timeout 4s;")


def _escaped(address: str) -> str:
    """An address as a literal nginx regular expression."""
    return address.replace(".", "\\.")


def upstreams(replicas: list[Replica], down: frozenset[str] = frozenset()) -> str:
    """The upstream blocks and the cookie maps; replicas named in `down` are out of rotation."""
    fails = f"max_fails={settings.CLUSTER_MAX_FAILS} fail_timeout={settings.CLUSTER_FAIL_TIMEOUT}s"

    def line(r: Replica, extra: str = "") -> str:
        return f"    server {r.address} {fails}{extra}{' down' if r.name in down else ''};"

    blocks = ["upstream dash_all {", *[line(r) for r in replicas], *KEEPALIVE, "}"]
    for r in replicas:
        others = [line(o, " backup") for o in replicas if o is not r]
        blocks += [f"upstream dash_{r.name} {{", line(r), *others, *KEEPALIVE, "}"]
    cookie = settings.CLUSTER_COOKIE
    blocks += [f"map $cookie_{cookie} $dash_upstream {{", "    default dash_all;",
               *[f"    {r.name} dash_{r.name};" for r in replicas], "}"]
    # Set the cookie when the replica that answered (the last address tried) is not the one it names.
    blocks += [f'map "$cookie_{cookie}|$upstream_addr" $dash_set_cookie {{', '    default "";',
               *[f'    "{r.name}|{r.address}" "";' for r in replicas],
               *[f'    "~{_escaped(r.address)}$" "{cookie}={r.name}; Path=/; HttpOnly; SameSite=Lax'
                 '$dash_cookie_secure";' for r in replicas], "}"]
    return "\n".join(blocks) + "\n"


def headers(tls: bool) -> str:
    """Security headers and the stickiness cookie, included in every location (add_header does not inherit)."""
    lines = [f'add_header Content-Security-Policy "{CSP}{"; upgrade-insecure-requests" if tls else ""}" always;',
             'add_header X-Content-Type-Options "nosniff" always;',
             'add_header Referrer-Policy "same-origin" always;',
             'add_header X-Frame-Options "SAMEORIGIN" always;',
             'add_header Cross-Origin-Opener-Policy "same-origin" always;',
             'add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;',
             'add_header Set-Cookie $dash_set_cookie always;']
    if tls:
        lines.append('add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;')
    return "\n".join(lines) + "\n"


PROXY = """proxy_pass http://$dash_upstream;
proxy_http_version 1.1;
proxy_set_header Host $http_host;
proxy_set_header X-Real-IP $remote_addr;
proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
proxy_set_header X-Forwarded-Proto $scheme;
proxy_set_header Upgrade $http_upgrade;
proxy_set_header Connection $dash_connection;
proxy_buffering off;
proxy_connect_timeout 2s;
proxy_next_upstream error timeout http_502 http_503 http_504;
proxy_next_upstream_tries 3;
include {headers};
"""


def _indent(text: str, spaces: int) -> str:
    return "".join(" " * spaces + ln + "\n" if ln else "\n" for ln in text.splitlines())


def server_block(run_dir: Path, port: int, listen: str, tls: tuple[Path, Path] | None) -> str:
    """The one server: locations for the WebSocket, hashed static assets, uploads and everything else."""
    proxy = PROXY.format(headers=run_dir / "headers.conf")
    listen_line = f"listen {listen}:{port}{' ssl' if tls else ''};"
    tls_lines = (f"ssl_certificate {tls[0]};\nssl_certificate_key {tls[1]};\nssl_protocols TLSv1.2 TLSv1.3;\n"
                 if tls else "")
    limits = "limit_req zone=dash_req burst={b} nodelay;\n".format(b=settings.CLUSTER_REQ_BURST)
    body = f"""{listen_line}
server_name _;
{tls_lines}client_max_body_size {settings.UPLOAD_LIMIT_MB}m;
limit_conn dash_conn {settings.CLUSTER_CONN_PER_CLIENT};
limit_conn_status 429;
limit_req_status 429;
server_tokens off;

location = /_stcore/stream {{
{_indent(limits + proxy, 4)}    proxy_read_timeout 1d;
    proxy_send_timeout 1d;
}}
location /static/ {{
{_indent(proxy, 4)}    proxy_hide_header Cache-Control;
    add_header Cache-Control "public, max-age={settings.CLUSTER_STATIC_MAX_AGE}, immutable" always;
}}
# The app's own files (Leaflet, the map and briefing code, the boundaries): proxied to the replicas, which send
# them with their real types, so nginx's worker never reads the checkout (it may live in a folder only its
# owner can read). Names are not hashed: a short lifetime. Not counted against the request limit.
location /app/static/ {{
{_indent(proxy, 4)}    proxy_hide_header Cache-Control;
    proxy_hide_header Access-Control-Allow-Origin;
    add_header Cache-Control "public, max-age={STATIC_MAX_AGE}" always;
}}
location / {{
{_indent(limits + proxy, 4)}    proxy_read_timeout 300s;
    proxy_request_buffering off;
}}
"""
    return "server {\n" + _indent(body, 4) + "}\n"


def nginx_conf(run_dir: Path, port: int, listen: str = "127.0.0.1", tls: tuple[Path, Path] | None = None,
               user: str | None = None) -> str:
    """The whole nginx.conf: everything (pid, logs, temp files) under run_dir, nothing of the system config."""
    temps = "\n".join(f"    {kind}_temp_path {run_dir / 'tmp' / kind};"
                      for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""# generated by geo/deploy/nginx.py — do not edit; rerun scripts/run_cluster.sh
{f'user {user};' if user else ''}
worker_processes 1;
pid {run_dir / 'nginx.pid'};
error_log {run_dir / 'logs' / 'error.log'} warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {run_dir / 'logs' / 'access.log'};
{temps}
    sendfile on;
    keepalive_timeout 65s;
    gzip on;
    gzip_proxied any;
    gzip_min_length 1024;
    gzip_vary on;
    gzip_types {GZIP_TYPES};
    limit_conn_zone $binary_remote_addr zone=dash_conn:10m;
    limit_req_zone $binary_remote_addr zone=dash_req:10m rate={settings.CLUSTER_REQ_PER_SECOND}r/s;
    map $http_upgrade $dash_connection {{ default upgrade; "" ""; }}
    map $scheme $dash_cookie_secure {{ default ""; https "; Secure"; }}
    include {run_dir / 'upstreams.conf'};
{_indent(server_block(run_dir, port, listen, tls), 4)}}}
"""


def write(run_dir: Path, replicas: list[Replica], port: int, listen: str = "127.0.0.1",
          tls: tuple[Path, Path] | None = None, user: str | None = None) -> Path:
    """Write nginx.conf, headers.conf and upstreams.conf into run_dir; returns the nginx.conf path."""
    for sub in ("logs", "tmp/client_body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
        (run_dir / sub).mkdir(parents=True, exist_ok=True)
    (run_dir / "headers.conf").write_text(headers(tls is not None), encoding="utf-8")
    (run_dir / "upstreams.conf").write_text(upstreams(replicas), encoding="utf-8")
    conf = run_dir / "nginx.conf"
    conf.write_text(nginx_conf(run_dir, port, listen, tls, user), encoding="utf-8")
    return conf
