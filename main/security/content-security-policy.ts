/**
 * The renderer's Content-Security-Policy, defined once. The app protocol handler sends it as a header
 * (Electron and the test host alike) and the renderer build also embeds it as a <meta> tag.
 * Everything the renderer loads comes from its own origin: scripts and styles from the build, media
 * from the same origin's routes (/media/ offline downloads, /studio-media/ the instructor's own builds,
 * /studio-covers/ their course covers, /stream/ free previews, /poster/ posters and /cover/ course covers,
 * the last three fetched from hubs and checked by main). `blob:` is there for
 * hls.js (MediaSource URLs, its worker). The page never talks to a hub itself.
 */
const directives: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'media-src': ["'self'", 'blob:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-src': ["'none'"],
};

const serialize = (d: Record<string, string[]>) =>
  Object.entries(d)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');

/** For the HTTP header; frame-ancestors only works there. */
export const CONTENT_SECURITY_POLICY = serialize({ ...directives, 'frame-ancestors': ["'none'"] });

/** For the <meta http-equiv> tag, where frame-ancestors is ignored. */
export const CONTENT_SECURITY_POLICY_META = serialize(directives);
