"""An operator-PIN hasher for tests: the real Argon2id, with tiny costs."""

from __future__ import annotations

from argon2 import PasswordHasher


def fast_hasher() -> PasswordHasher:
    """Argon2id with tiny costs, so PIN tests stay quick."""
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
