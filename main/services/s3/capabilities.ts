/**
 * S3 calls a server answered "not supported" (501/405), remembered per upload scope (hub and bucket) for
 * the life of the process, so later publishes skip them without asking again. Not persisted: a server
 * upgraded to support them is used fully again after a restart.
 */
export type OptionalCall = 'ListMultipartUploads' | 'ListParts';

const unsupported = new Map<string, Set<OptionalCall>>();

export function markUnsupported(scope: string, call: OptionalCall): void {
  const calls = unsupported.get(scope) ?? new Set<OptionalCall>();
  calls.add(call);
  unsupported.set(scope, calls);
}

export function isUnsupported(scope: string, call: OptionalCall): boolean {
  return unsupported.get(scope)?.has(call) ?? false;
}
