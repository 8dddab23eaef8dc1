"""Keys and pastes that are not valid UTF-8 reach the app as U+FFFD instead of stopping it.

Textual's Linux driver decodes what the terminal sends with a strict UTF-8 decoder, so one
invalid byte (a paste from a terminal in another encoding, a stray 0xFF) raises in its input
thread and ends the app (Textualize/textual#6456, open). `use_lenient_decoder` gives that driver
decoders that replace invalid bytes, the fix proposed upstream; it changes nothing for valid
input.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable
from typing import Any


def lenient_incremental_decoder(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    """`codecs.getincrementaldecoder(encoding)`, whose decoders replace invalid bytes."""
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def use_lenient_decoder() -> None:
    """Make Textual's Linux driver decode terminal input with `errors="replace"`."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # another platform: its driver reads keys as events, not bytes
        return
    module: Any = linux_driver
    if hasattr(module, "getincrementaldecoder"):
        module.getincrementaldecoder = lenient_incremental_decoder
