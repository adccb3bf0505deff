import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var readers;async function loadRubyReaders(){if(readers)return;let[models,databaseYml,gemfile,schemaRb,call,strings]=await Promise.all([import("./chunk-VKWV7IZX.js"),import("./chunk-6EB2QFRN.js"),import("./chunk-4CR4HEVX.js"),import("./chunk-ZDJJZRL2.js"),import("./chunk-BNK4FYTU.js"),import("./chunk-M76SP7FM.js")]);readers={readModelFiles:models.readModelFiles,readRailsDatabaseYml:databaseYml.readRailsDatabaseYml,gemfileGems:gemfile.gemfileGems,schemaRbOperations:schemaRb.schemaRbOperations,withoutPostgresOptions:call.withoutPostgresOptions,withoutOption:call.withoutOption,asBlockColumn:call.asBlockColumn,argumentText:call.argumentText,rubyStringLiterals:strings.rubyStringLiterals}}var rubyReadersLoaded=()=>readers!==void 0;function rubyReaders(){if(!readers)throw new Error("the Ruby readers are not loaded: load the Rails adapter first (loadAdapters)");return readers}export{loadRubyReaders,rubyReadersLoaded,rubyReaders};
