"""Foghill's web server: the lesson page, its static files and a JSON API over the engine.

- :mod:`.application`: the Starlette app, its routes and how each refusal is answered;
- :mod:`.middleware`: security headers and the body limit (plain ASGI);
- :mod:`.assets`: the page and the bundles, served from memory;
- :mod:`.openapi`: the schema at ``/openapi.json``, from the pydantic models.
"""

from typing import TYPE_CHECKING

from foghill.server.application import CONTENT_SECURITY_POLICY, MAX_BODY_BYTES, create_app

if TYPE_CHECKING:
    from foghill.server.application import app

__all__ = ["CONTENT_SECURITY_POLICY", "MAX_BODY_BYTES", "app", "create_app"]


def __getattr__(name: str) -> object:
    """``app`` (``uvicorn foghill.server:app``): made on first use, see application.app."""
    if name == "app":
        from foghill.server import application

        return application.app
    raise AttributeError(f"module 'foghill.server' has no attribute {name!r}")
