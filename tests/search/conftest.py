from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import SEED, need

BRIEFS = {
    "fr/election.txt": "date 2024-03-02\n\nLes élections municipales ont eu lieu dimanche à Rabat.\n\n"
    "Le gouvernement a salué une participation record.",
    "en/election.txt": "date 2024-03-05\n\nThe election in Senegal was calm, observers said.\n\n"
    "The African Union sent a mission to Dakar.",
    "en/markets.txt": "date 2023-11\n\nOil prices rose on Monday as traders weighed OPEC supply cuts.",
    "fr/qatar.txt": " date 2025-01-20 Le Qatar a accueilli une réunion sur la sécurité régionale.\n\n"
    "Les délégations ont évoqué la configuration du dispositif.",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for rel, text in BRIEFS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def seeded_corpus(corpus: Path) -> Path:
    shutil.copy(need(SEED), corpus / SEED.name)
    return corpus


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"
