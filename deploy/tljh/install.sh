#!/usr/bin/env bash
# The Littlest JupyterHub (one server, up to ~100 learners) – install the course into the
# learners' shared environment. Run as an admin on the TLJH server, from a checkout of the
# course. Every learner gets an own Unix user (isolation by TLJH's systemd spawner).
set -euo pipefail
cd "$(dirname "$0")/../.."
sudo -E /opt/tljh/user/bin/python -m pip install -c requirements/constraints.txt .
sudo -E /opt/tljh/user/bin/python -m course_lib.setup_lab --prefix /opt/tljh/user
# Memory per learner (measured: ~245 MB with one notebook, ~110 MB per further kernel):
sudo tljh-config set limits.memory 1G
sudo tljh-config set services.cull.timeout 3600
sudo tljh-config set user_environment.default_app jupyterlab
sudo tljh-config reload
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
echo "Fertig. Verteilen Sie den nbgitpuller-Link aus docs/JUPYTERHUB.md an die Gruppe."
