import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
import{baseOf}from"./chunk-Y352J57F.js";var isDevelopmentSettingsPath=path=>/(?:^|[_./])(dev|development|local|test|tests|testing|ci)(?:[_.]|$)/.test(baseOf(path).replace(/\.py$/,""))||/(?:^|\/)(tests?|testing|fixtures|examples?|docs|spec)\//.test(path);export{isDevelopmentSettingsPath};
