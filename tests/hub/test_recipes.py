"""The hub recipes (deploy/) as an IT department would read them: no shared password, a real
authenticator, HTTPS and an admin role, course_lib installed non-editable outside $HOME, a
postStart pull that cannot block a spawn, idle-kernel culling; and the course version check
(notebooks/.course_version against course_lib.__version__)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
import urllib.error
from pathlib import Path

import pytest
import yaml

import course_lib

ROOT = Path(__file__).resolve().parents[2]
Z2JH = ROOT / "deploy" / "z2jh" / "config.yaml"
TLJH = ROOT / "deploy" / "tljh" / "install.sh"
SERVER_CONFIG = ROOT / "deploy" / "singleuser" / "vertrieb30.json"
INSTALLED_NAME = "zz-vertrieb30.json"  # sorts after jupyter_lsp.json/voila.json in the same folder


def _z2jh() -> dict:
    return yaml.safe_load(Z2JH.read_text(encoding="utf-8"))


def test_no_shared_password_in_any_production_recipe():
    for path in ROOT.joinpath("deploy").rglob("*"):
        if path.is_file() and path.suffix in (".yaml", ".yml", ".sh", ".py", ".json"):
            text = path.read_text(encoding="utf-8").lower()
            for bad in ("shared-password", "sharedpasswordauthenticator", "dummyauthenticator", "allow_all: true",
                        "allow_all = true", '"dummy"'):
                assert bad not in text, f"{path.relative_to(ROOT)} contains {bad!r}"
    assert not (ROOT / "deploy" / "test").exists(), "the test-only hub config lives in tests/hub/"
    assert "DummyAuthenticator" in (ROOT / "tests" / "hub" / "hubconfig_testonly.py").read_text(encoding="utf-8")


def test_z2jh_real_authenticator_https_admin():
    cfg = _z2jh()
    hub = cfg["hub"]["config"]
    assert hub["JupyterHub"]["authenticator_class"] in ("generic-oauth", "ldapauthenticator.LDAPAuthenticator")
    assert hub["Authenticator"]["allow_all"] is False
    assert hub["Authenticator"]["admin_users"] and hub["GenericOAuthenticator"]["admin_groups"]
    assert hub["GenericOAuthenticator"]["allowed_groups"]
    assert hub["GenericOAuthenticator"]["oauth_callback_url"].startswith("https://")
    assert "client_secret" not in hub["GenericOAuthenticator"], "secrets are set at deploy time, not committed"
    assert cfg["proxy"]["https"]["enabled"] is True and cfg["proxy"]["https"]["hosts"]


def test_z2jh_poststart_pull_cannot_block_a_spawn():
    cmd = _z2jh()["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert cmd[:2] == ["sh", "-c"]
    script = cmd[2]
    assert re.search(r"\btimeout \d+ gitpuller\b", script) and script.rstrip().endswith("|| true")
    # and the shell really ignores a failing/hanging pull: run the script with a fake gitpuller
    r = subprocess.run(["sh", "-c", script.replace("timeout 60", "timeout 1").replace("/home/jovyan/", "/tmp/vt-")],
                       env={**os.environ, "PATH": f"{_fake_gitpuller()}:{os.environ['PATH']}"}, timeout=30)
    assert r.returncode == 0


def _fake_gitpuller() -> str:
    import tempfile

    d = tempfile.mkdtemp(prefix="vt-fake-")
    p = Path(d) / "gitpuller"
    p.write_text("#!/bin/sh\nsleep 5\nexit 1\n")
    p.chmod(0o755)
    return d


def test_server_config_is_the_same_everywhere_and_culls_idle_kernels():
    shipped = json.loads(SERVER_CONFIG.read_text(encoding="utf-8"))
    mkm = shipped["MappingKernelManager"]
    assert 600 <= mkm["cull_idle_timeout"] <= 3600 and mkm["cull_interval"] > 0 and mkm["cull_busy"] is False
    z2jh = _z2jh()["singleuser"]["extraFiles"]["vertrieb30-server-config"]
    assert z2jh["mountPath"] == f"/srv/conda/envs/notebook/etc/jupyter/jupyter_server_config.d/{INSTALLED_NAME}"
    assert z2jh["data"] == shipped
    for recipe in (TLJH, ROOT / "postBuild"):
        text = recipe.read_text(encoding="utf-8")
        assert re.search(rf"deploy/singleuser/vertrieb30.json .*jupyter_server_config.d/{INSTALLED_NAME}", text), recipe
    from traitlets.config import Config

    Config(shipped)  # a valid traitlets config


def test_tljh_recipe_auth_https_admin_noneditable():
    text = TLJH.read_text(encoding="utf-8")
    assert "pip install --upgrade -c requirements/constraints.txt ." in text and " -e " not in text
    assert "users.admin" in text and "https.enabled true" in text
    assert "NativeAuthenticator.open_signup false" in text
    r = subprocess.run(["bash", "-n", str(TLJH)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_image_build_installs_course_lib_non_editable_outside_home():
    text = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert "pip install --no-deps --no-cache-dir --force-reinstall ." in text
    assert "must not live under $HOME" in text
    assert subprocess.run(["bash", "-n", str(ROOT / "postBuild")]).returncode == 0


# -- course version check --------------------------------------------------------------------------

def test_shipped_course_version_matches_package():
    recorded = (ROOT / "notebooks" / ".course_version").read_text(encoding="utf-8").strip()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert recorded == course_lib.__version__ == pyproject
    assert course_lib.required_version(str(ROOT / "notebooks")) == recorded
    assert course_lib.required_version(str(ROOT / "exercises")) == recorded  # exercises/ find ../notebooks
    assert course_lib.version_notice(recorded) is None


@pytest.mark.parametrize("required,installed,notice", [
    ("0.3.0", "0.2.0", True), ("0.2.1", "0.2.0", True), ("1.0", "0.9.9", True),
    ("0.2.0", "0.2.0", False), ("0.1.9", "0.2.0", False), ("", "0.2.0", False), (None, "0.2.0", False),
])
def test_version_notice(required, installed, notice):
    msg = course_lib.version_notice(required, installed)
    assert (msg is not None) == notice
    if notice:
        assert f"course_lib {required} oder neuer" in msg and f"installiert ist course_lib {installed}" in msg
        assert "Kursleitung" in msg


def test_older_course_lib_shows_german_notice_in_a_kernel(tmp_path):
    """A kernel started in a notebooks folder that needs a newer course_lib shows the notice
    as HTML in the first cell (and nothing when the versions match)."""
    from jupyter_client.manager import start_new_kernel

    nbdir = tmp_path / "notebooks"
    nbdir.mkdir()
    (nbdir / ".course_version").write_text("99.0.0\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    outputs = []
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(nbdir), env=env)
    try:
        kc.execute_interactive("import course_lib", timeout=120, output_hook=outputs.append)
        html = "".join(m["content"]["data"].get("text/html", "") for m in outputs if m["msg_type"] == "display_data")
        assert "course_lib 99.0.0 oder neuer" in html and "vt-msg" in html
        errors = [m for m in outputs if m["msg_type"] == "error"]
        assert not errors
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    (nbdir / ".course_version").write_text(course_lib.__version__ + "\n")
    r = subprocess.run([sys.executable, "-W", "error", "-c", "import course_lib"], cwd=nbdir, env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stderr == "", r.stderr


@pytest.mark.slow
def test_shipped_server_config_culls_an_idle_kernel(tmp_path):
    """A Jupyter server that reads deploy/singleuser/vertrieb30.json (from a config dir, as the
    image and TLJH install it) culls an idle kernel; the timeout is shortened on the command
    line, everything else (cull_connected, cull_busy, extensions) comes from the file."""
    import shutil
    import socket
    import time
    import urllib.request

    conf = tmp_path / "etc" / "jupyter_server_config.d"
    conf.mkdir(parents=True)
    # as installed by postBuild/TLJH: next to the extensions' own files, sorted after them
    for f in (Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d").glob("*.json"):
        shutil.copy2(f, conf / f.name)
    shutil.copy2(SERVER_CONFIG, conf / INSTALLED_NAME)
    assert sorted(p.name for p in conf.iterdir())[-1] == INSTALLED_NAME
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(tmp_path / "etc"), "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "cfg"), "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "jupyter_server", "--no-browser", f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1",
           "--IdentityProvider.token=t0k", f"--ServerApp.root_dir={tmp_path}",
           "--MappingKernelManager.cull_idle_timeout=3", "--MappingKernelManager.cull_interval=1"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    api = f"http://127.0.0.1:{port}/api"
    hdr = {"Authorization": "token t0k"}

    def call(method, path, timeout=10):
        req = urllib.request.Request(path if path.startswith("http") else api + path, method=method, headers=hdr, data=b"{}" if method == "POST" else None)
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return json.loads(r.read() or b"null")

    try:
        deadline = time.time() + 90
        while True:
            try:
                call("GET", "/status")
                break
            except OSError:
                assert time.time() < deadline and proc.poll() is None, "server did not start"
                time.sleep(0.5)
        with pytest.raises(urllib.error.HTTPError):  # the language server extension is not loaded
            call("GET", f"http://127.0.0.1:{port}/lsp/status")
        kid = call("POST", "/kernels", timeout=60)["id"]
        while any(k["id"] == kid for k in call("GET", "/kernels")):
            assert time.time() < deadline + 60, "the idle kernel was not culled"
            time.sleep(1)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _tljh_env() -> dict:
    tljh = TLJH.read_text(encoding="utf-8")
    line = next(x for x in tljh.splitlines() if x.startswith("c.Spawner.environment.update("))
    return eval(line[len("c.Spawner.environment.update("):-1])  # noqa: S307 - our own recipe line


def test_server_environment_is_the_same_in_z2jh_tljh_and_the_load_test():
    """MALLOC_ARENA_MAX and NBFORMAT_VALIDATOR (memory per server, docs/JUPYTERHUB.md) reach the
    servers of both production recipes, and the load test measures with them."""
    from tests.hub import loadtest

    env = loadtest.recipe_env()
    assert env == {"MALLOC_ARENA_MAX": "2", "NBFORMAT_VALIDATOR": "jsonschema"}
    tljh = _tljh_env()
    assert {k: v for k, v in tljh.items() if k not in loadtest.RECIPE_PATHS} == env
    assert set(_z2jh()["singleuser"]["extraEnv"]) - set(env) == set(loadtest.RECIPE_PATHS)
    assert set(tljh) - set(env) == {"JUPYTER_PATH"}


# -- the course kernel without the debugger (course_lib.hubkernel) -----------------------------------

KERNEL_JSON = ROOT / "deploy" / "jupyter" / "kernels" / "python3" / "kernel.json"
INSTALLED_KERNEL = "share/vertrieb30/jupyter/kernels/python3/kernel.json"


def test_recipes_put_the_course_kernel_spec_first():
    """Both recipes install deploy/jupyter's kernel spec into the learners' environment and
    name that folder in JUPYTER_PATH (which jupyter_client searches before every other
    kernel folder); the notebooks ask for exactly that kernel name."""
    spec = json.loads(KERNEL_JSON.read_text(encoding="utf-8"))
    assert spec["argv"] == ["python", "-m", "course_lib.hubkernel", "-f", "{connection_file}"]
    assert spec["metadata"]["debugger"] is False
    for nb in [*ROOT.joinpath("notebooks").glob("*.ipynb"), *ROOT.joinpath("exercises").glob("*.ipynb")]:
        meta = json.loads(nb.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
        # same name and display name: JupyterLab does not rewrite the notebooks' metadata on save
        assert (meta["name"], meta["display_name"]) == ("python3", spec["display_name"]), nb.name
    z2jh = _z2jh()["singleuser"]["extraEnv"]["JUPYTER_PATH"]
    assert z2jh == "/srv/conda/envs/notebook/" + INSTALLED_KERNEL.split("/kernels/")[0]
    post = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert f'deploy/jupyter/kernels/python3/kernel.json "$PREFIX/{INSTALLED_KERNEL}"' in post
    assert "PREFIX=\"$(python -c 'import sys; print(sys.prefix)')\"" in post
    tljh = TLJH.read_text(encoding="utf-8")
    assert f"deploy/jupyter/kernels/python3/kernel.json $ENV/{INSTALLED_KERNEL}" in tljh
    assert _tljh_env()["JUPYTER_PATH"] == "/opt/tljh/user/" + INSTALLED_KERNEL.split("/kernels/")[0]
    assert "ENV=/opt/tljh/user" in tljh
