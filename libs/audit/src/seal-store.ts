import type { EventStore } from '@apo/event-store';
import { scanHeads } from './heads';
import { sealOf, type Seal } from './seal';

/** Reads the log once and seals its heads; `sealedAt` is the caller's clock (ISO 8601). */
export async function sealStore(store: EventStore, sealedAt: string, onEvents?: (events: number) => void): Promise<Seal> {
  const scan = await scanHeads(store, onEvents);
  return sealOf(scan.heads.values(), sealedAt);
}
