import { resolve } from 'node:path';
import { personalKeysLocation, PERSONAL_KEYS_SCHEMA } from './open-stores';
import { StoreEnvironment } from './store-environment';

const env = (vars: Partial<StoreEnvironment>): StoreEnvironment => Object.assign(new StoreEnvironment(), vars);

describe('where the personal-data keys are kept', () => {
  it('beside the embedded store by default, in a file of their own', () => {
    expect(personalKeysLocation(env({ DATA_DIR: '/srv/apo' }))).toEqual({ file: '/srv/apo/personal-keys.sqlite' });
  });

  it("in the read store's PostgreSQL database, in a schema of their own (a rebuild into another schema keeps them)", () => {
    expect(personalKeysLocation(env({ READ_DATABASE_URL: 'postgres://apo@db:5432/apo?schema=reports_v2' }))).toEqual({
      url: 'postgres://apo@db:5432/apo',
      schema: PERSONAL_KEYS_SCHEMA,
    });
  });

  it('where PERSONAL_KEYS_URL says: a PostgreSQL database (its schema honoured) or a file', () => {
    const pg = { READ_DATABASE_URL: 'postgres://apo@db/apo', PERSONAL_KEYS_URL: 'postgres://keys@vault/keys?schema=subjects' };
    expect(personalKeysLocation(env(pg))).toEqual({ url: 'postgres://keys@vault/keys', schema: 'subjects' });
    expect(personalKeysLocation(env({ PERSONAL_KEYS_URL: 'postgres://keys@vault/keys' }))).toEqual({ url: 'postgres://keys@vault/keys', schema: undefined });
    expect(personalKeysLocation(env({ PERSONAL_KEYS_URL: 'keys/personal.sqlite' }))).toEqual({ file: resolve('keys/personal.sqlite') });
  });
});
