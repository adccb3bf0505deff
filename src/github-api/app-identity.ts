/**
 * The app's own login ("<slug>[bot]", from `GET /app` as the app), so only its own comments are ever edited.
 * Asked once per process; a failure is asked again next time (meanwhile comments are recognised by their
 * marker alone).
 */
import type { Logger } from "pino";
import type { Probot } from "probot";

export function appLogin(app: Pick<Probot, "auth">, log: Pick<Logger, "warn">): () => Promise<string | undefined> {
  let login: Promise<string | undefined> | undefined;
  return () =>
    (login ??= app
      .auth()
      .then((octokit) => octokit.rest.apps.getAuthenticated())
      .then(({ data }) => (data?.slug ? `${data.slug}[bot]` : undefined))
      .catch((error: unknown) => {
        login = undefined;
        log.warn({ err: error }, "could not read the app's own login");
        return undefined;
      }));
}
