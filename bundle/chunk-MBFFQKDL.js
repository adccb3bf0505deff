import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var isModelPath=path=>/(?:^|\/)app\/models\/.+\.rb$/.test(path),isInflectionsPath=path=>/(?:^|\/)config\/initializers\/inflections\.rb$/.test(path),isActiveRecordSettingsPath=path=>/(?:^|\/)config\/(?:application\.rb|initializers\/[^/]+\.rb)$/.test(path),activeRecordSettingsRootOf=path=>path.replace(/\/?config\/(?:application\.rb|initializers\/[^/]+\.rb)$/,"");export{isModelPath,isInflectionsPath,isActiveRecordSettingsPath,activeRecordSettingsRootOf};
