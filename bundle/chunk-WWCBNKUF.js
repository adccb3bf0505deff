import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
function ruleSeverity(config,ruleId,fallback){let setting=config.rules[ruleId];return setting===void 0||setting===!0?fallback:setting===!1?"off":typeof setting=="string"?setting:setting.severity??fallback}function ruleOptions(config,ruleId){let setting=config.rules[ruleId];return typeof setting=="object"&&setting!==null&&"options"in setting?setting.options??{}:{}}export{ruleSeverity,ruleOptions};
