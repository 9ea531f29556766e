import type { AuditDivergence } from './audit-divergence';
import { describeDivergence } from './audit-divergence';
import type { HistoryEvent, InstanceHistory } from './history';
import { terminalSafe } from './terminal-text';

const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined ? '?' : JSON.stringify(value));
const short = (hash: unknown): string => text(hash).slice(0, 16);

function eventLines(e: HistoryEvent): string[] {
  const m = e.metadata as Record<string, unknown>;
  const actor = (m.actor ?? {}) as Record<string, unknown>;
  return [
    `#${String(e.revision).padEnd(4)} ${text(m.effectiveDate)}  ${e.type}  ${text(m.from)} -> ${text(m.to)}`,
    `      by ${text(actor.id)} (${text(actor.role)})  recorded ${text(m.recordedAt)}  stored ${e.createdAt}  position ${e.position}`,
    `      command ${text(m.commandId)}  correlation ${text(m.correlationId)}  causation ${text(m.causationId)}`,
    `      event ${e.eventId}  ${text(m.definition)}@${text(m.version)}  prev ${short(m.prevHash)}…  hash ${short(m.hash)}…`,
    `      data ${JSON.stringify(e.data)}`,
  ];
}

/**
 * A readable timeline of one instance: a header, then per event its business date, type and
 * states, who and when, the ids that tie it to its command, the hash chain and the data; and the
 * verification verdict when given. Every line is `terminalSafe`: a control character stored in
 * any field shows as its escape (`\u001b`), a stored newline included.
 */
export function formatTimeline(history: InstanceHistory, divergences?: readonly AuditDivergence[]): string {
  const lines = [`${history.streamId}  ${history.definition}@${history.version}  ${history.events.length} events`, ''];
  for (const event of history.events) lines.push(...eventLines(event));
  if (divergences) {
    lines.push('');
    if (divergences.length === 0) lines.push('verified: the replay, the hash chain and the revisions agree with every stored event');
    else lines.push(`NOT verified: ${divergences.length} divergences`, ...divergences.map((d) => `  ${describeDivergence(d)}`));
  }
  return `${lines.map((line) => terminalSafe(line)).join('\n')}\n`;
}
