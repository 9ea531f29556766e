import { COE_V2_DEFAULTS } from '@apo/coe';
import { ConfigError, loadEnvironment } from './store-environment';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLeadDays, programmesConfig, ProgrammesEnvironment, programmesProblems, webhooksOf } from './programmes-environment';

const load = (vars: Record<string, string>) => loadEnvironment(ProgrammesEnvironment, vars, programmesProblems);

describe('ProgrammesEnvironment', () => {
  it('defaults: scheduler on every minute, reminders 30 and 7 days before, BCN report 30 days and follow-up 6 months after', () => {
    const env = load({});
    expect(env).toMatchObject({
      SCHEDULER: 'on',
      SCHEDULER_INTERVAL_MS: 60_000,
      SCHEDULER_LEAD_DAYS: '30,7',
      BCN_REPORT_DUE_DAYS: 30,
      BCN_FOLLOW_UP_DUE_MONTHS: 6,
    });
    expect(programmesConfig(env)).toEqual({
      coe: { proposalClosingDates: {}, ...COE_V2_DEFAULTS },
      bcn: { closingDates: {}, reportDueDays: 30, followUpDueMonths: 6 },
    });
  });

  it('reads the programmes dates into the definitions config', () => {
    const env = load({ COE_PROPOSAL_CLOSING_DATES: '{"2027":"2027-04-15"}', BCN_CLOSING_DATES: '{"2027":["2027-03-31"]}', BCN_REPORT_DUE_DAYS: '14' });
    expect(programmesConfig(env)).toEqual({
      coe: { proposalClosingDates: { 2027: '2027-04-15' }, ...COE_V2_DEFAULTS },
      bcn: { closingDates: { 2027: ['2027-03-31'] }, reportDueDays: 14, followUpDueMonths: 6 },
    });
  });

  it('reads the COE version 2 settings (the rules to confirm with the Secretariat)', () => {
    const env = load({
      COE_SECRETARIAT_EXTENSIONS_PER_PHASE: '2',
      COE_SECRETARIAT_EXTENSION_MAX_MONTHS: '18',
      COE_GOVERNING_BODY_EXTENSION_NEEDS_ASSESSMENT: 'true',
      COE_STATUS_ASSESSMENT_MONTHS: '12',
    });
    expect(programmesConfig(env).coe).toEqual({
      proposalClosingDates: {},
      secretariatExtensionsPerPhase: 2,
      secretariatExtensionMaxMonths: 18,
      governingBodyExtensionNeedsAssessment: true,
      statusAssessmentMonths: 12,
    });
  });

  it.each([
    ['COE_SECRETARIAT_EXTENSIONS_PER_PHASE', 'one', 'must be a whole number from 0 to 120: Secretariat extensions per COE phase (got "one")'],
    ['COE_SECRETARIAT_EXTENSIONS_PER_PHASE', '-1', 'must be a whole number from 0 to 120'],
    ['COE_SECRETARIAT_EXTENSION_MAX_MONTHS', '0', 'must be a whole number from 1 to 120: months a Secretariat extension may reach'],
    ['COE_SECRETARIAT_EXTENSION_MAX_MONTHS', '6.5', 'must be a whole number from 1 to 120'],
    ['COE_STATUS_ASSESSMENT_MONTHS', '121', 'must be a whole number from 1 to 120: months between status assessments'],
    ['COE_GOVERNING_BODY_EXTENSION_NEEDS_ASSESSMENT', 'yes', 'must be true or false: whether a Governing Body extension also needs an assessment'],
  ])('refuses %s=%p, naming the variable and what it sets', (name, value, message) => {
    expect(() => load({ [name]: value })).toThrow(`${name}: ${message}`);
  });

  it('names every bad variable in one error', () => {
    const vars = {
      SCHEDULER: 'maybe',
      SCHEDULER_LEAD_DAYS: '30,0',
      BCN_REPORT_DUE_DAYS: '0',
      COE_PROPOSAL_CLOSING_DATES: '{"2027":"2026-03-31"}',
      WEBHOOKS: '[]',
      WEBHOOKS_FILE: 'hooks.json',
    };
    expect(() => load(vars)).toThrow(ConfigError);
    try {
      load(vars);
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['SCHEDULER:', 'SCHEDULER_LEAD_DAYS', 'BCN_REPORT_DUE_DAYS', 'COE_PROPOSAL_CLOSING_DATES', 'WEBHOOKS, WEBHOOKS_FILE'])
        expect(message).toContain(name);
    }
  });
});

describe('webhooks from the environment', () => {
  const hook = { id: 'chat', url: 'https://hooks.example.org/apo', secret: 'a-secret-of-24-characters' };

  it('reads WEBHOOKS, or the same JSON from WEBHOOKS_FILE', () => {
    expect(webhooksOf(load({ WEBHOOKS: JSON.stringify([hook]) }))).toMatchObject([{ id: 'chat', url: hook.url }]);
    const dir = mkdtempSync(join(tmpdir(), 'webhooks-'));
    try {
      writeFileSync(join(dir, 'hooks.json'), JSON.stringify([hook]));
      expect(webhooksOf(load({ WEBHOOKS_FILE: join(dir, 'hooks.json') }))).toMatchObject([{ id: 'chat' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(webhooksOf(load({}))).toEqual([]);
  });

  it('refuses bad webhook configuration at startup, naming the variable', () => {
    expect(() => load({ WEBHOOKS: '[{"id":"chat"' })).toThrow(/WEBHOOKS: not valid JSON/);
    expect(() => load({ WEBHOOKS: JSON.stringify([{ ...hook, secret: 'short' }]) })).toThrow(/WEBHOOKS/);
    expect(() => load({ WEBHOOKS_FILE: '/nonexistent/hooks.json' })).toThrow(/WEBHOOKS_FILE: cannot read \/nonexistent\/hooks.json \(ENOENT\)/);
  });
});

describe('parseLeadDays', () => {
  it('reads "30,7" in any order, without duplicates, farthest first', () => {
    expect(parseLeadDays('7, 30,7')).toEqual([30, 7]);
  });

  it.each(['', 'soon', '0', '30,-1', '400', '2.5'])('refuses %p with a message naming the format', (text) => {
    expect(() => parseLeadDays(text)).toThrow(/whole days from 1 to 365/);
  });
});
