import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bcnLifeScript, BCN_LIFE_SCRIPT_ID } from '@apo/bcn/testing';
import { coeLifeScript } from '@apo/coe/testing';
import { openSqliteEventStore, STORE_FILE_NAME } from '@apo/event-store/sqlite';
import { byDay, exchangeScriptSteps, generatePortfolio, lifeScriptSteps, runSteps, type PortfolioStep } from '@apo/projections/testing';

/** The COE whose whole life (25 events, applied -> graduated) the audit tests tamper with. */
export const LIFE_COE = 'th-digital';
export const LIFE_STREAM = `coe-${LIFE_COE}`;
/** A COE left mid-life (delivery year 3), so a valid event can still be appended. */
export const OPEN_COE = 'th-open';

/** The first 20 steps of the life script: the COE is in its third delivery year. */
export const openSteps = (): PortfolioStep[] => lifeScriptSteps(OPEN_COE, coeLifeScript.slice(0, 20));

/**
 * A data directory holding a real store: the full life of LIFE_COE, OPEN_COE mid-life and a small
 * generated portfolio, all through the real command pipeline. Closed, ready to copy or tamper with.
 */
export async function buildAuditStore(portfolio = 12): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'audit-store-'));
  const store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
  try {
    await runSteps(store, lifeScriptSteps(LIFE_COE, coeLifeScript));
    await runSteps(store, openSteps());
    await runSteps(store, generatePortfolio({ count: portfolio, seed: 6 }));
  } finally {
    await store.close();
  }
  return dir;
}

/**
 * A small real store with every programme: the full life of LIFE_COE, OPEN_COE mid-life and the
 * BCN life script's exchange (`bcn-${BCN_LIFE_SCRIPT_ID}`), interleaved by day. Closed.
 */
export async function buildSmallMixedStore(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'audit-mixed-'));
  const store = await openSqliteEventStore({ dataDir: dir, synchronous: 'NORMAL' });
  try {
    await runSteps(store, byDay([...lifeScriptSteps(LIFE_COE, coeLifeScript), ...openSteps(), ...exchangeScriptSteps(BCN_LIFE_SCRIPT_ID, bcnLifeScript)]));
  } finally {
    await store.close();
  }
  return dir;
}

/** A fresh copy of a closed store's data directory. */
export function copyStore(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'audit-copy-'));
  for (const suffix of ['', '-wal']) {
    const file = join(from, STORE_FILE_NAME + suffix);
    if (existsSync(file)) copyFileSync(file, join(dir, STORE_FILE_NAME + suffix));
  }
  return dir;
}
