# =============================================================================================
#  TEST-ONLY JupyterHub configuration – NEVER use it for a real workshop.
#
#  It runs every learner as the same Unix user (SimpleLocalProcessSpawner as root), with a
#  shared password and no resource limits: learners could read each other's files and the
#  hub's secrets. It exists so that tests/hub/test_klassenraum.py can start a real JupyterHub with
#  configurable-http-proxy on 127.0.0.1 and test the Klassenraum service (no Unix users needed).
#  The workshop configuration (isolated learners) is in deploy/z2jh/ and docs/JUPYTERHUB.md.
# =============================================================================================
import os
from pathlib import Path

load_subconfig(str(Path(__file__).with_name("hubconfig_base_testonly.py")))  # noqa: F821 - loopback, ports, database, API token
c = get_config()  # noqa: F821 - provided by JupyterHub

base = Path(os.environ["VT_HUB_BASE"])
venv_bin = Path(os.environ["VT_HUB_VENV_BIN"])

c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["VT_HUB_PASSWORD"]
c.Authenticator.allow_all = True

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(base / "home" / "{username}")
c.Spawner.cmd = [str(venv_bin / "jupyterhub-singleuser")]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120


def _env(spawner):
    # A short per-user runtime dir: ipc kernel sockets must stay under ~107 characters.
    rt = Path("/tmp") / f"vtrt-{spawner.user.name}"
    rt.mkdir(parents=True, exist_ok=True)
    return {"JUPYTER_RUNTIME_DIR": str(rt), "PATH": f"{venv_bin}:/usr/local/bin:/usr/bin:/bin",
            "VERTRIEB30_DATA_DIR": str(base / "home" / spawner.user.name / ".vertrieb30")}



def _pre_spawn(spawner):
    home = base / "home" / spawner.user.name
    home.mkdir(parents=True, exist_ok=True)
    spawner.environment = _env(spawner)
    # TCP kernel ports race with many servers on one host; ipc sockets do not.
    spawner.args = ["--allow-root", "--KernelManager.transport=ipc", f"--ServerApp.root_dir={home}"]


c.Spawner.pre_spawn_hook = _pre_spawn
