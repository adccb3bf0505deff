/**
 * `migguard lint` on an Alembic project whose container entrypoint migrates through shell functions, before it
 * starts the server with the service manager (tracim's tools_docker/Debian_Uwsgi/entrypoint.sh, seed 55):
 * `alembic_as_user "upgrade head"`, where `alembic_as_user` runs `as_user "alembic -c ... $1"` and `as_user` runs
 * `su $USER -s /bin/bash -c "$1"`; then `service apache2 restart` and `service uwsgi restart`. One container,
 * migrate-then-serve: a deploy with downtime, so the index build is a note naming the call's line. The same through
 * gosu, sudo and `sh -c`, and through functions a sourced script defines; the error stays when the server starts
 * first or the call runs only for development.
 */
import { run } from "../../src/cli/main.js";
import { Repo } from "./support/git-repo.js";

const ENV = `from alembic import context


def run_migrations_online():
    context.configure(connection=None, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
`;

const REVISION = `from alembic import op

revision = "4aad9107d196"
down_revision = None


def upgrade():
    op.create_index("ix_content_revisions_assignee_id", "content_revisions", ["assignee_id"])


def downgrade():
    op.drop_index("ix_content_revisions_assignee_id", table_name="content_revisions")
`;

const DOCKERFILE = 'FROM debian:bookworm\nCOPY . /app\nCMD ["/bin/bash", "/app/docker/entrypoint.sh"]\n';

const FUNCTIONS = `function log {
    if [ "$DEBUG" = "1" ]; then
        echo "$1"
    fi
}
function as_user {
    su $APP_USER -s "/bin/bash" -c "$1"
}
function alembic_as_user {
    as_user "alembic -c /etc/app/production.ini $1"
}
`;

/** tracim's shape: a fresh database is initialised, an existing one upgraded; a webdav switch links uwsgi's config */
const tracim = (migrate: string, serve = "service apache2 restart\nservice uwsgi restart\n") =>
  `#!/usr/bin/env bash
set -e
APP_USER='www-data'

${FUNCTIONS}
if [ "$INIT_DATABASE" = true ]; then
    as_user "app-cli db init"
else
    log "Update database"
    ${migrate}
fi

if [ "$START_WEBDAV" = "1" ]; then
    if [ ! -L /etc/uwsgi/apps-enabled/webdav.ini ]; then
        ln -s /etc/uwsgi/apps-available/webdav.ini /etc/uwsgi/apps-enabled/webdav.ini
    fi
else
    rm -f /etc/uwsgi/apps-enabled/webdav.ini
fi

${serve}tail -f /var/log/app/web.log
`;

const lint = async (files: Record<string, string>) => {
  const root = new Repo()
    .write({ "alembic.ini": "[alembic]\nscript_location = alembic\n", "alembic/env.py": ENV, "alembic/versions/4aad9107d196_assignee_index.py": REVISION, Dockerfile: DOCKERFILE, ...files })
    .commit("app").root;
  const result = await run(["lint", "--format", "json", "alembic/versions"], { cwd: root });
  const findings = (JSON.parse(result.output) as { findings: Array<{ rule: string; severity: string; message: string }> }).findings;
  return findings.find((f) => f.rule === "index-without-concurrently")!;
};

describe("migguard lint: an entrypoint that migrates through its shell functions, then starts the server", () => {
  it("follows alembic_as_user and as_user's su -c to `alembic upgrade head`, before `service uwsgi restart`: a note naming the call", async () => {
    const finding = await lint({ "docker/entrypoint.sh": tracim('alembic_as_user "upgrade head"') });
    expect(finding.severity).toBe("info");
    expect(finding.message).toContain("Offline deploy (docker/entrypoint.sh:21 runs the migrations before the server starts");
  });

  it("reads Apache restarted by its init script as the server start (mod_wsgi)", async () => {
    const finding = await lint({ "docker/entrypoint.sh": tracim('alembic_as_user "upgrade head"', "/etc/init.d/apache2 start\n") });
    expect(finding.severity).toBe("info");
    expect(finding.message).toContain("docker/entrypoint.sh:21");
  });

  it("follows gosu, sudo -u and sh -c through functions a few levels deep", async () => {
    const wrappers = `#!/bin/sh
set -e
run_as() { gosu app "$@"; }
in_shell() { run_as sh -c "$1"; }
as_admin() { sudo -u admin bash -lc "$*"; }
migrate() { in_shell "cd /app && alembic upgrade \${1}"; }
as_admin echo starting
migrate head
exec uwsgi --ini /etc/uwsgi/app.ini
`;
    const finding = await lint({ "docker/entrypoint.sh": wrappers });
    expect(finding.severity).toBe("info");
    expect(finding.message).toContain("Offline deploy (docker/entrypoint.sh:8 runs the migrations");
  });

  it("follows the functions of a script it sources", async () => {
    const sourcing = `#!/usr/bin/env bash\nset -e\nAPP_USER=www-data\n. /app/docker/functions.sh\nalembic_as_user "upgrade head"\nexec uwsgi --ini /etc/uwsgi/app.ini\n`;
    const finding = await lint({ "docker/entrypoint.sh": sourcing, "docker/functions.sh": FUNCTIONS });
    expect(finding.severity).toBe("info");
    expect(finding.message).toContain("Offline deploy (docker/entrypoint.sh:5 runs the migrations");
  });

  it("keeps the error when the server starts before the call, or the call runs only for development", async () => {
    const serverFirst = tracim('alembic_as_user "upgrade head"', "").replace("set -e\n", "set -e\nservice uwsgi start\n");
    expect((await lint({ "docker/entrypoint.sh": serverFirst })).severity).toBe("error");
    const development = tracim('if [ "$APP_ENV" = "development" ]; then alembic_as_user "upgrade head"; fi');
    expect((await lint({ "docker/entrypoint.sh": development })).severity).toBe("error");
  });
});
