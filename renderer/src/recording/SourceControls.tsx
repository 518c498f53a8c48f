import type { CameraCorner } from '../../../main/contract/types';
import { CORNERS } from './camera-layout';
import { chooseCamera, chooseMicrophone, chooseScreen, setLayout } from './recording-session';
import { useRecording } from './recording-store';

/** Screen, camera (with overlay corner and size) and microphone (with a level meter) pickers. */
export function SourceControls({ locked }: { locked: boolean }) {
  const s = useRecording();
  const screenValue = s.screen.kind === 'source' ? s.screen.source.id : s.screen.kind;
  return (
    <div className="rec-sources">
      <fieldset className="rec-field" disabled={locked}>
        <legend>Screen</legend>
        {s.sources === null ? (
          <p className="rec-hint">Looking for screens and windows…</p>
        ) : s.sources.length > 0 ? (
          <div className="rec-source-grid" role="radiogroup" aria-label="Screen or window to record">
            <button type="button" role="radio" aria-checked={screenValue === 'none'} className="rec-source" onClick={() => void chooseScreen({ kind: 'none' })} data-testid="rec-screen-none">
              <span className="rec-source-thumb rec-source-none" aria-hidden="true">∅</span>
              <span className="rec-source-name">No screen</span>
            </button>
            {s.sources.map((source, i) => (
              <button
                key={source.id}
                type="button"
                role="radio"
                aria-checked={screenValue === source.id}
                className="rec-source"
                onClick={() => void chooseScreen({ kind: 'source', source })}
                data-testid={`rec-source-${i}`}
              >
                {source.thumbnail ? <img className="rec-source-thumb" src={source.thumbnail} alt="" /> : <span className="rec-source-thumb" aria-hidden="true" />}
                <span className="rec-source-name" title={source.name}>
                  {source.kind === 'screen' ? '🖥 ' : ''}
                  {source.name}
                </span>
              </button>
            ))}
          </div>
        ) : (
          <div className="rec-row">
            <button type="button" className="button" onClick={() => void chooseScreen({ kind: 'browser' })} data-testid="rec-screen-browser">
              {s.screenLive ? 'Choose another screen or window…' : 'Choose a screen or window…'}
            </button>
            {s.screenLive && (
              <button type="button" className="button" onClick={() => void chooseScreen({ kind: 'none' })} data-testid="rec-screen-none">
                No screen
              </button>
            )}
          </div>
        )}
        <p className="rec-hint" data-testid="rec-screen-state">
          {s.screenLive ? 'Screen: shown in the preview.' : 'No screen is recorded.'}
        </p>
      </fieldset>

      <fieldset className="rec-field" disabled={locked}>
        <legend>Camera</legend>
        <select aria-label="Camera" value={s.cameraId ?? ''} onChange={(e) => void chooseCamera(e.target.value || null)} data-testid="rec-camera">
          <option value="">No camera</option>
          {s.cameras.map((c) => (
            <option key={c.deviceId} value={c.deviceId}>
              {c.label}
            </option>
          ))}
        </select>
        {s.cameraId && s.screenLive && (
          <div className="rec-row">
            <label>
              Corner{' '}
              <select value={s.layout.corner} onChange={(e) => setLayout({ ...s.layout, corner: e.target.value as CameraCorner })} data-testid="rec-corner">
                {CORNERS.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Size{' '}
              <input
                type="range"
                min={10}
                max={50}
                step={5}
                value={Math.round(s.layout.size * 100)}
                onChange={(e) => setLayout({ ...s.layout, size: Number(e.target.value) / 100 })}
                aria-valuetext={`${Math.round(s.layout.size * 100)} % of the width`}
                data-testid="rec-camera-size"
              />
            </label>
          </div>
        )}
      </fieldset>

      <fieldset className="rec-field" disabled={locked}>
        <legend>Microphone</legend>
        <select aria-label="Microphone" value={s.microphoneId ?? ''} onChange={(e) => void chooseMicrophone(e.target.value || null)} data-testid="rec-mic">
          <option value="">No microphone</option>
          {s.microphones.map((m) => (
            <option key={m.deviceId} value={m.deviceId}>
              {m.label}
            </option>
          ))}
        </select>
      </fieldset>
      {s.microphoneId && (
        <div className="rec-level-row">
          <meter className="rec-level" min={0} max={1} low={0.6} high={0.9} optimum={0.5} value={s.level} aria-label="Microphone level" data-testid="rec-level" />
          {s.micSilent && (
            <p className="rec-warning" role="alert" data-testid="rec-mic-silent">
              The microphone has been silent for 3 seconds. Check it is not muted, or choose another one.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
