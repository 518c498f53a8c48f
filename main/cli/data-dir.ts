import os from 'node:os';
import path from 'node:path';

/**
 * Where the CLI keeps its data when no --data-dir or LECTERN_DATA_DIR is given: the same folder the
 * Electron app uses (app.getPath('userData') for productName "Lectern"), so both see the same drafts.
 */
export function defaultDataDir(): string {
  if (process.env.LECTERN_DATA_DIR) return path.resolve(process.env.LECTERN_DATA_DIR);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Lectern');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Lectern');
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Lectern');
  }
}
