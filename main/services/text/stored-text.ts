import { isServiceText, type ServiceText } from '../../contract/service-text';

/** A message id as an `error_text` column stores it (migration 0016). */
export const storeText = (text: ServiceText | null | undefined): string | null => (text ? JSON.stringify(text) : null);

/** A stored message id, or null when there is none or it is not in this Lectern's catalog (a newer one wrote it). */
export function storedText(json: string | null | undefined): ServiceText | null {
  if (!json) return null;
  try {
    const text: unknown = JSON.parse(json);
    return isServiceText(text) ? text : null;
  } catch {
    return null;
  }
}
