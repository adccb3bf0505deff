/**
 * An Alembic folder's revision tree: the folder up to its last `versions`. Alembic with
 * recursive_version_locations reads every folder below versions/ as one tree (dstack's versions/2023,
 * versions/2024, ... are one), so a revision's parent, children and the head may be in another year's folder.
 */
export const alembicRevisionTreeOf = (folder: string): string => {
  const parts = folder.split("/");
  const at = parts.lastIndexOf("versions");
  return at === -1 ? folder : parts.slice(0, at + 1).join("/");
};
