"""Key routing: every key reaches what the note-taker aimed it at, in order, however busy the machine.

This module is where the console's input guarantee lives.

Textual, left to itself, handles a key in several hops: the App forwards it to
the focused widget's message queue, the widget handles it in its own task, the
key bubbles up widget by widget back to the App, and only then are the key
bindings looked up, against whatever has the focus *at that moment*. Focus
changes are deferred too (``Widget.focus`` schedules them with ``call_later``).
When keys arrive faster than those hops (a fast typist on a loaded laptop),
the keys behind a command are handled before the command's effect: the
letters typed after ``o`` run as document commands, text typed after Enter
lands in the line just saved.

:class:`KeyRouter` removes the hops. The App hands it every key and paste as
they arrive, in arrival order, and the router handles each one completely, in
the App's task, before it looks at the next:

1. Keys are held, in order, while the screen on top is not ready: a screen
   just pushed (a dialog, the search screen) until it has been composed,
   mounted and focused, and the meeting screen until the meeting is shown.
   :meth:`KeyRouter.release` (or the screen's first queued callback) lets them
   go, still in order, into that screen.
2. A printable key (or a paste) with a text field taking the keys is typed
   into that field at once; it never runs a command. The widget that takes the
   keys is the focused one, or the screen's ``key_target`` when it has one (the
   meeting screen's line editor while it edits: the focus stays on the
   document, see :mod:`osgtui.widgets.edit_bar`).
3. Any other key runs its binding at once, found from that widget as it is now.
   The console's commands change the focus synchronously
   (:func:`focus_now`, never ``Widget.focus``). A widget's binding that asks
   the screen for something posts a message to it
   (:func:`osgtui.widgets.requests.post_request`: the widget's own ``Message``
   class, handled by the screen with ``@on``), and the router waits, in the
   App's task, until the screen has handled it (``Requests.wait``; should that
   take long, the keys behind it stay held until it has). So a
   key's whole effect, the editor or dialog it opened included, is in place
   before the next key is looked at.
4. A key bound to nothing is passed to the focused widget the usual way
   (its own handlers); it does not come back to the bindings later.

So a key typed after one that opens an editor goes into that editor, and a
key typed after Enter goes into the next bullet: by construction, not by
timing.

Why the hold: a posted message is handled in a later turn, in the screen's
task (after bubbling, one more turn per widget it passes), while the App
takes the keys already queued in one go
(its message loop does not yield between queued messages: Textual's
``MessagePump._process_messages_loop``). Without the hold, the letters typed
after ``o`` would run as commands before the bullet's editor was open.
Characters typed into a field never post one: the line editor shows them in
its document row by a direct call (:mod:`osgtui.widgets.edit_bar`).
"""

from __future__ import annotations

import weakref
from collections import deque
from typing import TYPE_CHECKING, TypeGuard

from textual import events
from textual.keys import key_to_character
from textual.widgets import Input, TextArea

from osgtui.widgets.requests import Requests

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import BindingsMap
    from textual.dom import DOMNode
    from textual.screen import Screen
    from textual.widget import Widget

ROUTED = "_osgtui_routed"
"""Attribute set on a key the router passed on: its bindings were already looked up."""

def focus_now(widget: Widget) -> None:
    """Give ``widget`` the focus now (``Widget.focus`` only schedules it: keys already queued would miss it)."""
    screen = widget.screen
    if screen.focused is not widget:
        screen.set_focus(widget)


def key_target(screen: Screen) -> Widget | None:
    """The widget that takes ``screen``'s keys: its ``key_target`` when it has one, else the focused widget."""
    target: Widget | None = getattr(screen, "key_target", None)
    return target if target is not None else screen.focused


def binding_chain(widget: Widget) -> list[tuple[DOMNode, BindingsMap]]:
    """The bindings of ``widget`` and its ancestors, as Textual's ``Screen._binding_chain`` builds them for the
    focused widget (Textual 8.2.8): an ancestor's binding of a key that a widget below consumes (a character
    typed into a text field) is left out; the App's keymap applies."""
    chain = [(node, node._bindings.copy()) for node in widget.ancestors_with_self]
    below: list[DOMNode] = []
    for node, bindings in chain:
        for consumer in below:
            for key in list(bindings.key_to_bindings):
                if consumer.check_consume_key(key, key_to_character(key)):
                    del bindings.key_to_bindings[key]
        below.append(node)
    keymap = widget.app._keymap
    if keymap:
        for node, bindings in chain:
            result = bindings.apply_keymap(keymap)
            if result.clashed_bindings:
                widget.app.handle_bindings_clash(result.clashed_bindings, node)
    return chain


def takes_text(widget: Widget | None) -> TypeGuard[Input | TextArea]:
    """Whether a printable key typed with ``widget`` focused is text for it (an Input, an editable TextArea).

    A read-only TextArea (the preview) takes no text: keys there run the console's commands.
    """
    return isinstance(widget, Input) or (isinstance(widget, TextArea) and not widget.read_only)


def type_into(field: Input | TextArea, text: str) -> None:
    """Type ``text`` into ``field`` at its cursor (replacing the selection), as the field does for a key."""
    if isinstance(field, TextArea):
        if not field.read_only:
            result = field.replace(text, *field.selection, maintain_selection_offset=False)
            field.move_cursor(result.end_location)
        return
    selection = field.selection
    if selection.is_empty:
        field.insert_text_at_cursor(text)
    else:
        field.replace(text, *selection)


class KeyRouter:
    """Handles the App's keys and pastes one at a time, in order (see the module docstring)."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.held: deque[events.Key | events.Paste] = deque()
        self._ready: weakref.WeakSet[Screen] = weakref.WeakSet()
        self._waiting: weakref.WeakSet[Screen] = weakref.WeakSet()
        self._draining = False
        self.requests = Requests.of(app)
        """The widgets' requests to their screen (osgtui.widgets.requests) the next key waits for."""
        self.requests.on_done = self.release

    # -- readiness ---------------------------------------------------------------------------

    def is_ready(self, screen: Screen) -> bool:
        """Whether ``screen`` takes keys now: mounted, focused, its own ``keys_ready`` if it has one, and no
        request of the last key still to be handled."""
        if self.requests.pending():
            return False
        if screen not in self._ready:
            if screen not in self._waiting:
                self._waiting.add(screen)
                # Runs after the screen's compose, mount and resume (its queue is processed in order).
                screen.call_later(self._mounted, screen)
            return False
        return bool(getattr(screen, "keys_ready", True))

    def _mounted(self, screen: Screen) -> None:
        self._waiting.discard(screen)
        self._ready.add(screen)
        self.release()

    def release(self) -> None:
        """A screen became ready: deliver the held keys (in the App's task, in order)."""
        if self.held:
            self.app.call_later(self.drain)

    # -- routing ---------------------------------------------------------------------------

    async def take(self, event: events.Key | events.Paste) -> None:
        """A key or paste arrived: hold it behind the others, then deliver what can be delivered."""
        self.held.append(event)
        await self.drain()

    async def drain(self) -> None:
        """Deliver held events in order while the screen on top is ready for them."""
        if self._draining:
            return
        self._draining = True
        try:
            while self.held and self.app.is_running:
                screen = self.app.screen
                if not self.is_ready(screen):
                    return
                await self._deliver(screen, self.held.popleft())
                await self.requests.wait()
        finally:
            self._draining = False

    async def _deliver(self, screen: Screen, event: events.Key | events.Paste) -> None:
        app = self.app
        app.app_focus = True
        focused = key_target(screen)
        if isinstance(event, events.Paste):
            if takes_text(focused) and event.text:
                type_into(focused, event.text.splitlines()[0])
            else:
                self._pass_on(focused or screen, event)
            return
        key = event.key
        if focused is not None:
            try:
                screen._clear_tooltip()
            except Exception:  # noqa: BLE001 - cosmetic: a tooltip that cannot be cleared
                pass
        if key == "escape" and screen.maximized is not None and app.escape_to_minimize:
            # Esc in a zoomed pane restores the layout and still does what Esc does there
            # (the line editor saves and closes).
            await app._check_bindings(key)
            self.requests.after(screen.minimize)
            return
        if await app._check_bindings(key, priority=True):
            return
        if takes_text(focused) and event.is_printable and event.character is not None:
            type_into(focused, event.character)
            return
        if await app._check_bindings(key):
            return
        self._pass_on(focused or screen, event)

    @staticmethod
    def _pass_on(target: Widget, event: events.Key | events.Paste) -> None:
        setattr(event, ROUTED, True)
        target._forward_event(event)


def was_routed(event: events.Event) -> bool:
    """Whether the router already looked up this key's bindings (it is bubbling back to the App)."""
    return bool(getattr(event, ROUTED, False))
