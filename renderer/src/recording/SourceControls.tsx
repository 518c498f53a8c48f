import type { CameraCorner } from '../../../main/contract/types';
import { useT } from '../i18n/use-t';
import { CORNERS } from './camera-layout';
import { SILENT_AFTER_MS } from './level-meter';
import { chooseCamera, chooseMicrophone, chooseScreen, setLayout } from './recording-session';
import { useRecording, type DeviceOption } from './recording-store';

/** Screen, camera (with overlay corner and size) and microphone (with a level meter) pickers. */
export function SourceControls({ locked }: { locked: boolean }) {
  const s = useRecording();
  const t = useT();
  const deviceName = (d: DeviceOption, unnamed: 'recording.cameraNumber' | 'recording.microphoneNumber') => d.label || t(unnamed, { number: d.number });
  const screenValue = s.screen.kind === 'source' ? s.screen.source.id : s.screen.kind;
  return (
    <div className="rec-sources">
      <fieldset className="rec-field" disabled={locked}>
        <legend>{t('recording.screen')}</legend>
        {s.sources === null ? (
          <p className="rec-hint">{t('recording.lookingForScreens')}</p>
        ) : s.sources.length > 0 ? (
          <div className="rec-source-grid" role="radiogroup" aria-label={t('recording.screenPicker')}>
            <button type="button" role="radio" aria-checked={screenValue === 'none'} className="rec-source" onClick={() => void chooseScreen({ kind: 'none' })} data-testid="rec-screen-none">
              <span className="rec-source-thumb rec-source-none" aria-hidden="true">∅</span>
              <span className="rec-source-name">{t('recording.noScreen')}</span>
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
              {s.screenLive ? t('recording.chooseAnotherScreen') : t('recording.chooseScreen')}
            </button>
            {s.screenLive && (
              <button type="button" className="button" onClick={() => void chooseScreen({ kind: 'none' })} data-testid="rec-screen-none">
                {t('recording.noScreen')}
              </button>
            )}
          </div>
        )}
        <p className="rec-hint" data-testid="rec-screen-state">
          {s.screenLive ? t('recording.screenShown') : t('recording.screenNotRecorded')}
        </p>
      </fieldset>

      <fieldset className="rec-field" disabled={locked}>
        <legend>{t('recording.camera')}</legend>
        <select aria-label={t('recording.camera')} value={s.cameraId ?? ''} onChange={(e) => void chooseCamera(e.target.value || null)} data-testid="rec-camera">
          <option value="">{t('recording.noCamera')}</option>
          {s.cameras.map((c) => (
            <option key={c.deviceId} value={c.deviceId}>
              {deviceName(c, 'recording.cameraNumber')}
            </option>
          ))}
        </select>
        {s.cameraId && s.screenLive && (
          <div className="rec-row">
            <label>
              {t('recording.corner')}{' '}
              <select value={s.layout.corner} onChange={(e) => setLayout({ ...s.layout, corner: e.target.value as CameraCorner })} data-testid="rec-corner">
                {CORNERS.map((c) => (
                  <option key={c.value} value={c.value}>
                    {t(c.label)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('recording.cameraSize')}{' '}
              <input
                type="range"
                min={10}
                max={50}
                step={5}
                value={Math.round(s.layout.size * 100)}
                onChange={(e) => setLayout({ ...s.layout, size: Number(e.target.value) / 100 })}
                aria-valuetext={t('recording.cameraSizeValue', { percent: Math.round(s.layout.size * 100) })}
                data-testid="rec-camera-size"
              />
            </label>
          </div>
        )}
      </fieldset>

      <fieldset className="rec-field" disabled={locked}>
        <legend>{t('recording.microphone')}</legend>
        <select aria-label={t('recording.microphone')} value={s.microphoneId ?? ''} onChange={(e) => void chooseMicrophone(e.target.value || null)} data-testid="rec-mic">
          <option value="">{t('recording.noMicrophone')}</option>
          {s.microphones.map((m) => (
            <option key={m.deviceId} value={m.deviceId}>
              {deviceName(m, 'recording.microphoneNumber')}
            </option>
          ))}
        </select>
      </fieldset>
      {s.microphoneId && (
        <div className="rec-level-row">
          <meter className="rec-level" min={0} max={1} low={0.6} high={0.9} optimum={0.5} value={s.level} aria-label={t('recording.microphoneLevel')} data-testid="rec-level" />
          {s.micSilent && (
            <p className="rec-warning" role="alert" data-testid="rec-mic-silent">
              {t('recording.microphoneSilent', { seconds: SILENT_AFTER_MS / 1000 })}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
