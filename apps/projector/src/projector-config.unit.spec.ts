import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNoteKeys } from '@apo/transparency-log';
import { ConfigError } from '@apo/runtime';
import { loadProjectorEnvironment } from './projector-config';

describe('projector configuration: one message naming every problem', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'projector-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists a signing key others may read beside the other bad variables, not alone first', () => {
    const file = join(dir, 'signer.key');
    writeFileSync(file, `${generateNoteKeys('apo.test').signerKey}\n`);
    chmodSync(file, 0o644);
    const load = () =>
      loadProjectorEnvironment({ DATA_DIR: dir, TRANSPARENCY_KEY_FILE: file, PROJECTOR_PORT: 'x', READ_DATABASE_URL_FILE: join(dir, 'absent') });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/PROJECTOR_PORT[\s\S]*READ_DATABASE_URL_FILE: cannot read[\s\S]*group or others may access it \(mode 0644\)/);
  });

  it('reads the read store and EventStoreDB addresses from secret files and the PostgreSQL wait', () => {
    writeFileSync(join(dir, 'url'), 'postgres://apo:pw@postgres:5432/apo\n');
    writeFileSync(join(dir, 'esdb'), 'esdb://admin:pw@node1:2113?tls=true\n');
    const env = loadProjectorEnvironment({
      DATA_DIR: dir,
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING_FILE: join(dir, 'esdb'),
      READ_DATABASE_URL_FILE: join(dir, 'url'),
      READ_STORE_CONNECT_TIMEOUT_MS: '60000',
    });
    expect(env.READ_DATABASE_URL).toBe('postgres://apo:pw@postgres:5432/apo');
    expect(env.EVENTSTORE_CONNECTION_STRING).toBe('esdb://admin:pw@node1:2113?tls=true');
    expect(env.READ_STORE_CONNECT_TIMEOUT_MS).toBe(60_000);
  });
});
