import { describe, expect, it } from 'vitest';
import { channelDomains, channelNames } from '../../../main/contract/channels';
import { eventDomains, eventNames } from '../../../main/contract/events';

// The contract is gathered from domain files by object spread, where a name declared twice would silently
// shadow the first declaration.
describe('contract domains', () => {
  it('declare every channel exactly once', () => {
    const declared = Object.values(channelDomains).flatMap((d) => Object.keys(d));
    expect(declared.length).toBe(new Set(declared).size);
    expect([...declared].sort()).toEqual([...channelNames].sort());
  });

  it('declare every event exactly once', () => {
    const declared = Object.values(eventDomains).flatMap((d) => Object.keys(d));
    expect(declared.length).toBe(new Set(declared).size);
    expect([...declared].sort()).toEqual([...eventNames].sort());
  });

  it('name channels <domain-noun>.<verb>, so a reader can tell them apart from events', () => {
    for (const name of channelNames) expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
  });
});
