import type { MessageKey } from '../i18n/catalogs';
import type { DeviceOption, RecordingNote } from './recording-store';

/** Camera and microphone lists. Labels are only given once the page may use a device, so ask once first. */
export async function listDevices(): Promise<{ cameras: DeviceOption[]; microphones: DeviceOption[]; denied: boolean }> {
  let denied = false;
  try {
    const probe = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    for (const t of probe.getTracks()) t.stop();
  } catch (err) {
    // NotFoundError: one kind is missing, which the lists below show; NotAllowedError: the user or system said no.
    denied = err instanceof DOMException && err.name === 'NotAllowedError';
  }
  const devices = await navigator.mediaDevices.enumerateDevices();
  const pick = (kind: MediaDeviceKind): DeviceOption[] =>
    devices
      .filter((d) => d.kind === kind && d.deviceId !== '' && d.deviceId !== 'default' && d.deviceId !== 'communications')
      .map((d, i) => ({ deviceId: d.deviceId, label: d.label, number: i + 1 }));
  return { cameras: pick('videoinput'), microphones: pick('audioinput'), denied };
}

export function openCamera(deviceId: string): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ video: { deviceId: { exact: deviceId }, width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } } });
}

export function openMicrophone(deviceId: string): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: deviceId }, echoCancellation: true, noiseSuppression: true } });
}

/** The screen or window picked in Lectern's picker (the app) or the browser's own (elsewhere). */
export function openScreen(): Promise<MediaStream> {
  return navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 30 } }, audio: false });
}

/** A muted, playing <video> of a stream, as the compositor's source. */
export async function playingVideo(stream: MediaStream): Promise<HTMLVideoElement> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
  return video;
}

export function stopStream(stream: MediaStream | null): void {
  for (const t of stream?.getTracks() ?? []) t.stop();
}

export type Device = 'camera' | 'microphone' | 'screen';
type Refusal = 'denied' | 'busy' | 'gone' | 'failed';

/** One sentence per device and reason: the device's name is part of the sentence, whose order differs by language. */
export const DEVICE_PROBLEMS: Record<Device, Record<Refusal, MessageKey>> = {
  camera: {
    denied: 'recording.device.cameraDenied',
    busy: 'recording.device.cameraBusy',
    gone: 'recording.device.cameraGone',
    failed: 'recording.device.cameraFailed',
  },
  microphone: {
    denied: 'recording.device.microphoneDenied',
    busy: 'recording.device.microphoneBusy',
    gone: 'recording.device.microphoneGone',
    failed: 'recording.device.microphoneFailed',
  },
  screen: {
    denied: 'recording.device.screenDenied',
    busy: 'recording.device.screenBusy',
    gone: 'recording.device.screenGone',
    failed: 'recording.device.screenFailed',
  },
};

/** Explains a getUserMedia/getDisplayMedia failure as something the instructor can do. */
export function deviceProblem(what: Device, err: unknown): RecordingNote {
  const name = err instanceof DOMException ? err.name : '';
  const keys = DEVICE_PROBLEMS[what];
  if (name === 'NotAllowedError') return { key: keys.denied };
  if (name === 'NotReadableError') return { key: keys.busy };
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return { key: keys.gone };
  // The browser's own words, after ours: it names what went wrong in terms no table can foresee.
  return { key: keys.failed, values: { detail: err instanceof Error ? err.message : String(err) } };
}
