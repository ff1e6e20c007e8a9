"""JupyterHub configuration of the „Klassenraum“ service – one function for every recipe.

In a ``jupyterhub_config.py`` (TLJH: ``/opt/tljh/config/jupyterhub_config.d/klassenraum.py``;
Zero to JupyterHub: ``hub.extraConfig``)::

    from course_lib.workshop.klassenraum_hubconfig import configure
    configure(c, learner_url="https://hub.example.org/services/klassenraum/")

It registers the hub-managed service (started and stopped by the hub, OAuth client of the
hub), the custom scope :data:`~course_lib.workshop.klassenraum.INSTRUCTOR_SCOPE` with the role
``kursleitung`` for the hub group ``kursleitung``, gives every user access to the service
(the default ``user`` role plus ``access:services!service=klassenraum``), lets the learners'
server tokens carry that access, and tells the learners' servers the service URL
(``VERTRIEB30_KLASSENRAUM_URL``). Existing ``services``, ``load_roles``, ``load_groups`` and
``pre_spawn_hook`` settings are kept.
"""
from __future__ import annotations

import os
import sys

from .klassenraum import INSTRUCTOR_SCOPE, SERVICE_NAME
from .send import URL_ENV

ACCESS_SCOPE = f"access:services!service={SERVICE_NAME}"


def _list(value) -> list:
    return list(value) if isinstance(value, (list, tuple)) else []


def configure(c, *, learner_url: str, service_url: str = "http://127.0.0.1:10101", python: str = sys.executable,
              db: str = "/srv/klassenraum/klassenraum.sqlite", instructors=(), group: str = "kursleitung",
              bind: str | None = None) -> None:
    """Add the Klassenraum to the hub config ``c``. ``learner_url``: the service URL as the
    learners' servers reach it (through the proxy: ``<hub URL>/services/klassenraum/``); ``bind``:
    the address to listen on if it differs from ``service_url``'s host (Kubernetes: ``0.0.0.0``)."""
    os.makedirs(os.path.dirname(db) or ".", exist_ok=True)
    services = [s for s in _list(c.JupyterHub.services) if s.get("name") != SERVICE_NAME]
    services.append({
        "name": SERVICE_NAME,
        "display": True,                      # listed on the hub's home page under „Services“
        "url": service_url,                   # where the service listens (the proxy routes /services/klassenraum/ there)
        "command": [python, "-m", "course_lib.workshop.klassenraum"],
        "cwd": os.path.dirname(db) or ".",
        "environment": {"VERTRIEB30_KLASSENRAUM_DB": db, "VERTRIEB30_KLASSENRAUM_GROUP": group,
                        **({"VERTRIEB30_KLASSENRAUM_BIND": bind} if bind else {})},
        "oauth_no_confirm": True,             # the hub's own service: no extra „Authorize“ page
        "oauth_client_allowed_scopes": [INSTRUCTOR_SCOPE],
    })
    c.JupyterHub.services = services
    scopes = dict(c.JupyterHub.custom_scopes) if isinstance(c.JupyterHub.custom_scopes, dict) else {}
    scopes[INSTRUCTOR_SCOPE] = {"description": "Klassenraum: Ergebnisse der Gruppe sehen, herunterladen und zurücksetzen"}
    c.JupyterHub.custom_scopes = scopes
    roles = [r for r in _list(c.JupyterHub.load_roles) if r.get("name") not in ("user", group)]
    roles.append({"name": "user", "scopes": ["self", ACCESS_SCOPE]})
    roles.append({"name": group, "description": "Kursleitung im Klassenraum", "scopes": [INSTRUCTOR_SCOPE, ACCESS_SCOPE],
                  "groups": [group]})
    c.JupyterHub.load_roles = roles
    groups = dict(c.JupyterHub.load_groups) if isinstance(c.JupyterHub.load_groups, dict) else {}
    entry = groups.get(group) or {}
    users = sorted(set(_list(entry.get("users") if isinstance(entry, dict) else entry)) | set(instructors))
    groups[group] = {"users": users}
    c.JupyterHub.load_groups = groups
    c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", ACCESS_SCOPE]
    previous = c.Spawner.pre_spawn_hook if callable(c.Spawner.pre_spawn_hook) else None

    def pre_spawn(spawner):
        result = previous(spawner) if previous else None
        spawner.environment = {**dict(spawner.environment or {}), URL_ENV: learner_url}
        return result

    c.Spawner.pre_spawn_hook = pre_spawn
