import { create } from 'zustand';
import type { DeleteReceipt } from '../../../main/contract/types';

/** Only the last destructive action can be undone from the toast; older receipts are dropped. */
interface UndoState {
  last: (DeleteReceipt & { at: number }) | null;
  offer(receipt: DeleteReceipt): void;
  clear(): void;
}

export const useUndo = create<UndoState>()((set) => ({
  last: null,
  offer(receipt) {
    set({ last: { ...receipt, at: Date.now() } });
  },
  clear() {
    set({ last: null });
  },
}));
