"""Foghill's web server: the lesson page, its static files and a JSON API over the engine.

- :mod:`.application`: the Starlette app, its routes and how each refusal is answered;
- :mod:`.middleware`: security headers and the body limit (plain ASGI);
- :mod:`.assets`: the page and the bundles, served from memory;
- :mod:`.openapi`: the schema at ``/openapi.json``, from the pydantic models.
"""

from foghill.server.application import CONTENT_SECURITY_POLICY, MAX_BODY_BYTES, app, create_app

__all__ = ["CONTENT_SECURITY_POLICY", "MAX_BODY_BYTES", "app", "create_app"]
