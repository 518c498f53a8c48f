import { VIDEO_EXTENSIONS, type HostShell } from '../../main/ipc/host-shell';

/** Asks the page's user for a file (`accept` as on an `<input type=file>`); null when they cancel. */
export type FilePicker = (accept: string) => Promise<string | null>;

const VIDEO_ACCEPT = ['video/*', ...VIDEO_EXTENSIONS.map((e) => `.${e}`)].join(',');
const CAPTIONS_ACCEPT = '.vtt,text/vtt';
const IMAGE_ACCEPT = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp';

/**
 * The test host's stand-in for native dialogs: tests queue the answers the "user" will give
 * (POST /__test/dialog), and each dialog takes the next one. With nothing queued, a file dialog asks the
 * person at the browser through `pickFile` (a file chooser whose file is uploaded), or cancels without one.
 */
export function createScriptedShell(pickFile: FilePicker = async () => null): HostShell & { queue(filePath: string | null): void } {
  const answers: (string | null)[] = [];
  const answer = (accept: string) => (answers.length > 0 ? Promise.resolve(answers.shift() ?? null) : pickFile(accept));
  return {
    queue: (filePath) => void answers.push(filePath),
    pickVideoFile: () => answer(VIDEO_ACCEPT),
    pickCaptionsFile: () => answer(CAPTIONS_ACCEPT),
    pickImageFile: () => answer(IMAGE_ACCEPT),
    pickFolder: async () => answers.shift() ?? null,
    // In Chromium the page's getDisplayMedia picks the source (--auto-select-desktop-capture-source).
    listCaptureSources: async () => [],
    selectCaptureSource: async () => {},
    // The browser at the page knows its user's languages (navigator.languages); the host process does not.
    preferredLanguages: () => [],
  };
}
