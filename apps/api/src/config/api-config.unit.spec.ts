import { programmesConfig } from '@apo/runtime';
import { ConfigError, loadApiEnvironment } from './api-config';

const load = (vars: Record<string, string>) => loadApiEnvironment({ NODE_ENV: 'test', ...vars });
const problem = (vars: Record<string, string>) => {
  try {
    load(vars);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('API configuration: closing dates', () => {
  it('reads per-year closing dates for COE proposals and BCN applications', () => {
    const env = load({ COE_PROPOSAL_CLOSING_DATES: '{"2027":"2027-04-30"}', BCN_CLOSING_DATES: '{"2027":["2027-04-15","2027-07-15"],"2028":["2028-05-31"]}' });
    expect(programmesConfig(env).coe?.proposalClosingDates).toEqual({ 2027: '2027-04-30' });
    expect(programmesConfig(env).bcn?.closingDates).toEqual({ 2027: ['2027-04-15', '2027-07-15'], 2028: ['2028-05-31'] });
    expect(programmesConfig(load({})).bcn?.closingDates).toEqual({});
  });

  it.each([
    ['not JSON', '{2027:', 'must be JSON like'],
    ['an array', '["2027-03-31"]', 'must be JSON like'],
    ['a single date', '{"2027":"2027-03-31"}', '2027 -> "2027-03-31"'],
    ['no dates', '{"2027":[]}', '2027 -> []'],
    ['a date of another year', '{"2027":["2027-03-31","2028-06-30"]}', 'dates in that year in ascending order'],
    ['dates out of order', '{"2027":["2027-06-30","2027-03-31"]}', 'ascending order'],
    ['an impossible date', '{"2027":["2027-02-30"]}', '2027 -> ["2027-02-30"]'],
    ['a year that is not one', '{"27":["2027-03-31"]}', '27 ->'],
  ])('refuses BCN_CLOSING_DATES with %s, naming the variable', (_case, value, message) => {
    const text = problem({ BCN_CLOSING_DATES: value });
    expect(text).toContain('BCN_CLOSING_DATES: ');
    expect(text).toContain(message);
  });
});

describe('API configuration: transparency-log witnesses', () => {
  const witness = { name: 'auditor-a', url: 'https://witness.example.org/apo', secret: 'a-secret-of-24-characters' };

  it('accepts witness directories and webhooks', () => {
    const env = load({ WITNESS_DIRS: '/mnt/auditor-a,/mnt/auditor-b', WITNESS_WEBHOOKS: JSON.stringify([witness]) });
    expect(env.WITNESS_DIRS).toBe('/mnt/auditor-a,/mnt/auditor-b');
    expect(env.WITNESS_WEBHOOKS).toBe(JSON.stringify([witness]));
  });

  it.each([
    [{ WITNESS_DIRS: '/mnt/a,,/mnt/b' }, 'WITNESS_DIRS: entry 2 is empty'],
    [
      { WITNESS_WEBHOOKS: JSON.stringify([{ ...witness, url: 'ftp://x.org' }]) },
      'WITNESS_WEBHOOKS: witnesses[0] ("auditor-a"): url must be an http or https URL',
    ],
    [{ WITNESS_WEBHOOKS: JSON.stringify([{ ...witness, secret: 'short' }]) }, 'secret must be at least 16 characters'],
    [{ WITNESS_WEBHOOKS: '[]', WITNESS_WEBHOOKS_FILE: '/x.json' }, 'WITNESS_WEBHOOKS, WITNESS_WEBHOOKS_FILE: set one of them, not both'],
    [{ WITNESS_WEBHOOKS_FILE: '/nonexistent/witnesses.json' }, 'WITNESS_WEBHOOKS_FILE: cannot read /nonexistent/witnesses.json (ENOENT)'],
  ])('refuses %p at startup, naming the variable', (vars, message) => {
    expect(problem(vars)).toContain(message);
  });
});
