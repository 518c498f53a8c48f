import type { LecternError } from '../../../main/contract/errors';
import type { MessageKey } from '../i18n/catalogs';
import { call, subscribe } from '../ipc';
import type { CameraLayout } from './camera-layout';
import { ChunkSender } from './chunk-sender';
import { Compositor } from './compositor';
import { watchLevel } from './level-meter';
import { deviceProblem, listDevices, type Device, openCamera, openMicrophone, openScreen, playingVideo, stopStream } from './media-devices';
import { INITIAL, isLive, useRecording, type RecordingNote, type ScreenChoice } from './recording-store';

/** MediaRecorder slices: the journal loses at most one slice on a crash. */
const SLICE_MS = 1000;
const COUNTDOWN_FROM = 3;
const MIME_TYPES = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'];

/**
 * The recording panel's live parts, outside React: device streams, the compositor, the MediaRecorder
 * and the slice sender. The store (recording-store.ts) holds what the panel shows.
 */
interface Live {
  compositor: Compositor;
  screen: { stream: MediaStream; video: HTMLVideoElement } | null;
  camera: { stream: MediaStream; video: HTMLVideoElement } | null;
  mic: { stream: MediaStream; stopMeter: () => void } | null;
  recorder: MediaRecorder | null;
  sender: ChunkSender | null;
  recordedMs: number;
  runningSince: number | null;
  timers: ReturnType<typeof setInterval>[];
  countdown: ReturnType<typeof setInterval> | null;
  unsubscribe: () => void;
}

let live: Live | null = null;
const store = () => useRecording.getState();

export function compositorCanvas(): HTMLCanvasElement | null {
  return live?.compositor.canvas ?? null;
}

export async function openRecorder(lectureId: string): Promise<void> {
  if (store().lectureId !== null) return;
  useRecording.setState({ lectureId, ...INITIAL });
  live = {
    compositor: new Compositor(INITIAL.layout),
    screen: null,
    camera: null,
    mic: null,
    recorder: null,
    sender: null,
    recordedMs: 0,
    runningSince: null,
    timers: [],
    countdown: null,
    unsubscribe: subscribe('recordings.take', (take) => {
      // Main paused the take (disk nearly full, the machine suspending): pause the recorder with it.
      if (take.id === store().takeId && take.state === 'paused' && store().phase === 'recording') pauseRecorder({ key: 'recording.pausedByLectern' });
    }),
  };
  live.timers.push(setInterval(() => void refreshDiskSpace(), 10_000));
  void refreshDiskSpace();
  const [sources, devices] = await Promise.allSettled([call('recordings.sources', {}), listDevices()]);
  if (sources.status === 'fulfilled') store().set({ sources: sources.value });
  else store().set({ sources: [], error: { reason: { error: sources.reason } } });
  if (devices.status === 'fulfilled') {
    const { cameras, microphones, denied } = devices.value;
    store().set({ cameras, microphones });
    if (denied) store().warn({ key: 'recording.warning.devicesDenied' });
    if (!cameras.length) store().warn({ key: 'recording.warning.noCamera' });
    if (!microphones.length) store().warn({ key: 'recording.warning.noMicrophone' });
    if (cameras[0]) await chooseCamera(cameras[0].deviceId);
    if (microphones[0]) await chooseMicrophone(microphones[0].deviceId);
  }
}

/** Closes the panel; refused while a take is being recorded (stop or discard it first). */
export function closeRecorder(): void {
  if (!live || isLive(store().phase)) return;
  cancelCountdown();
  for (const t of live.timers) clearInterval(t);
  live.unsubscribe();
  stopStream(live.screen?.stream ?? null);
  stopStream(live.camera?.stream ?? null);
  live.mic?.stopMeter();
  stopStream(live.mic?.stream ?? null);
  live.compositor.dispose();
  live = null;
  useRecording.setState({ lectureId: null, ...INITIAL });
}

export async function chooseScreen(choice: ScreenChoice): Promise<void> {
  if (!live) return;
  stopStream(live.screen?.stream ?? null);
  live.screen = null;
  store().set({ screen: choice, screenLive: false, error: null });
  if (choice.kind !== 'none') {
    try {
      if (choice.kind === 'source') await call('recordings.chooseSource', { sourceId: choice.source.id });
      const stream = await openScreen();
      const video = await playingVideo(stream);
      if (!live) return stopStream(stream);
      live.screen = { stream, video };
      stream.getVideoTracks()[0]?.addEventListener('ended', () => deviceEnded('screen'));
      store().set({ screenLive: true });
    } catch (err) {
      store().set({ screen: { kind: 'none' }, error: { reason: deviceProblem('screen', err) } });
    }
  }
  live?.compositor.setSources(live.screen?.video ?? null, live.camera?.video ?? null);
}

export async function chooseCamera(deviceId: string | null): Promise<void> {
  if (!live) return;
  stopStream(live.camera?.stream ?? null);
  live.camera = null;
  store().set({ cameraId: deviceId, error: null });
  if (deviceId) {
    try {
      const stream = await openCamera(deviceId);
      const video = await playingVideo(stream);
      if (!live) return stopStream(stream);
      live.camera = { stream, video };
      stream.getVideoTracks()[0]?.addEventListener('ended', () => deviceEnded('camera'));
    } catch (err) {
      store().set({ cameraId: null, error: { reason: deviceProblem('camera', err) } });
    }
  }
  live?.compositor.setSources(live.screen?.video ?? null, live.camera?.video ?? null);
}

export async function chooseMicrophone(deviceId: string | null): Promise<void> {
  if (!live) return;
  live.mic?.stopMeter();
  stopStream(live.mic?.stream ?? null);
  live.mic = null;
  store().set({ microphoneId: deviceId, level: 0, micSilent: false, error: null });
  if (!deviceId) return;
  try {
    const stream = await openMicrophone(deviceId);
    const track = stream.getAudioTracks()[0];
    if (!live || !track) return stopStream(stream);
    const stopMeter = watchLevel(track, ({ level, silent }) => store().set({ level, micSilent: silent }));
    live.mic = { stream, stopMeter };
    track.addEventListener('ended', () => deviceEnded('microphone'));
  } catch (err) {
    store().set({ microphoneId: null, error: { reason: deviceProblem('microphone', err) } });
  }
}

export function setLayout(layout: CameraLayout): void {
  if (!live || isLive(store().phase)) return;
  live.compositor.setLayout(layout);
  store().set({ layout });
}

/** Starts the 3-2-1 countdown; the take begins when it reaches zero unless cancelled. */
export function record(): void {
  if (!live || store().phase !== 'setup') return;
  if (!live.screen && !live.camera && !live.mic) {
    store().set({ error: { reason: { key: 'recording.error.nothingToRecord' } } });
    return;
  }
  store().set({ phase: 'countdown', countdown: COUNTDOWN_FROM, error: null });
  live.countdown = setInterval(() => {
    const next = store().countdown - 1;
    if (next > 0) return store().set({ countdown: next });
    cancelCountdown();
    void startTake();
  }, 1000);
}

export function cancelCountdown(): void {
  if (live?.countdown) clearInterval(live.countdown);
  if (live) live.countdown = null;
  if (store().phase === 'countdown') store().set({ phase: 'setup', countdown: 0 });
}

async function startTake(): Promise<void> {
  if (!live) return;
  const { lectureId, layout } = store();
  if (!lectureId) return;
  const mimeType = MIME_TYPES.find((m) => MediaRecorder.isTypeSupported(m)) ?? 'video/webm';
  const tracks = { screen: live.screen !== null, camera: live.camera !== null, microphone: live.mic !== null };
  let takeId: string;
  try {
    takeId = (await call('recordings.start', { lectureId, mimeType, tracks, ...(tracks.screen && tracks.camera ? { layout } : {}) })).id;
  } catch (err) {
    store().set({ phase: 'setup', error: { reason: { error: err } } });
    return;
  }
  live.compositor.lock();
  // The canvas is always recorded, so a microphone-only take is still a video the pipeline accepts.
  const stream = new MediaStream([...live.compositor.stream().getVideoTracks(), ...(live.mic?.stream.getAudioTracks() ?? [])]);
  const sender = new ChunkSender(takeId, (err) => sendFailed(err));
  // A key frame every two seconds keeps a crash-recovered take seekable and trims close to the marks;
  // Chromium reads videoKeyFrameIntervalDuration, which the DOM typings do not know yet.
  const options: MediaRecorderOptions & { videoKeyFrameIntervalDuration: number } = {
    mimeType,
    videoBitsPerSecond: 3_000_000,
    audioBitsPerSecond: 128_000,
    videoKeyFrameIntervalDuration: 2000,
  };
  const recorder = new MediaRecorder(stream, options);
  recorder.ondataavailable = (e) => sender.push(e.data, elapsedMs());
  Object.assign(live, { recorder, sender, recordedMs: 0, runningSince: performance.now() });
  recorder.start(SLICE_MS);
  live.timers.push(setInterval(() => store().set({ elapsedMs: elapsedMs() }), 200));
  store().set({ phase: 'recording', takeId, elapsedMs: 0 });
}

function elapsedMs(): number {
  if (!live) return 0;
  return Math.round(live.recordedMs + (live.runningSince === null ? 0 : performance.now() - live.runningSince));
}

export async function pause(): Promise<void> {
  const { takeId, phase } = store();
  if (!takeId || phase !== 'recording') return;
  pauseRecorder(null);
  await call('recordings.pause', { takeId }).catch((err: unknown) => store().set({ error: { reason: { error: err } } }));
}

function pauseRecorder(why: RecordingNote | null): void {
  if (!live?.recorder || live.recorder.state !== 'recording') return;
  live.recorder.pause();
  live.recorder.requestData();
  live.recordedMs = elapsedMs();
  live.runningSince = null;
  store().set({ phase: 'paused', elapsedMs: live.recordedMs });
  if (why) store().warn(why);
}

export async function resume(): Promise<void> {
  const { takeId, phase } = store();
  if (!live?.recorder || !takeId || phase !== 'paused') return;
  try {
    await call('recordings.resume', { takeId });
  } catch (err) {
    store().set({ error: { reason: { error: err } } });
    return;
  }
  live.runningSince = performance.now();
  live.recorder.resume();
  store().set({ phase: 'recording', error: null });
}

/** Stops the recorder, waits for its last slice to be journaled, then has main finish the take. */
export async function stop(): Promise<void> {
  const { takeId, phase } = store();
  if (!live?.recorder || !live.sender || !takeId || (phase !== 'recording' && phase !== 'paused')) return;
  const elapsed = elapsedMs();
  live.runningSince = null;
  live.recordedMs = elapsed;
  store().set({ phase: 'stopping', elapsedMs: elapsed });
  await stopRecorder(live.recorder);
  await live.sender.flush();
  try {
    await call('recordings.stop', { takeId, elapsedMs: elapsed });
  } catch (err) {
    store().set({ error: { lead: 'recording.error.notFinished', reason: { error: err } } });
  }
  endTake();
  closeRecorder();
}

/** Throws the take away (the panel asks first). */
export async function discard(): Promise<void> {
  const { takeId } = store();
  if (!live || !takeId) return;
  live.sender?.cancel();
  if (live.recorder) await stopRecorder(live.recorder);
  await call('recordings.discard', { takeId }).catch((err: unknown) => store().set({ error: { reason: { error: err } } }));
  endTake();
}

function endTake(): void {
  if (!live) return;
  live.recorder = null;
  live.sender = null;
  live.compositor.unlock();
  // The elapsed-time ticker is the last timer added by startTake; the disk-space poll stays.
  for (const t of live.timers.splice(1)) clearInterval(t);
  store().set({ phase: 'setup', takeId: null, elapsedMs: 0 });
}

function stopRecorder(recorder: MediaRecorder): Promise<void> {
  if (recorder.state === 'inactive') return Promise.resolve();
  return new Promise((resolve) => {
    recorder.addEventListener('stop', () => resolve(), { once: true });
    recorder.stop();
  });
}

function sendFailed(err: LecternError): void {
  if (err.code === 'unavailable') pauseRecorder({ error: err });
  else store().set({ error: { lead: 'recording.error.notSaved', reason: { error: err } } });
}

function deviceEnded(what: Device): void {
  if (!live) return;
  const recording = isLive(store().phase);
  if (what === 'screen') {
    live.screen = null;
    store().set({ screen: { kind: 'none' }, screenLive: false });
  } else if (what === 'camera') {
    live.camera = null;
    store().set({ cameraId: null });
  } else {
    live.mic?.stopMeter();
    live.mic = null;
    store().set({ microphoneId: null, level: 0 });
  }
  live.compositor.setSources(live.screen?.video ?? null, live.camera?.video ?? null);
  store().warn({ key: DEVICE_ENDED[what], values: { recording: recording ? 'yes' : 'no' } });
}

const DEVICE_ENDED: Record<Device, MessageKey> = {
  screen: 'recording.warning.screenEnded',
  camera: 'recording.warning.cameraEnded',
  microphone: 'recording.warning.microphoneEnded',
};

async function refreshDiskSpace(): Promise<void> {
  try {
    store().set({ minutesLeft: (await call('recordings.diskSpace', {})).minutesLeft });
  } catch {
    // Not knowing the free space is not worth a message; the guard in main still protects the take.
  }
}
