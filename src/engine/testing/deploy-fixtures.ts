/**
 * The deploy files of a self-hosted app that migrates offline (babybuddy's image: the entrypoint runs
 * `manage.py migrate`, then `exec "$@"` hands over to the CMD, gunicorn), for case tables: with them, lock and
 * old-code findings are notes (deploy/deploy-model.ts). Add a Helm chart and the deploy is rolling again.
 */
export const OFFLINE_ENTRYPOINT = {
  Dockerfile: 'FROM python:3.12\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["gunicorn", "babybuddy.wsgi"]\n',
  "docker-entrypoint.sh": '#!/bin/sh\nset -e\npython manage.py migrate --noinput\nexec "$@"\n',
};

export const HELM_CHART = { "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n" };
