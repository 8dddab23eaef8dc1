"""`OrderedInput`: a one-line input whose editing keys act in the order they were typed."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class OrderedInput(Input):
    """An `Input` whose own bindings (backspace, ctrl+u, ctrl+a, the arrows...) act here, in the
    order the keys were typed: left to bubble up to the app, as Textual does, they would act
    after the characters typed behind them in the same burst ("Marox⌫c" gave "Maroxc", ctrl+u
    then a path gave an empty line)."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)
