import type { DeviceOption } from './recording-store';

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
  const pick = (kind: MediaDeviceKind, noun: string): DeviceOption[] =>
    devices
      .filter((d) => d.kind === kind && d.deviceId !== '' && d.deviceId !== 'default' && d.deviceId !== 'communications')
      .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${noun} ${i + 1}` }));
  return { cameras: pick('videoinput', 'Camera'), microphones: pick('audioinput', 'Microphone'), denied };
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

/** Explains a getUserMedia/getDisplayMedia failure as something the instructor can do. */
export function deviceProblem(what: 'camera' | 'microphone' | 'screen', err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError') {
    return what === 'screen'
      ? 'Screen recording was not allowed. On macOS, allow Lectern in System Settings → Privacy & Security → Screen Recording, then restart Lectern.'
      : `Lectern may not use the ${what}. Allow it in your system's privacy settings, then choose it again.`;
  }
  if (name === 'NotReadableError') return `The ${what} is in use by another app, or the system cannot start it. Close the other app and choose it again.`;
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return `That ${what} is no longer connected. Choose another one.`;
  return `Couldn't start the ${what}: ${err instanceof Error ? err.message : String(err)}`;
}
