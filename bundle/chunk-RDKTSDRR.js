import { createRequire as __migguardCreateRequire } from "node:module";
import { fileURLToPath as __migguardFileURLToPath } from "node:url";
import { dirname as __migguardDirname } from "node:path";
const require = __migguardCreateRequire(import.meta.url);
const __filename = __migguardFileURLToPath(import.meta.url);
const __dirname = __migguardDirname(__filename);
var segmentsOf=version=>{let parts=version.split(/[._-]/).filter(p=>p!=="");for(;parts.length>1&&/^0+$/.test(parts[parts.length-1]);)parts.pop();return parts},compareSegment=(a,b)=>{let numeric=/^\d+$/;if(numeric.test(a)&&numeric.test(b)){let x=BigInt(a),y=BigInt(b);return x<y?-1:x>y?1:0}return a<b?-1:a>b?1:0};function compareVersions(a,b){let x=segmentsOf(a),y=segmentsOf(b);for(let i=0;i<Math.max(x.length,y.length);i++){let c=compareSegment(x[i]??"0",y[i]??"0");if(c!==0)return c}return 0}var versionKey=version=>segmentsOf(version).map(s=>/^\d+$/.test(s)?BigInt(s).toString():s).join(".");function newestVersion(versions){let newest;for(let v of versions)(newest===void 0||compareVersions(v,newest)>0)&&(newest=v);return newest}export{compareVersions,versionKey,newestVersion};
