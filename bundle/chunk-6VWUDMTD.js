import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var readers;async function loadRubyReaders(){if(readers)return;let[models,databaseYml]=await Promise.all([import("./chunk-CQV7OITU.js"),import("./chunk-TWTHIPHS.js")]);readers={readModelFiles:models.readModelFiles,readRailsDatabaseYml:databaseYml.readRailsDatabaseYml}}function rubyReaders(){if(!readers)throw new Error("the Ruby readers are not loaded: load the Rails adapter first (loadAdapters)");return readers}export{loadRubyReaders,rubyReaders};
