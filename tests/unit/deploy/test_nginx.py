"""The generated nginx configuration: stickiness and failover upstreams, headers, TLS, and nginx accepts it."""
import shutil
import subprocess

import pytest

from geo import settings
from geo.deploy import cluster, health, nginx

REPLICAS = nginx.replicas_from(9001, 3)


def test_each_replica_has_an_upstream_that_falls_back_to_the_others():
    text = nginx.upstreams(REPLICAS)
    block = text.split("upstream dash_r1 {")[1].split("}")[0]
    assert block.splitlines()[1].strip().startswith("server 127.0.0.1:9002 max_fails=3")
    assert "backup" not in block.splitlines()[1]
    assert block.count(" backup;") == 2 and "127.0.0.1:9001" in block and "127.0.0.1:9003" in block
    assert "ip_hash" not in text and "hash " not in text  # a county office behind one NAT is not one browser
    assert f"map $cookie_{settings.CLUSTER_COOKIE} $dash_upstream" in text and "r2 dash_r2;" in text


def test_the_cookie_is_set_only_when_another_replica_answered():
    text = nginx.upstreams(REPLICAS)
    assert '"r0|127.0.0.1:9001" "";' in text  # already pinned there: no header
    assert '"~127\\.0\\.0\\.1:9001$" "dash_replica=r0; Path=/; HttpOnly; SameSite=Lax' in text


def test_a_replica_written_down_is_out_of_every_upstream():
    text = nginx.upstreams(REPLICAS, frozenset({"r1"}))
    assert text.count("127.0.0.1:9002 max_fails=3 fail_timeout=10s down;") == 2  # dash_all and its own
    assert text.count("127.0.0.1:9002 max_fails=3 fail_timeout=10s backup down;") == 2


def test_hsts_and_upgrade_only_with_tls():
    plain, tls = nginx.headers(False), nginx.headers(True)
    assert "Strict-Transport-Security" not in plain and "upgrade-insecure-requests" not in plain
    assert "Strict-Transport-Security" in tls and "upgrade-insecure-requests" in tls
    for text in (plain, tls):
        assert "frame-ancestors 'self'" in text and "nosniff" in text and "Referrer-Policy" in text


def test_limits_and_websocket_timeouts_in_the_server_block(tmp_path):
    text = nginx.server_block(tmp_path, 8080, "127.0.0.1", None)
    assert f"client_max_body_size {settings.UPLOAD_LIMIT_MB}m;" in text
    stream = text.split("location = /_stcore/stream {")[1].split("}")[0]
    assert "proxy_read_timeout 1d;" in stream and "proxy_buffering off;" in stream and "Upgrade" in stream
    assert "limit_conn dash_conn" in text and "limit_req zone=dash_req" in text


@pytest.mark.parametrize("with_tls", [False, True])
def test_nginx_accepts_the_configuration(tmp_path, with_tls):
    tls = None
    if with_tls:
        assert shutil.which("openssl"), "openssl is needed to make a test certificate"
        tls = (tmp_path / "cert.pem", tmp_path / "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                        "/CN=localhost", "-keyout", str(tls[1]), "-out", str(tls[0])], check=True,
                       capture_output=True)
    conf = nginx.write(tmp_path, REPLICAS, 8443 if tls else 8080, tls=tls, user=cluster.worker_user())
    done = subprocess.run([cluster.NGINX, "-t", "-p", str(tmp_path), "-c", str(conf), "-e",
                           str(tmp_path / "logs" / "error.log")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert ("listen 127.0.0.1:8443 ssl;" in conf.read_text()) is with_tls


def test_the_checker_never_takes_every_replica_out():
    names = ["r0", "r1"]
    fails = settings.CLUSTER_HEALTH_FAILS
    assert health.next_down({"r0": fails - 1}, names) == frozenset()
    assert health.next_down({"r0": fails}, names) == frozenset({"r0"})
    assert health.next_down({"r0": fails, "r1": fails}, names) == frozenset()


def test_the_cookie_secret_is_made_once_and_private(tmp_path):
    path = tmp_path / "secret"
    first = cluster.cookie_secret(path)
    assert len(first) >= 40 and cluster.cookie_secret(path) == first
    assert path.stat().st_mode & 0o777 == 0o600


def test_stop_ends_only_what_it_recorded(tmp_path):
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    other = {"pid": proc.pid, "cmd": ["something", "else"]}
    assert not cluster.alive(other)  # same pid, another command: never touched
    mine = {"pid": proc.pid, "cmd": [sys.executable, "-c", "import time; time.sleep(60)"]}
    cluster.write_state(tmp_path, {"replicas": [mine]})
    assert cluster.alive(mine) and cluster.stop(tmp_path) == [proc.pid]
    assert proc.wait(timeout=10) is not None and not (tmp_path / "state.json").exists()


def test_a_certificate_without_its_key_is_refused_before_nginx_is_configured(monkeypatch, tmp_path):
    monkeypatch.setattr(settings, "CLUSTER_TLS_CERT", tmp_path / "cert.pem")
    monkeypatch.setattr(settings, "CLUSTER_TLS_KEY", None)
    with pytest.raises(cluster.ClusterError, match="DASHBOARD_TLS_KEY"):
        cluster.tls_files()
    monkeypatch.setattr(settings, "CLUSTER_TLS_KEY", tmp_path / "key.pem")
    assert cluster.tls_files() == (tmp_path / "cert.pem", tmp_path / "key.pem")


def test_nginx_reads_nothing_from_the_checkout(tmp_path):
    """The app's static files are proxied to the replicas: nginx's worker (nobody) may not be able to read a
    checkout in a folder only its owner can read."""
    conf = nginx.nginx_conf(tmp_path, 8080)
    block = conf.split("location /app/static/ {")[1].split("}")[0]
    assert "proxy_pass http://$dash_upstream;" in block and f"max-age={nginx.STATIC_MAX_AGE}" in block
    assert "alias" not in conf and " root " not in conf and str(settings.ROOT) not in conf
