"""What the terminal sends reaches the app as the user meant it, however odd the bytes.

Keys and pastes that are not valid UTF-8 reach the app as U+FFFD instead of stopping it.
Textual's Linux driver decodes what the terminal sends with a strict UTF-8 decoder, so one
invalid byte (a paste from a terminal in another encoding, a stray 0xFF) raises in its input
thread and ends the app (Textualize/textual#6456, open). `use_lenient_decoder` gives that driver
decoders that replace invalid bytes, the fix proposed upstream; it changes nothing for valid
input.

A bracketed paste is one paste of text, whatever it holds. Textual's parser reads an ESC inside
a paste as the start of a key: the paste ends there and the rest is typed as keys (a pasted
"\\e[31mq" quits the app). `WholePasteParser` reads everything up to the paste's end marker
as the paste, escape sequences and controls removed; `use_whole_pastes` has the driver use it.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable, Generator
from typing import Any

from textual import events
from textual._parser import ParseEOF, ParseTimeout, Peek1, Read1, TokenCallback
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.message import Message

from tui_reader.corpus.normalize import without_controls


def lenient_incremental_decoder(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    """`codecs.getincrementaldecoder(encoding)`, whose decoders replace invalid bytes."""
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def _linux_driver() -> Any:
    """Textual's Linux driver module, or None on another platform (whose driver reads keys as
    events, not bytes)."""
    try:
        from textual.drivers import linux_driver
    except ImportError:
        return None
    return linux_driver


def use_lenient_decoder() -> None:
    """Make Textual's Linux driver decode terminal input with `errors="replace"`."""
    module = _linux_driver()
    if hasattr(module, "getincrementaldecoder"):
        module.getincrementaldecoder = lenient_incremental_decoder


class WholePasteParser(XTermParser):
    """Textual's terminal input parser, except that a bracketed paste is read whole.

    Outside a paste every character goes to Textual's parser. Once that parser has read the
    paste's start marker, this one reads the paste itself, looking for nothing but the end
    marker, and sends one `Paste` of the text without its controls. Textual's parser then reads
    the end marker, which takes it out of its paste mode; its own (empty) paste is dropped.
    """

    def parse(self, token_callback: TokenCallback[Message]) -> Generator[Read1 | Peek1, str, None]:
        def not_a_paste(token: Message) -> None:
            if not isinstance(token, events.Paste):
                token_callback(token)

        keys = super().parse(not_a_paste)
        request = next(keys)
        recent = ""  # the last characters given to Textual's parser, as many as a paste marker
        while True:
            try:
                character = yield request
                request = keys.send(character)
            except ParseTimeout:  # the characters before the pause cannot start a paste
                recent = ""
                try:
                    request = keys.throw(ParseTimeout())
                except StopIteration:
                    return
                continue
            except ParseEOF:
                try:
                    keys.throw(ParseEOF())
                except StopIteration:
                    pass
                return
            except StopIteration:
                return
            recent = (recent + character)[-len(BRACKETED_PASTE_START) :]
            if recent != BRACKETED_PASTE_START:
                continue
            recent = ""
            pasted = ""
            while not pasted.endswith(BRACKETED_PASTE_END):
                try:
                    pasted += yield self.read1()
                except ParseTimeout:
                    continue
                except ParseEOF:
                    return
            try:
                for character in BRACKETED_PASTE_END:
                    request = keys.send(character)
            except StopIteration:
                return
            text = without_controls(pasted.removesuffix(BRACKETED_PASTE_END))
            token_callback(events.Paste(text))


def use_whole_pastes() -> None:
    """Make Textual's Linux driver read a bracketed paste as one paste of text (`WholePasteParser`)."""
    module = _linux_driver()
    if hasattr(module, "XTermParser"):
        module.XTermParser = WholePasteParser
