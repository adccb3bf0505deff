#!/usr/bin/env sh
# Before `npm test` (npm's pretest): the servers the suites start for themselves, installed when missing.
#   redis-server  the queue suites (test/queue) start a throwaway Redis on a free port
#   postgresql    the executor's real-server suite (src/execute/__tests__/verify.postgres.test.ts) runs initdb + pg_ctl
#   mariadb-server  --execute on MySQL/MariaDB (test/cli/execute-mariadb.test.ts) runs mariadb-install-db + mariadbd
#   pre-commit    the pre-commit hook's suite (test/distribution/pre-commit.test.ts) installs the hook as users do
# Debian packages, installed with apt-get as root or through passwordless sudo, as .ci/run does. Where that is
# not possible the suites that need a missing server are skipped with a warning; nothing else changes.
set -u

need=""
command -v redis-server >/dev/null 2>&1 || need="$need redis-server"
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need="$need postgresql"
{ [ -x /usr/sbin/mariadbd ] || command -v mariadbd >/dev/null 2>&1; } || need="$need mariadb-server"
command -v pre-commit >/dev/null 2>&1 || need="$need pre-commit"
[ -z "$need" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "test-services: missing$need and no apt-get here: the suites that need them are skipped" >&2
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  SUDO="sudo -n"
else
  echo "test-services: missing$need; install them (sudo apt-get install -y$need) or the suites that need them are skipped" >&2
  exit 0
fi

echo "test-services: installing$need (apt-get)" >&2
# shellcheck disable=SC2086
if ! { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need; } >/dev/null; then
  echo "test-services: apt-get could not install$need: the suites that need them are skipped" >&2
fi
exit 0
