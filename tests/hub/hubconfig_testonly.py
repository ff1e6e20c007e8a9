# =============================================================================================
#  TEST-ONLY JupyterHub configuration (tests/hub/loadtest.py) – NEVER use it for a workshop.
#
#  It logs learners in with DummyAuthenticator (a random password known only to the test, only
#  the test's own learner names allowed) so that no PAM set-up is needed. Everything else is
#  what an isolating deployment does: JupyterHub's default LocalProcessSpawner runs every
#  learner's server as that learner's own Unix user (the users are created by the test as
#  root with private 0700 homes and removed afterwards). Production recipes: deploy/z2jh/,
#  deploy/tljh/ and docs/JUPYTERHUB.md (a real authenticator, HTTPS, an admin).
# =============================================================================================
import json
import os
import pwd
from pathlib import Path

load_subconfig(str(Path(__file__).with_name("hubconfig_base_testonly.py")))  # noqa: F821 - loopback, ports, database, API token
c = get_config()  # noqa: F821 - provided by JupyterHub

learner_bin = Path(os.environ["VT_HUB_LEARNER_BIN"])  # bin/ of a Python environment learners can execute
learner_pythonpath = os.environ["VT_HUB_LEARNER_PYTHONPATH"]  # the course, installed non-editable
learners = set(json.loads(os.environ["VT_HUB_LEARNERS"]))

# Test-only login: no PAM, a random password, only the test's learners.
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ["VT_HUB_PASSWORD"]
c.Authenticator.allowed_users = learners

# JupyterHub's default spawner: one Unix user per learner.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(learner_bin / "jupyterhub-singleuser")]
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.Spawner.env_keep = ["LANG", "LC_ALL"]  # not the test process's PYTHONPATH/VIRTUAL_ENV


def _runtime_dir(name: str) -> Path:
    # A short per-user runtime dir (ipc kernel sockets must stay under ~107 characters),
    # owned by the learner, mode 0700 (kernel connection files hold the kernels' HMAC keys).
    pw = pwd.getpwnam(name)
    rt = Path("/tmp") / f"vtrt-{name}"
    rt.mkdir(mode=0o700, exist_ok=True)
    os.chown(rt, pw.pw_uid, pw.pw_gid)
    os.chmod(rt, 0o700)
    return rt


def _pre_spawn(spawner):
    name = spawner.user.name
    spawner.environment = {
        "JUPYTER_RUNTIME_DIR": str(_runtime_dir(name)),
        "PATH": f"{learner_bin}:/usr/local/bin:/usr/bin:/bin",
        "PYTHONPATH": learner_pythonpath,
        # the single-user server settings of the workshop recipes (deploy/singleuser/vertrieb30.json:
        # idle-kernel culling, no language server, no Voilà extension)
        "JUPYTER_CONFIG_PATH": os.environ["VT_HUB_SERVER_CONFIG_DIR"],
        "MALLOC_ARENA_MAX": "2",
        "MPLCONFIGDIR": f"/tmp/vtrt-{name}/mpl",
        # the test's bare course repository belongs to root: a (test-only) system git config with
        # safe.directory lets the learner's git read it (git's local transport ignores -c/GIT_CONFIG_COUNT)
        "GIT_CONFIG_SYSTEM": os.environ["VT_HUB_GITCONFIG"],
    }
    spawner.environment.update(json.loads(os.environ.get("VT_HUB_EXTRA_ENV", "{}")))
    # TCP kernel ports race with many servers on one host; ipc sockets do not.
    spawner.args = ["--KernelManager.transport=ipc", *json.loads(os.environ.get("VT_HUB_EXTRA_ARGS", "[]"))]


c.Spawner.pre_spawn_hook = _pre_spawn
