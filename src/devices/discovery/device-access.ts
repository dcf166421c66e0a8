/**
 * Whether this user may open a device node. Listing needs no permission on Linux (it reads sysfs), opening does:
 * the most common set-up fault is a scanner or printer that is listed but cannot be opened.
 */
import { accessSync, constants } from 'node:fs';

/** True/false for a /dev node on Linux; undefined elsewhere or for paths that are not device nodes. */
export function canOpenDeviceNode(path: string | undefined, platform: NodeJS.Platform = process.platform): boolean | undefined {
  if (path === undefined || platform !== 'linux' || !path.startsWith('/dev/')) return undefined;
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
    return true;
  } catch (e) {
    // A node that vanished between listing and checking says nothing about permissions.
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : false;
  }
}
