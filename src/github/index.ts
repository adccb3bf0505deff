/**
 * migguard's GitHub App (Probot). `npm start` runs `probot run ./dist/github/index.js`; Probot reads its
 * standard environment (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, ...).
 * Thin on purpose: events -> fetch -> engine -> report -> post. No analysis happens in this folder.
 */
import type { Probot } from "probot";
import { loadEngine } from "../engine/analyze.js";
import { createAppServices } from "./app-services.js";
import { onCheckRerequested } from "./on-check-rerequested.js";
import { onPullRequest } from "./on-pull-request.js";
import { onRecheckCommand } from "./on-recheck-command.js";

export default function migguardApp(app: Probot): void {
  const services = createAppServices(app);
  onPullRequest(app, services);
  onCheckRerequested(app, services);
  onRecheckCommand(app, services);
  // load the parsers (WebAssembly) now rather than in the first review; a failure shows in that review
  loadEngine().then(
    () => app.log.info("migguard app loaded, parsers ready"),
    (error: unknown) => app.log.error({ err: error }, "migguard could not load its parsers"),
  );
}
