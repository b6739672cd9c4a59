"""The load generator of bench.load: browsers that speak Streamlit's WebSocket protocol, run in one asyncio loop
per client process.

A `Browser` holds what the frontend holds: the ids and options of the sidebar filters, the pages of the
navigation, the query string and the hashes of the large messages it already has. Each filter change is a
`BackMsg rerun_script` with every widget state the browser set (as the frontend sends them) and ends at
`ForwardMsg script_finished`. A person changes the county, the city, the years or the page (`MIX`), and waits an
exponentially distributed time between changes (`think` seconds on average; 0 = back to back, the stress test).
People work at an office: most place changes go back to their own city or county (HOME), the others anywhere.
Every random choice comes from a generator seeded with the run's seed and the session's number.
"""
from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto import BackMsg_pb2, ForwardMsg_pb2, WidgetStates_pb2

RERUN_TIMEOUT = 60.0  # seconds; a rerun slower than this counts as an error
DONE = ForwardMsg_pb2.ForwardMsg.FINISHED_SUCCESSFULLY
EARLY = ForwardMsg_pb2.ForwardMsg.FINISHED_EARLY_FOR_RERUN
# Widget ids end with the widget's key (geo/ui/sidebar.py KEY_CITY, KEY_COUNTY, KEY_PERIOD).
CITY, COUNTY, PERIOD = "-city", "-county", "-period"
# What a person at a county office changes next: mostly the county and the page, sometimes the city or years.
MIX = {"county": 0.35, "page": 0.30, "city": 0.20, "years": 0.15}
# Pages that staff and the public look at (the briefing runs on the projector; data maintenance needs sign-in).
SKIP_PAGES = ("briefing", "data")
HOME = 0.6  # share of place changes that go back to the person's own city or county
SESSIONS_PER_ADDRESS = 50  # sessions sharing one client address, as an office behind NAT (nginx limit_conn)


@dataclass
class Spec:
    """One person: when they open the app (wall clock), their random seed, the address they come from."""
    start_at: float
    seed: int
    address: str


@dataclass
class Window:
    """Reruns that start in [begin, end) are measured; every session closes at `end`."""
    begin: float
    end: float
    think: float


@dataclass
class Tally:
    times: list[float] = field(default_factory=list)
    first: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    opened: int = 0


class Browser:
    """What the frontend of one tab knows and sends."""

    def __init__(self) -> None:
        self.widgets: dict[str, dict] = {}  # key suffix -> {"id", "options"} of the sidebar filters
        self.pages: dict[str, str] = {}  # url path -> page_script_hash
        self.states: dict[str, list[str]] = {}  # widget id -> the values this browser set
        self.page_hash = ""
        self.query = ""
        self.cached: set[str] = set()
        self.home: dict[str, str] = {}  # the city and county of this person's office, drawn on first sight

    def message(self) -> bytes:
        """rerun_script with this browser's page, query string, widget states and cached message hashes."""
        msg = BackMsg_pb2.BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_script_hash = self.page_hash
        msg.rerun_script.cached_message_hashes.extend(sorted(self.cached))
        for wid, values in self.states.items():
            state = WidgetStates_pb2.WidgetState(id=wid)
            state.string_array_value.data.extend(values)
            msg.rerun_script.widget_states.widgets.append(state)
        return msg.SerializeToString()

    def read(self, msg: ForwardMsg_pb2.ForwardMsg) -> str | None:
        """Note what a forward message tells the frontend; an exception shown on the page is returned."""
        if msg.metadata.cacheable:
            self.cached.add(msg.hash)
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type")
            if which == "exception":
                return f"exception: {element.exception.message[:80]}"
            if which in ("multiselect", "slider"):
                widget = getattr(element, which)
                for suffix in (CITY, COUNTY, PERIOD):
                    if widget.id.endswith(suffix):
                        self.widgets[suffix] = {"id": widget.id, "options": list(widget.options)}
        return None

    def change(self, rng: random.Random) -> str:
        """Make one change a person would make; returns its kind."""
        kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
        if kind == "page" and self.pages:
            choices = [h for p, h in self.pages.items() if p not in SKIP_PAGES and h != self.page_hash]
            self.page_hash = rng.choice(choices)
        elif kind == "city" and CITY in self.widgets:
            city = self._pick(CITY, rng)
            self._set(CITY, [city] if city else [])
            self._set(COUNTY, [])  # a new city clears the county, as the person would
        elif kind == "years" and PERIOD in self.widgets:
            self._set(PERIOD, years(self.widgets[PERIOD]["options"], rng))
        elif COUNTY in self.widgets:
            county = self._pick(COUNTY, rng)
            self._set(COUNTY, [county] if county else [])
            kind = "county"
        return kind

    def _pick(self, suffix: str, rng: random.Random) -> str | None:
        """Their own office's city or county most of the time (HOME), another one sometimes, none (all) rarely."""
        options = self.widgets[suffix]["options"]
        if not options or rng.random() < 0.1:
            return None
        home = self.home.setdefault(suffix, rng.choice(options))
        return home if home in options and rng.random() < HOME else rng.choice(options)

    def _set(self, suffix: str, values: list[str]) -> None:
        if suffix in self.widgets:
            self.states[self.widgets[suffix]["id"]] = values


def years(options: list[str], rng: random.Random) -> list[str]:
    """Back to every year (half the time), one year, or a range of years."""
    roll = rng.random()
    if roll < 0.5:
        return [options[0], options[-1]]
    if roll < 0.75:
        year = rng.choice(options)
        return [year, year]
    return sorted(rng.sample(options, 2), key=options.index)


async def rerun(ws, browser: Browser) -> tuple[float, str | None]:
    """Send the browser's rerun and read until the script finished: (seconds, error or None)."""
    start = time.perf_counter()
    await ws.send(browser.message())
    error = None
    while True:
        msg = ForwardMsg_pb2.ForwardMsg()
        msg.ParseFromString(await asyncio.wait_for(ws.recv(), RERUN_TIMEOUT))
        error = browser.read(msg) or error
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished != EARLY:
            if msg.script_finished != DONE:
                error = error or f"script finished with status {msg.script_finished}"
            return time.perf_counter() - start, error


async def wait_until(wall: float) -> None:
    await asyncio.sleep(max(0.0, wall - time.time()))


async def person(url: str, spec: Spec, window: Window, tally: Tally) -> None:
    """One person: opens the app at spec.start_at, then changes something after each pause until the end."""
    rng = random.Random(spec.seed)
    await wait_until(spec.start_at)
    host = url.split("//", 1)[1]
    try:
        async with websockets.connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"], origin=url,
                                      max_size=None, open_timeout=60, compression=None,
                                      local_addr=(spec.address, 0),
                                      ping_interval=None) as ws:  # a browser sends no pings either
            browser = Browser()
            took, error = await rerun(ws, browser)
            if error or COUNTY not in browser.widgets:
                tally.errors.append(error or "no county filter on the page")
                return
            tally.first.append(took)
            tally.opened += 1
            while True:
                if window.think:  # the pause, cut short at the end of the window
                    pause = rng.expovariate(1 / window.think)
                    await asyncio.sleep(min(pause, max(0.0, window.end - time.time())))
                began = time.time()
                if began >= window.end:
                    return
                browser.change(rng)
                took, error = await rerun(ws, browser)
                if began >= window.begin:
                    (tally.errors.append(error) if error else tally.times.append(took))
    except (OSError, asyncio.TimeoutError, websockets.WebSocketException) as exc:
        tally.errors.append(f"{type(exc).__name__}: {exc}"[:100])


def run_client(url: str, specs: list[Spec], window: Window) -> dict:
    """One client process: every person of `specs` in one asyncio loop; its own CPU time comes back too."""
    tally, cpu, wall = Tally(), time.process_time(), time.time()

    async def main() -> None:
        await asyncio.gather(*(person(url, spec, window, tally) for spec in specs))

    asyncio.run(main())
    return {"times": tally.times, "first": tally.first, "errors": tally.errors, "opened": tally.opened,
            "cpu": time.process_time() - cpu, "wall": time.time() - wall}


def specs_for(n: int, t0: float, ramp: float, seed: int) -> list[Spec]:
    """N people arriving at random times over the ramp (uniform, seeded), each from an office address."""
    rng = random.Random(seed)
    starts = sorted(t0 + rng.uniform(0, ramp) for _ in range(n)) if ramp else [t0] * n
    return [Spec(at, seed * 100_003 + k, f"127.0.{1 + k // (SESSIONS_PER_ADDRESS * 250)}."
                 f"{1 + (k // SESSIONS_PER_ADDRESS) % 250}") for k, at in enumerate(starts)]
