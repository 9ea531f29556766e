import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EventToAppend } from '@apo/event-store';

/**
 * Scratch directories live under the repository's (ignored) tmp/, not the OS temp dir: /tmp is
 * often tmpfs, where fsync is free and durable figures would be fiction.
 */
const SCRATCH = resolve(__dirname, '../../tmp/bench');

export const scratchDir = (): string => {
  mkdirSync(SCRATCH, { recursive: true });
  return mkdtempSync(join(SCRATCH, 'run-'));
};

export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/** A COE-like event: about 500 bytes of data and 250 of metadata once serialised. */
export const coeEvent = (i: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'AssessmentRecorded',
  data: {
    coeId: `COE-2025-${String(i % 100_000).padStart(5, '0')}`,
    programme: 'APO-IND-2025',
    assessment: { outcome: i % 3 === 0 ? 'eligible' : 'needs-information', score: (i * 7) % 100, reviewedSections: ['identity', 'income', 'residence'] },
    assessor: { id: 'staff-0042', name: 'Ngozi Adébáyọ̀', unit: 'Eligibility' },
    amounts: [
      { kind: 'grant', currency: 'EUR', value: 1250.5 },
      { kind: 'travel', currency: 'EUR', value: 86.2 },
    ],
    notes: 'Documents verified against the applicant file; income statement for Q3 still outstanding.',
    dueDate: '2025-11-30',
    channel: 'web-portal',
    attachments: 3,
  },
  metadata: {
    actor: { id: 'staff-0042', role: 'assessor' },
    correlationId: '4b9c7a52-1d1e-4c39-9b3a-2f8f3d1e7a10',
    causationId: '0f6b2c1e-9a77-4e21-8d0c-6a5b4e3d2c1b',
    occurredAt: '2025-10-01T09:30:00.000Z',
    schemaVersion: 1,
    source: 'bench',
  },
});
