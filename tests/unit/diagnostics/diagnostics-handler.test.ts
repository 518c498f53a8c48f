import { describe, expect, it, vi } from 'vitest';
import { diagnosticsHandlers } from '../../../main/ipc/handlers/diagnostics';
import { headlessShell, type HostShell } from '../../../main/ipc/host-shell';
import type { AppServices } from '../../../main/services/app-services';
import type { DiagnosticsExport } from '../../../main/contract/types';

const saved: DiagnosticsExport = { path: '/tmp/out/lectern-diagnostics-x', files: ['summary.json'], problems: [] };

function setup(shell: HostShell) {
  const exportTo = vi.fn(async () => saved);
  const services = { diagnostics: { export: exportTo } } as unknown as AppServices;
  return { exportTo, handle: diagnosticsHandlers(services, shell)['diagnostics.export'] };
}

describe('diagnostics.export handler', () => {
  it('writes into the given folder without a dialog', async () => {
    const { exportTo, handle } = setup(headlessShell);
    await expect(handle({ outDir: '/tmp/out' })).resolves.toEqual(saved);
    expect(exportTo).toHaveBeenCalledWith('/tmp/out');
  });

  it('asks for a folder when none is given, and writes nothing when the dialog is cancelled', async () => {
    const pickFolder = vi.fn(async () => null);
    const { exportTo, handle } = setup({ ...headlessShell, pickFolder });
    await expect(handle({})).resolves.toEqual({ path: null, files: [], problems: [] });
    expect(pickFolder).toHaveBeenCalledOnce();
    expect(exportTo).not.toHaveBeenCalled();
  });

  it('tells a host without dialogs (the CLI) to pass the folder', async () => {
    const { handle } = setup(headlessShell);
    await expect(handle({})).rejects.toThrow(/pass the folder instead/);
  });
});
