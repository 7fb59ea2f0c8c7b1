import path from 'node:path';
import type { BrowserWindow, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { FileSaver } from '../core/services/raw-log-service';

export interface SaveDialogDeps {
  showSaveDialog(window: BrowserWindow | null, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  /** The Downloads folder, where the dialog starts. */
  downloadsDir(): string;
  window(): BrowserWindow | null;
}

/**
 * The desktop app's FileSaver: the native save dialog, attached to the window (modal there), starting
 * in Downloads with the offered name. The renderer never names a path itself: main asks the person.
 */
export function saveDialogFileSaver(deps: SaveDialogDeps): FileSaver {
  return {
    async chooseSavePath(defaultName) {
      const win = deps.window();
      const result = await deps.showSaveDialog(win !== null && !win.isDestroyed() ? win : null, {
        title: 'Save full log',
        defaultPath: path.join(deps.downloadsDir(), defaultName),
        filters: [
          { name: 'Log files', extensions: ['log', 'txt'] },
          { name: 'All files', extensions: ['*'] },
        ],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
