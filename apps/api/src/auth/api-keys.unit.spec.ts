import fc from 'fast-check';
import { ConfigError } from '../config/api-config';
import { ApiKeyRing, hashKey, parseKeys } from './api-keys';

const sha256 = 'a'.repeat(64);

describe('API keys configuration', () => {
  it('refuses a principal that breaks the input policy (it would be written into every event as the actor)', () => {
    for (const principal of ['ops\u001b[2J', 'a\u0000b', 'x\ud800', 'p'.repeat(201)]) {
      expect(() => parseKeys(JSON.stringify([{ principal, role: 'admin', sha256 }]), 'API_KEYS')).toThrow(ConfigError);
    }
    expect(() => parseKeys(JSON.stringify([{ principal: 'ops\u0007', role: 'admin', sha256 }]), 'API_KEYS')).toThrow(
      'API_KEYS[0].principal: must not contain the control character U+0007 (at 3)',
    );
  });

  it('accepts a principal in any script, and the metrics role', () => {
    expect(parseKeys(JSON.stringify([{ principal: 'Secretariat – 生産性本部', role: 'metrics', sha256 }]), 'API_KEYS')).toEqual([
      { principal: 'Secretariat – 生産性本部', role: 'metrics', sha256 },
    ]);
  });
});

describe('ApiKeyRing', () => {
  it('answers a configured key with its principal on every call and any other key with nothing, whatever was asked before', () => {
    const keys = ['key_admin_0123456789', 'key_assessor_0123456789'];
    const ring = new ApiKeyRing([
      { principal: 'ops', role: 'admin', sha256: hashKey(keys[0]) },
      { principal: 'ana', role: 'assessor', sha256: hashKey(keys[1]) },
    ]);
    const near = keys.flatMap((k) => [k.slice(1), `${k} `, k.toUpperCase(), `${k}x`]);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...keys, ...near), fc.string()), { maxLength: 30 }), (asked) => {
        for (const key of asked) {
          const expected = key === keys[0] ? { id: 'ops', role: 'admin' } : key === keys[1] ? { id: 'ana', role: 'assessor' } : undefined;
          expect(ring.authenticate(key)).toEqual(expected);
        }
      }),
    );
  });
});
