"""A freshly started server runs its first page once before it says it is ready.

The first person to open a fresh server used to wait for everything the first run does once: loading and
validating the data, building the overview's map and figures (seconds on a busy machine). scripts/serve.py now
starts `warm_in_background` before the server: once the server listens, this opens a session over the server's
own WebSocket (as a browser does), runs the default page and closes it, so the data, map and figures are in the
process's caches. Until then /_stcore/health answers 503 "warming up"; browsers (which poll it before they
connect), nginx's checker and the cluster's start-up wait for it. The gate opens when the run finished, failed or
took longer than WARM_TIMEOUT_SECONDS: a warm-up never keeps a server closed.
"""
from __future__ import annotations

import asyncio
import socket
import threading
import time

from streamlit.logger import get_logger

from geo import settings

log = get_logger(__name__)  # Streamlit's own logger: shown in the server's output at its default level
READY = threading.Event()


def gate_health() -> None:
    """Make the health check answer 503 until READY is set (Streamlit 1.67's Runtime readiness property)."""
    from streamlit.runtime.runtime import Runtime

    ready = Runtime.is_ready_for_browser_connection

    async def gated(self) -> tuple[bool, str]:
        if not READY.is_set():
            return False, "warming up"
        return await ready.fget(self)  # type: ignore[attr-defined]  # a property in Streamlit 1.67, typed as a method

    Runtime.is_ready_for_browser_connection = property(gated)  # type: ignore[method-assign, assignment]


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


async def first_page(port: int) -> str:
    """Run the default page once over the server's WebSocket; returns how it finished."""
    import websockets
    from streamlit.proto import BackMsg_pb2, ForwardMsg_pb2
    from websockets.typing import Origin, Subprotocol

    url = f"http://127.0.0.1:{port}"
    msg = BackMsg_pb2.BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_script_hash = ""
    async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=[Subprotocol("streamlit")],
                                  origin=Origin(url), max_size=None, open_timeout=30, ping_interval=None) as ws:
        await ws.send(msg.SerializeToString())
        while True:
            forward = ForwardMsg_pb2.ForwardMsg()
            forward.ParseFromString(await ws.recv())
            if forward.WhichOneof("type") == "script_finished" and \
                    forward.script_finished != ForwardMsg_pb2.ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return ForwardMsg_pb2.ForwardMsg.ScriptFinishedStatus.Name(forward.script_finished)


def warm(port: int, timeout: float) -> None:
    """Wait until the server listens, run the first page, then open the health gate (whatever happened)."""
    start = time.monotonic()
    try:
        while not _listening(port):
            if time.monotonic() - start > timeout:
                return
            time.sleep(0.1)
        status = asyncio.run(asyncio.wait_for(first_page(port), max(1.0, timeout - (time.monotonic() - start))))
        log.info("first page warmed in %.1f s (%s)", time.monotonic() - start, status)
    except Exception as exc:  # a warm-up that fails must never keep the server closed
        log.warning("warming the first page failed: %s", exc)
    finally:
        READY.set()


def warm_in_background(port_of, timeout: float = settings.WARM_TIMEOUT_SECONDS) -> threading.Thread | None:
    """Gate the health check and warm the first page once the server listens on port_of() (read after start-up,
    when Streamlit's configuration is loaded). Does nothing when WARM_FIRST_PAGE is off."""
    if not settings.WARM_FIRST_PAGE:
        READY.set()
        return None
    gate_health()

    def run() -> None:
        from streamlit.runtime import Runtime

        while not Runtime.exists():  # created after Streamlit has read its files and flags (the port among them)
            time.sleep(0.05)
        warm(port_of(), timeout)

    thread = threading.Thread(target=run, name="warm-first-page", daemon=True)
    thread.start()
    return thread

