"""Chart builders remembered by what they were given: a chart is built once per content of its input frames and
arguments, and the same figure object is handed to every later caller in this process.

Building a chart (Plotly's layout updates and the label fitting of geo.charts.fit) was a quarter of a replica's
time under load (bench.load --profile), and pages rebuilt every chart on every rerun. Keyed on the frames'
content, not their identity, so a new frame with the same rows (a view computed again, public_only's copy) hits.
Callers never modify a figure they got (for_projector, fit and press_figure work on copies); the figures are
kept in a bounded LRU.
"""
from __future__ import annotations

import functools
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import pandas as pd

KEEP = 128  # figures remembered per process (a chart is tens of kB of Python objects)
_FIGURES: OrderedDict[tuple, object] = OrderedDict()
_LOCK = threading.Lock()
_KEYS: dict[int, tuple[weakref.ref, tuple]] = {}  # id(frame) -> (the frame, its key), while the frame lives
F = TypeVar("F", bound=Callable)


def frame_key(frame: pd.DataFrame) -> tuple:
    """The content of a frame as a hashable key: its columns, dtypes and a hash of every row with its index.
    Hashing a frame of thousands of rows takes milliseconds, so the key of a frame that lives on (a dataset's
    table, a cached view) is kept while it lives; frames are never modified in place."""
    known = _KEYS.get(id(frame))
    if known is not None and known[0]() is frame:
        return known[1]
    key = (tuple(frame.columns), tuple(str(t) for t in frame.dtypes),
           int(pd.util.hash_pandas_object(frame, index=True).sum()), len(frame))
    ident = id(frame)
    _KEYS[ident] = (weakref.ref(frame, lambda _: _KEYS.pop(ident, None)), key)
    return key


def _key(name: str, args: tuple, kwargs: dict) -> tuple | None:
    """The call's key, or None when an argument has no stable content key (then the chart is built afresh)."""
    try:
        parts = tuple(frame_key(a) if isinstance(a, pd.DataFrame) else a for a in args)
        named = tuple(sorted((k, frame_key(v) if isinstance(v, pd.DataFrame) else v) for k, v in kwargs.items()))
        key = (name, parts, named)
        hash(key)
    except TypeError:  # an unhashable argument, or a column pandas cannot hash (lists in cells)
        return None
    return key


def by_content(build: F) -> F:
    """Remember `build`'s figure per content of its arguments (see the module's docstring)."""
    name = f"{build.__module__}.{build.__qualname__}"

    @functools.wraps(build)
    def remembered(*args, **kwargs):
        key = _key(name, args, kwargs)
        if key is None:
            return build(*args, **kwargs)
        with _LOCK:
            if key in _FIGURES:
                _FIGURES.move_to_end(key)
                return _FIGURES[key]
        fig = build(*args, **kwargs)
        with _LOCK:
            _FIGURES[key] = fig
            while len(_FIGURES) > KEEP:
                _FIGURES.popitem(last=False)
        return fig

    return remembered  # type: ignore[return-value]


def clear() -> None:
    with _LOCK:
        _FIGURES.clear()
