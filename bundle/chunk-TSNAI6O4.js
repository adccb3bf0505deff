import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{baseOf}from"./chunk-4XKDG7BP.js";var moduleName=path=>baseOf(path).replace(/\.py$/,"").toLowerCase(),isTestSettingsPath=path=>/^(?:unit_?)?test|(?:^|[_.-])(?:unit_?)?(?:tests?|testing|ci)(?:[_.-]|$)/.test(moduleName(path))||/(?:^|\/)(?:tests?|testing|unittests?|spec)\//.test(path),isDevelopmentSettingsPath=path=>isTestSettingsPath(path)||/(?:^|[_./])(dev|development|local)(?:[_.]|$)/.test(moduleName(path))||/(?:^|\/)(fixtures|examples?|docs)\//.test(path);export{isTestSettingsPath,isDevelopmentSettingsPath};
