import { ConfigError } from '../config/api-config';
import { parseKeys } from './api-keys';

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
