"""Requests: the messages a widget's key posts to its screen, and knowing when the screen has handled them.

A widget asks the meeting screen for something (a new bullet, the line saved,
a count edited) by posting one of its own ``Message`` classes with
:func:`post_request`. The message goes to the screen's queue itself, not
bubbled through the containers between (each would add a turn: eight for a
side pane's table). :class:`Requests` keeps the ones the screen has not
handled yet, per App, from the screen's ``message_signal`` (published by
Textual after each message the screen has dispatched), so that the key
router (:mod:`osgtui.screens.key_router`) can wait for them before it takes
the next key: a posted message is handled in a later turn, and the App takes
the keys already queued without yielding in between.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message
    from textual.screen import Screen
    from textual.widget import Widget

REQUEST_WAIT_SECONDS = 2.0
"""How long :meth:`Requests.wait` waits at most; only a handler that itself waits on the App takes that long
(the key router then goes on holding the keys until the request is handled)."""

_BY_APP: weakref.WeakKeyDictionary[App, Requests] = weakref.WeakKeyDictionary()


def post_request(sender: Widget, message: Message) -> None:
    """Post ``message`` from ``sender`` to its screen, as a request the keys behind it wait for."""
    Requests.of(sender.app).post(sender, message)


class Requests:
    """The requests of one App that their screen has not handled yet."""

    def __init__(self) -> None:
        self._pending: list[tuple[Widget, Message]] = []
        self._after: list[Callable[[], object]] = []
        self._watched: weakref.WeakSet[Screen] = weakref.WeakSet()
        self._handled: asyncio.Event | None = None
        self.on_done: Callable[[], object] | None = None
        """Called each time the last pending request has been handled (the key router lets its keys go)."""

    @classmethod
    def of(cls, app: App) -> Requests:
        """``app``'s requests (made on first use)."""
        requests = _BY_APP.get(app)
        if requests is None:
            requests = _BY_APP[app] = cls()
        return requests

    def post(self, sender: Widget, message: Message) -> None:
        """Post ``message`` to ``sender``'s screen and keep it until the screen has dispatched it."""
        screen = sender.screen
        if screen not in self._watched:
            self._watched.add(screen)
            screen.message_signal.subscribe(screen, self._dispatched, immediate=True)
        if screen.post_message(message):
            self._pending.append((sender, message))

    def _dispatched(self, message: Message) -> None:
        for index, (_, request) in enumerate(self._pending):
            if request is message:
                del self._pending[index]
                break
        else:
            return
        if self._handled is not None:
            self._handled.set()
        if not self._pending:
            self._done()

    def _done(self) -> None:
        after, self._after = self._after, []
        for callback in after:
            callback()
        if self.on_done is not None:
            self.on_done()

    def pending(self) -> bool:
        """Whether a request is still on its way; one whose sender was removed meanwhile is given up."""
        if self._pending:
            self._pending = [(sender, message) for sender, message in self._pending if sender.is_attached]
            if not self._pending:
                self._done()
        return bool(self._pending)

    def after(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once the requests posted so far are handled (now when there are none)."""
        if self._pending:
            self._after.append(callback)
        else:
            callback()

    async def wait(self) -> None:
        """Wait until the requests posted so far are handled (at most REQUEST_WAIT_SECONDS at a time)."""
        while self.pending():
            if self._handled is None:
                self._handled = asyncio.Event()
            self._handled.clear()
            try:
                await asyncio.wait_for(self._handled.wait(), REQUEST_WAIT_SECONDS)
            except TimeoutError:
                return
