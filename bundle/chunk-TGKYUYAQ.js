import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var readers;async function loadRubyReaders(){if(readers)return;let[models,databaseYml,gemfile,schemaRb,call,strings,moved]=await Promise.all([import("./chunk-7NOTN47R.js"),import("./chunk-HDFR3G6U.js"),import("./chunk-DW4KIYIZ.js"),import("./chunk-Q5EQ4LJM.js"),import("./chunk-CPWUNQVD.js"),import("./chunk-YSDIYFIP.js"),import("./chunk-M7STXXY4.js")]);readers={readModelFiles:models.readModelFiles,readRailsDatabaseYml:databaseYml.readRailsDatabaseYml,gemfileGems:gemfile.gemfileGems,schemaRbOperations:schemaRb.schemaRbOperations,withoutPostgresOptions:call.withoutPostgresOptions,withoutOption:call.withoutOption,withOption:call.withOption,asBlockColumn:call.asBlockColumn,argumentText:call.argumentText,rubyStringLiterals:strings.rubyStringLiterals,rubyMoved:moved.rubyMoved}}var rubyReadersLoaded=()=>readers!==void 0;function rubyReaders(){if(!readers)throw new Error("the Ruby readers are not loaded: load the Rails adapter first (loadAdapters)");return readers}export{loadRubyReaders,rubyReadersLoaded,rubyReaders};
