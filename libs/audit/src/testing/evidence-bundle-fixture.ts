import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coeLifeScriptV2 } from '@apo/coe/testing';
import type { EventStore } from '@apo/event-store';
import { lifeScriptSteps, type PortfolioStep } from '@apo/projections/testing';
import { arrayMerkleSource, formatCheckpoint, inclusionProof, leafHash, rootOf, signNote, transparencyLeafData } from '@apo/transparency-log';
import { evidenceBundle, type BundleInstance, type EvidenceBundle } from '../transparency/evidence-bundle';

/** The offline verifier script, as an auditor would copy it out of the repository. */
export const VERIFY_BUNDLE_SCRIPT = join(__dirname, '../../../../tools/audit/verify-bundle.mjs');

/**
 * The bundle of one instance of a real store, as `coe audit bundle` would make it: the tree over
 * the whole log (every event a leaf, in log order), a checkpoint of it signed with `signerKey`,
 * and each of the instance's events with its inclusion proof.
 */
export async function bundleFromStore(
  store: EventStore,
  instance: BundleInstance,
  keys: { signerKey: string; verifierKey: string; origin: string },
): Promise<EvidenceBundle> {
  const leaves: Uint8Array[] = [];
  const leafIndexOf = new Map<string, number>();
  for await (const event of store.readAll()) {
    leafIndexOf.set(`${event.streamId}@${event.revision}`, leaves.length);
    leaves.push(leafHash(transparencyLeafData(event)));
  }
  const source = arrayMerkleSource(leaves);
  const checkpoint = signNote(formatCheckpoint({ origin: keys.origin, size: leaves.length, rootHash: rootOf(leaves) }), [keys.signerKey]);
  const events = await store.readStream(instance.streamId);
  const proofs = events.map((e) => {
    const leafIndex = leafIndexOf.get(`${e.streamId}@${e.revision}`) ?? -1;
    return { leafIndex, proof: inclusionProof(source, leafIndex, leaves.length) };
  });
  return evidenceBundle({ instance, events, proofs, checkpoint, verifierKey: keys.verifierKey, createdAt: '2027-01-01T00:00:00.000Z' });
}

/** What the verifier script said: its exit code and its output. */
export interface VerifierRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the verifier script with `node` on a file (`args` after it), as an auditor would. */
export function runVerifier(file: string, args: readonly string[] = []): Promise<VerifierRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VERIFY_BUNDLE_SCRIPT, file, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Writes any value (a bundle, tampered or not) as a bundle file. */
export function writeBundle(dir: string, name: string, bundle: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof bundle === 'string' ? bundle : JSON.stringify(bundle, null, 2));
  return file;
}

/** The COE of `longInstanceSteps`. */
export const LONG_COE = 'th-long';

/**
 * A COE of `events` events (at least 4): applied, reviewed, designated and launched, then one
 * activity after another (distinct ids, on its launch year's days): the bench's and the tests'
 * 1,000-event instance.
 */
export function longInstanceSteps(coe: string, events: number): PortfolioStep[] {
  const start = lifeScriptSteps(coe, coeLifeScriptV2.slice(0, 4));
  const activities = Array.from({ length: events - start.length }, (_, i): PortfolioStep => {
    const on = '2025-10-20';
    const data = { activityId: `act-${i}`, kind: 'training', title: `Workshop ${i}`, date: on, participants: [{ economy: 'TH', count: 10 + (i % 50) }] };
    return { coe, on, role: 'assessor', command: { type: 'RecordActivity', data } };
  });
  return [...start, ...activities];
}
