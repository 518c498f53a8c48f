/// <reference lib="webworker" />
// A steady clock for the compositor. Timers and requestAnimationFrame on the page are throttled or stop
// while the window is hidden, which is exactly when an instructor records another window; a worker's
// messages keep coming, so the recorded canvas keeps its frame rate.
let timer: ReturnType<typeof setInterval> | undefined;

self.onmessage = (e: MessageEvent<{ fps: number } | 'stop'>) => {
  if (timer !== undefined) clearInterval(timer);
  timer = undefined;
  if (e.data !== 'stop') timer = setInterval(() => self.postMessage(0), 1000 / e.data.fps);
};
