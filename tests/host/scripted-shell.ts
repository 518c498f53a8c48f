import type { HostShell } from '../../main/ipc/host-shell';

/**
 * The test host's stand-in for native dialogs: tests queue the answers the "user" will give
 * (POST /__test/dialog), and each dialog takes the next one. An unexpected dialog cancels, as a user would.
 */
export function createScriptedShell(): HostShell & { queue(filePath: string | null): void } {
  const answers: (string | null)[] = [];
  return {
    queue: (filePath) => void answers.push(filePath),
    pickVideoFile: async () => answers.shift() ?? null,
    pickCaptionsFile: async () => answers.shift() ?? null,
    pickImageFile: async () => answers.shift() ?? null,
    pickFolder: async () => answers.shift() ?? null,
    // In Chromium the page's getDisplayMedia picks the source (--auto-select-desktop-capture-source).
    listCaptureSources: async () => [],
    selectCaptureSource: async () => {},
  };
}
