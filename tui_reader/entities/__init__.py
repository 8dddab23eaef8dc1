"""Countries and organizations: the registry, the matcher and the rules (no UI imports)."""

from tui_reader.entities.mention import Mention
from tui_reader.entities.registry import Alias, EntityInfo, EntityRegistry, default_registry
from tui_reader.entities.tagger import Tagger, default_tagger, default_version

__all__ = [
    "Alias",
    "EntityInfo",
    "EntityRegistry",
    "Mention",
    "Tagger",
    "default_registry",
    "default_tagger",
    "default_version",
]
