/**
 * Other people's code a repository carries where its own code is: a library copied into a web app's static assets
 * (dhis2-core's `static/dhis-web-commons/javascripts/openlayers/OpenLayers.js`, minified, whose `creator` is an
 * OpenLayers property, not the dropped note.creator). It runs nothing against the application's database, and a word
 * in it is no evidence that the application reads a column. Told apart without a list of libraries:
 * - by its folder: the `lib`, `libs`, `vendor(s)`, `plugins` folders of a static asset tree, and a script in a folder
 *   named as the script itself (`openlayers/OpenLayers.js`, `jquery/jquery-3.6.3.min.js`), a package's own layout;
 * - by its text: minified (most of its characters on lines no one writes by hand), or opening with a library's
 *   banner, a copyright or license comment that names the file itself (`OpenLayers.js -- OpenLayers Map Viewer
 *   Library ... Published under the 2-clause BSD license`). The project's own license header names its owner, not
 *   the file (`Copyright (c) 2004-2013, University of Oslo`).
 */

const SCRIPT = /\.(?:[mc]?js)$/i;
/** Folders whose files a web server serves as they are: browsers' assets */
const STATIC_DIRS = new Set(["static", "public", "assets", "webapp", "wwwroot", "javascripts"]);
/** Folders of a static asset tree that hold libraries */
const LIBRARY_DIRS = new Set(["lib", "libs", "vendor", "vendors", "plugins", "third-party", "thirdparty", "external", "externals"]);

/** `jquery-3.6.3.min.js` -> `jquery`, `OpenLayers.js` -> `openlayers`, `angular-css.min.js` -> `angular-css` */
function stemOf(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1).replace(SCRIPT, "").replace(/[.-]min$/i, "");
  return base.replace(/[-.]v?\d+(?:\.\d+)*(?:[-.][\w]+)?$/i, "").toLowerCase();
}

/** Path-only verdict: a script of a static asset tree's library folder, or in a folder named as itself. */
export function isVendoredScriptPath(path: string): boolean {
  if (!SCRIPT.test(path)) return false;
  const dirs = path.toLowerCase().split("/").slice(0, -1);
  const staticAt = dirs.findIndex((d) => STATIC_DIRS.has(d));
  if (staticAt === -1) return false;
  const stem = stemOf(path);
  return dirs.slice(staticAt + 1).some((d) => LIBRARY_DIRS.has(d)) || (stem.length >= 2 && dirs.at(-1) === stem);
}

/** Lines longer than this are a minifier's, not a person's. */
const LONG_LINE = 500;

/** Most of the text sits on lines longer than LONG_LINE: minified (or otherwise generated) code. */
export function isMinified(content: string): boolean {
  if (content.length < LONG_LINE * 2) return false;
  let long = 0;
  let start = 0;
  while (start < content.length) {
    let end = content.indexOf("\n", start);
    if (end === -1) end = content.length;
    if (end - start > LONG_LINE) long += end - start;
    start = end + 1;
  }
  return long * 2 > content.length;
}

/** The comment the file opens with (after a `"use strict"` line), bounded. */
function leadingComment(content: string): string | undefined {
  const text = content.slice(0, 4000).replace(/^\uFEFF?\s*(?:(['"])use strict\1;?\s*)?/, "");
  if (text.startsWith("/*")) {
    const end = text.indexOf("*/");
    return end === -1 ? text : text.slice(0, end);
  }
  if (text.startsWith("//")) return /^(?:\/\/.*(?:\n|$))+/.exec(text)?.[0];
  return undefined;
}

const LICENSE = /\b(?:copyright|licen[cs]ed?|@license|\(c\))/i;

/** A library's banner: the opening comment names the file itself and its copyright or license. */
export function opensWithLibraryBanner(path: string, content: string): boolean {
  const comment = leadingComment(content);
  const stem = stemOf(path);
  if (!comment || stem.length < 3 || !LICENSE.test(comment)) return false;
  const escaped = stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, "i").test(comment);
}

/** Content verdict for a script: minified, or a library's banner. */
export function isVendoredScript(path: string, content: string): boolean {
  return SCRIPT.test(path) && (isMinified(content) || opensWithLibraryBanner(path, content));
}
