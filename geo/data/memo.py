"""Functions of frames remembered by what they were given: a chart or a list of options is built once per content
of its input frames and arguments, and the same object is handed to every later caller in this process.

Building a chart (Plotly's layout updates and the label fitting of geo.charts.fit) was a quarter of a replica's
time under load (bench.load --profile), and pages rebuilt every chart on every rerun; the sidebar worked out its
place options on every rerun. Keyed on the frames' content, not their identity, so a new frame with the same rows
(a view computed again, public_only's copy) hits; a Dataset by its fingerprint (its files' content). Callers never
modify what they got (for_projector, fit and press_figure work on copies); results are kept in a bounded LRU.
"""
from __future__ import annotations

import functools
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

import pandas as pd

KEEP = 256  # results remembered per process (a chart is tens of kB of Python objects)
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


def _part(value):
    """One argument as a hashable key of its content."""
    if isinstance(value, pd.DataFrame):
        return frame_key(value)
    if isinstance(value, list):
        return ("list", tuple(_part(v) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((repr(k), _part(v)) for k, v in value.items())))
    fingerprint = getattr(value, "fingerprint", None)
    if fingerprint and isinstance(fingerprint, str) and hasattr(value, "tables"):  # a Dataset of known content
        return ("dataset", fingerprint)
    return value


def _key(name: str, args: tuple, kwargs: dict) -> tuple | None:
    """The call's key, or None when an argument has no stable content key (then the result is built afresh)."""
    try:
        parts = tuple(_part(a) for a in args)
        named = tuple(sorted((k, _part(v)) for k, v in kwargs.items()))
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


_DERIVED: dict[int, tuple[weakref.ref, dict]] = {}  # id(figure) -> (the figure, {call key: derived figure})


def by_figure(derive: F) -> F:
    """Remember `derive(fig, *args)` per figure object, while it lives, and arguments: a remembered chart laid out
    again for a slide (for_projector) is then laid out once, not on every slide change."""
    name = f"{derive.__module__}.{derive.__qualname__}"

    @functools.wraps(derive)
    def remembered(fig, *args, **kwargs):
        key = _key(name, args, kwargs)
        if key is None:
            return derive(fig, *args, **kwargs)
        with _LOCK:
            known = _DERIVED.get(id(fig))
            if known is not None and known[0]() is fig and key in known[1]:
                return known[1][key]
        out = derive(fig, *args, **kwargs)
        with _LOCK:
            known = _DERIVED.get(id(fig))
            if known is None or known[0]() is not fig:
                ident = id(fig)
                known = _DERIVED[ident] = (weakref.ref(fig, lambda _: _DERIVED.pop(ident, None)), {})
            known[1][key] = out
        return out

    return remembered  # type: ignore[return-value]
