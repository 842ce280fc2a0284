"""Payload-check tests: pytester drives the pytest plugin (payload_samples.py holds SDK-made payloads)."""

from __future__ import annotations

