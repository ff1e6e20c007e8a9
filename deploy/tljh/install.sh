#!/usr/bin/env bash
# The Littlest JupyterHub (one server, up to ~100 learners) – install or UPDATE the course in
# the learners' shared environment and configure the hub. Run as an admin on the TLJH
# server, from a checkout of the course (the version you want learners to have):
#
#   VT_ADMIN=kursleitung VT_DOMAIN=hub.example.org VT_EMAIL=it@example.org deploy/tljh/install.sh
#
# Every learner gets an own Unix user (TLJH's systemd spawner: private home, memory limit).
# Authentication: the default here is NativeAuthenticator with admin approval (learners sign
# up, an admin approves them at https://<hub>/hub/authorize) – for one-off workshops. For a
# standing course set VT_AUTH=skip and configure the institution's OAuth/LDAP authenticator
# instead (docs/JUPYTERHUB.md). Never a shared password.
#
# Updating the course later: `git pull` in this checkout, run this script again (it
# re-installs course_lib non-editable into /opt/tljh/user), then learners click the
# nbgitpuller link again. notebooks/.course_version must not be newer than the installed
# course_lib – otherwise the notebooks show a German notice.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${VT_ADMIN:?set VT_ADMIN to the instructor account that gets the admin role}"
VT_AUTH="${VT_AUTH:-native}"
ENV=/opt/tljh/user

# 1. course_lib and the exact pins, non-editable, into the learners' environment (outside $HOME)
sudo -E $ENV/bin/python -m pip install --upgrade -c requirements/constraints.txt .
sudo -E $ENV/bin/python -m course_lib.setup_lab --prefix $ENV
# single-user server settings: idle kernels culled after 30 min, no language server/Voilà extension
sudo install -D -m 0644 deploy/singleuser/vertrieb30.json $ENV/etc/jupyter/jupyter_server_config.d/zz-vertrieb30.json
# the course kernel spec "python3" without the debugger (course_lib.hubkernel, ≈ 7 MB less per
# kernel); the servers find it first through JUPYTER_PATH (step 4)
sudo install -D -m 0644 deploy/jupyter/kernels/python3/kernel.json $ENV/share/vertrieb30/jupyter/kernels/python3/kernel.json
sudo cp $ENV/share/jupyter/kernels/python3/logo-* $ENV/share/vertrieb30/jupyter/kernels/python3/ 2>/dev/null || true

# 2. admin role, authentication
sudo tljh-config add-item users.admin "$VT_ADMIN"
if [ "$VT_AUTH" = native ]; then
  sudo /opt/tljh/hub/bin/python -m pip install "jupyterhub-nativeauthenticator>=1.3"  # into the hub environment
  sudo tljh-config set auth.type nativeauthenticator.NativeAuthenticator
  sudo tljh-config set auth.NativeAuthenticator.open_signup false          # every sign-up needs admin approval
  sudo tljh-config set auth.NativeAuthenticator.minimum_password_length 10
fi

# 3. HTTPS (Let's Encrypt; the DNS name must point at this server, ports 80/443 open)
if [ -n "${VT_DOMAIN:-}" ]; then
  sudo tljh-config set https.enabled true
  sudo tljh-config set https.letsencrypt.email "${VT_EMAIL:?set VT_EMAIL for the certificate}"
  sudo tljh-config add-item https.letsencrypt.domains "$VT_DOMAIN"
else
  echo "WARNUNG: ohne VT_DOMAIN kein HTTPS – nur für einen Test im eigenen Netz verwenden." >&2
fi

# 4. memory per learner (measured, docs/JUPYTERHUB.md) and idle servers
sudo tljh-config set limits.memory 1G
sudo tljh-config set services.cull.timeout 3600
sudo tljh-config set user_environment.default_app jupyterlab
# the single-user servers' environment (as deploy/z2jh/config.yaml singleuser.extraEnv): fewer
# malloc arenas; nbformat validates with jsonschema (≈ 11 MB less per server than fastjsonschema);
# the course kernel spec (step 1) before ipykernel's
sudo mkdir -p /opt/tljh/config/jupyterhub_config.d
sudo tee /opt/tljh/config/jupyterhub_config.d/vertrieb30-env.py >/dev/null <<'PY'
c.Spawner.environment.update({"MALLOC_ARENA_MAX": "2", "NBFORMAT_VALIDATOR": "jsonschema", "JUPYTER_PATH": "/opt/tljh/user/share/vertrieb30/jupyter"})
PY
sudo tljh-config reload
sudo tljh-config reload proxy
# ---- BEGIN Klassenraum (live class results; owner: workshop kit, issue 21) -------------------
# A hub-managed JupyterHub service (course_lib/workshop/klassenraum.py) in the hub's environment.
# Instructors: hub admin page → Gruppen → „kursleitung“ → Mitglieder hinzufügen.
sudo -E /opt/tljh/hub/bin/python -m pip install --no-deps .
sudo -E /opt/tljh/hub/bin/python -m pip install -c requirements/constraints.txt numpy filelock platformdirs
sudo mkdir -p /opt/tljh/state/klassenraum /opt/tljh/config/jupyterhub_config.d
sudo tee /opt/tljh/config/jupyterhub_config.d/klassenraum.py >/dev/null <<'PY'
from course_lib.workshop.klassenraum_hubconfig import configure
configure(c, learner_url="http://127.0.0.1/services/klassenraum/",   # learners' servers run on this host
          python="/opt/tljh/hub/bin/python", db="/opt/tljh/state/klassenraum/klassenraum.sqlite")
PY
sudo tljh-config reload hub
# ---- END Klassenraum --------------------------------------------------------------------------
echo "Fertig: course_lib $($ENV/bin/python -c 'import course_lib; print(course_lib.__version__)') installiert."
echo "Verteilen Sie den nbgitpuller-Link aus docs/JUPYTERHUB.md an die Gruppe."
