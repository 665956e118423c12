"""Schemathesis hooks for CauNoi (loaded through `hooks` in schemathesis.toml).

The run authenticates with one API token of a central admin. Two operations could end that token for the
rest of the run, silently turning every later request into a 403 (which is documented, so nothing would
fail, and nothing would be tested either):
  - POST /api/v1/tokens/{id}/revoke with the run's own token id (listed by GET /api/v1/tokens),
  - POST /api/v1/users/{id}/disable with the admin's own user id (shown by GET /api/v1/auth/me).
Schemathesis reuses ids it saw in responses, so it can find both. This hook points those two calls at a
spare token and a spare user that seed.py created instead; every other id is left as generated.
run.sh also checks after the run that the token still works.
"""
import os

import schemathesis

_SWAPS = {
    ("POST", "/api/v1/tokens/{id}/revoke"): (os.environ["CAUNOI_OWN_TOKEN_ID"], os.environ["CAUNOI_SPARE_TOKEN_ID"]),
    ("POST", "/api/v1/users/{id}/disable"): (os.environ["CAUNOI_OWN_USER_ID"], os.environ["CAUNOI_SPARE_USER_ID"]),
}


@schemathesis.hook
def before_call(context, case, kwargs):
    swap = _SWAPS.get((case.operation.method.upper(), case.operation.path))
    if swap is None or not case.path_parameters:
        return
    own, spare = swap
    if str(case.path_parameters.get("id", "")).strip().lower() == own:
        case.path_parameters["id"] = spare
