import { desktopCapturer, session, systemPreferences } from 'electron';
import { LecternError } from '../contract/errors';
import type { CaptureSource } from '../contract/types';
import type { Logger } from '../services/log/logger';
import { isTrustedUrl } from './security-policy';

/**
 * Screen capture through Lectern's own picker: the recording panel lists sources (recordings.sources),
 * the instructor picks one (recordings.chooseSource), and the page's getDisplayMedia() is answered with
 * exactly that source. With no pick, or from any other page, the request is refused.
 */
export interface CaptureSources {
  list(): Promise<CaptureSource[]>;
  choose(sourceId: string): Promise<void>;
}

export function createCaptureSources(origins: readonly string[], log: Logger): CaptureSources {
  let chosen: string | null = null;

  session.defaultSession.setDisplayMediaRequestHandler((request, callback) => {
    const pick = chosen;
    chosen = null;
    if (!pick || !isTrustedUrl(request.frame?.url, origins)) {
      log.log('warn', 'refused a screen capture request', { hasPick: pick !== null });
      callback({});
      return;
    }
    void desktopCapturer
      .getSources({ types: ['screen', 'window'], thumbnailSize: { width: 0, height: 0 } })
      .then((sources) => {
        const source = sources.find((s) => s.id === pick);
        if (!source) log.log('warn', 'the chosen capture source is gone', { sourceId: pick });
        callback(source ? { video: source } : {});
      })
      .catch((err: unknown) => {
        log.log('error', 'desktopCapturer failed', { error: String(err) });
        callback({});
      });
  });

  return {
    async list() {
      assertScreenAccess();
      let sources: Electron.DesktopCapturerSource[];
      try {
        sources = await desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 320, height: 180 }, fetchWindowIcons: false });
      } catch (err) {
        // Wayland without PipeWire's portal, or a desktop that refuses capture.
        throw new LecternError('unavailable', `This desktop does not let Lectern capture the screen (${String(err)}). On Linux with Wayland, screen capture needs PipeWire and xdg-desktop-portal.`);
      }
      return sources.map((s) => ({
        id: s.id,
        name: s.name,
        kind: s.id.startsWith('screen:') ? 'screen' : 'window',
        thumbnail: s.thumbnail.isEmpty() ? null : s.thumbnail.toDataURL(),
      }));
    },
    async choose(sourceId) {
      chosen = sourceId;
    },
  };
}

/** macOS asks for screen-recording access in System Settings; without it every thumbnail is blank. */
function assertScreenAccess(): void {
  if (process.platform !== 'darwin') return;
  const status = systemPreferences.getMediaAccessStatus('screen');
  if (status === 'denied' || status === 'restricted') {
    throw new LecternError(
      'forbidden',
      'macOS does not allow Lectern to record the screen. Open System Settings → Privacy & Security → Screen Recording, turn Lectern on, then restart Lectern.',
    );
  }
}
