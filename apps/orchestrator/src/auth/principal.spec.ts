import { ALL_USERS, userOwner } from '../persistence/owner.js';
import { actingUserId, readerOwner, type Principal } from './principal.js';

const alice: Principal = { kind: 'user', userId: 'alice' };
const service: Principal = { kind: 'service', keyName: 'billing' };

describe(readerOwner.name, () => {
  it('confines a user to their own workflows and forbids naming another user', () => {
    expect(readerOwner(alice)).toEqual(userOwner('alice'));
    expect(readerOwner(alice, 'alice')).toEqual(userOwner('alice'));
    expect(() => readerOwner(alice, 'bob')).toThrow(expect.objectContaining({ problem: expect.objectContaining({ status: 403 }) }));
  });

  it('gives a service (and open mode) every user, or the user it names', () => {
    expect(readerOwner(service)).toBe(ALL_USERS);
    expect(readerOwner(service, 'bob')).toEqual(userOwner('bob'));
    expect(readerOwner({ kind: 'open' })).toBe(ALL_USERS);
  });
});

describe(actingUserId.name, () => {
  it("starts a user's workflows as that user, and a service's as the user it must name", () => {
    expect(actingUserId(alice)).toBe('alice');
    expect(() => actingUserId(alice, 'bob')).toThrow(expect.objectContaining({ problem: expect.objectContaining({ status: 403 }) }));
    expect(actingUserId(service, 'bob')).toBe('bob');
    expect(() => actingUserId(service)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ status: 400 }) }));
  });
});
