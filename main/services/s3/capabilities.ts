/**
 * S3 features a server answered "not supported" (501/405) or proved to honour, remembered per upload
 * scope (hub and bucket) for the life of the process, so later publishes skip them (or the probe) without
 * asking again. Not persisted: a server upgraded to support them is used fully again after a restart.
 */
export type OptionalCall = 'ListMultipartUploads' | 'ListParts' | 'ConditionalWrite';

const unsupported = new Map<string, Set<OptionalCall>>();
const supported = new Map<string, Set<OptionalCall>>();

function remember(map: Map<string, Set<OptionalCall>>, scope: string, call: OptionalCall): void {
  const calls = map.get(scope) ?? new Set<OptionalCall>();
  calls.add(call);
  map.set(scope, calls);
}

export function markUnsupported(scope: string, call: OptionalCall): void {
  supported.get(scope)?.delete(call);
  remember(unsupported, scope, call);
}

export function isUnsupported(scope: string, call: OptionalCall): boolean {
  return unsupported.get(scope)?.has(call) ?? false;
}

/** For features that need a probe (conditional writes): the probe succeeded. */
export function markSupported(scope: string, call: OptionalCall): void {
  unsupported.get(scope)?.delete(call);
  remember(supported, scope, call);
}

export function knownSupported(scope: string, call: OptionalCall): boolean {
  return supported.get(scope)?.has(call) ?? false;
}
