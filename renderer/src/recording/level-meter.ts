/** A microphone is called silent when its level stays under this RMS (≈ −46 dBFS) for SILENT_AFTER_MS. */
const SILENCE_RMS = 0.005;
export const SILENT_AFTER_MS = 3000;

export interface Level {
  /** 0–1, for the meter. */
  level: number;
  /** The mic has been silent for at least SILENT_AFTER_MS. */
  silent: boolean;
}

/**
 * Follows a microphone's level ten times a second, for the meter and the "your microphone is silent"
 * warning. Returns a function that stops it.
 */
export function watchLevel(track: MediaStreamTrack, onLevel: (level: Level) => void): () => void {
  const audio = new AudioContext();
  const analyser = audio.createAnalyser();
  analyser.fftSize = 2048;
  audio.createMediaStreamSource(new MediaStream([track])).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let quietSince = performance.now();
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    const rms = Math.sqrt(sum / samples.length);
    const now = performance.now();
    if (rms >= SILENCE_RMS) quietSince = now;
    // The meter reads in dB so speech moves it visibly: −60 dBFS → 0, 0 dBFS → 1.
    const db = 20 * Math.log10(Math.max(rms, 1e-6));
    onLevel({ level: Math.min(1, Math.max(0, (db + 60) / 60)), silent: now - quietSince >= SILENT_AFTER_MS });
  }, 100);
  return () => {
    clearInterval(timer);
    void audio.close();
  };
}
