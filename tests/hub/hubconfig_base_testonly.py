# =============================================================================================
#  TEST-ONLY JupyterHub settings shared by tests/hub/hubconfig_testonly.py (load test, isolated
#  Unix users) and tests/hub/hubconfig_shared_testonly.py (Klassenraum test, one Unix user) –
#  NEVER use it for a workshop. Loopback only: ports, proxy token, database and secrets come
#  from the test (environment variables VT_*); the hub's files live in VT_HUB_BASE.
#  Loaded with load_subconfig() by both; production recipes: deploy/ and docs/JUPYTERHUB.md.
# =============================================================================================
import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub

base = Path(os.environ["VT_HUB_BASE"])  # root-only (0700): database, cookie secret, logs

c.JupyterHub.bind_url = f"http://127.0.0.1:{os.environ['VT_HUB_PORT']}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{os.environ['VT_HUB_API_PORT']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ['VT_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.command = [os.environ["VT_CHP"]]
c.ConfigurableHTTPProxy.auth_token = os.environ["VT_PROXY_TOKEN"]
c.JupyterHub.db_url = f"sqlite:///{base / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(base / "cookie_secret")
c.JupyterHub.pid_file = str(base / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.log_level = "WARN"

c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab/tree/vertrieb30/notebooks/00_Start.ipynb"

# the test drives the hub through its REST API with this service token
c.JupyterHub.services = [{"name": "loadtest", "api_token": os.environ["VT_HUB_ADMIN_TOKEN"]}]
c.JupyterHub.load_roles = [{
    "name": "loadtest",
    "scopes": ["admin:users", "admin:servers", "access:servers", "read:users", "list:users"],
    "services": ["loadtest"],
}]
