import { ForgedNoteError, openCheckpoint, UnverifiedNoteError } from '@apo/transparency-log';
import type { CheckpointToHold, LogFinding } from './log-finding';

/** A checkpoint whose signature a trusted key verified: the size and root it vouches for. */
export interface TrustedCheckpoint {
  readonly source: string;
  readonly size: number;
  /** 64 lower-case hex characters. */
  readonly rootHash: string;
}

const hex8 = (keyId: number) => keyId.toString(16).padStart(8, '0');

/** The tree size a note's text states, when its second line reads as one (for naming a checkpoint that does not verify). */
function statedSize(note: string): number | undefined {
  const line = note.split('\n')[1];
  return line !== undefined && /^(?:0|[1-9][0-9]{0,15})$/.test(line) ? Number(line) : undefined;
}

/**
 * Opens each checkpoint with its trusted keys: those a trusted key signed come back trusted;
 * every other one is a finding (forged signature, unknown key, or unreadable), never a throw.
 */
export function openCheckpoints(checkpoints: readonly CheckpointToHold[]): { trusted: TrustedCheckpoint[]; findings: LogFinding[] } {
  const trusted: TrustedCheckpoint[] = [];
  const findings: LogFinding[] = [];
  for (const { note, verifierKeys, origin, source } of checkpoints) {
    const size = typeof note === 'string' ? statedSize(note) : undefined;
    const ref = { source, ...(size === undefined ? {} : { size }) };
    const named = `checkpoint ${size ?? '(size unreadable)'} from ${source}`;
    try {
      const { checkpoint } = openCheckpoint(note, verifierKeys, origin);
      trusted.push({ source, size: checkpoint.size, rootHash: Buffer.from(checkpoint.rootHash).toString('hex') });
    } catch (error) {
      if (error instanceof ForgedNoteError) {
        const keyId = hex8(error.keyId);
        findings.push({
          kind: 'forged-checkpoint',
          keyName: error.keyName,
          keyId,
          checkpoints: [ref],
          summary: `forged checkpoint: ${named} carries a signature of trusted key ${error.keyName}+${keyId} that does not verify`,
        });
      } else if (error instanceof UnverifiedNoteError) {
        const signers = error.unverified.map((s) => ({ name: s.name, keyId: hex8(s.keyId) }));
        const by = signers.map((s) => `${s.name}+${s.keyId}`).join(', ');
        findings.push({
          kind: 'unknown-key',
          signers,
          checkpoints: [ref],
          summary: `checkpoint from an unknown key: ${named} is signed only by ${by}, no trusted key`,
        });
      } else {
        const reason = error instanceof Error ? error.message : String(error);
        findings.push({ kind: 'unusable-checkpoint', reason, checkpoints: [ref], summary: `unusable checkpoint: ${named}: ${reason}` });
      }
    }
  }
  return { trusted, findings };
}
