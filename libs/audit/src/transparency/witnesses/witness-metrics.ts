import { Gauge, type Registry } from 'prom-client';
import type { WitnessStatus } from './witness-status';

/**
 * Prometheus series of the witnesses, read from their status when scraped (labels `witness`,
 * `kind`): `apo_witness_delivered_tree_size` (-1 before the first delivery),
 * `apo_witness_failures` (failed attempts), `apo_witness_dropped` (checkpoints superseded
 * before they were sent) and `apo_witness_up` (0 while the last attempt failed).
 */
export function registerWitnessMetrics(registry: Registry, status: () => readonly WitnessStatus[]): void {
  const perWitness = (name: string, help: string, value: (s: WitnessStatus) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['witness', 'kind'],
      registers: [registry],
      collect() {
        this.reset();
        for (const s of status()) this.set({ witness: s.witness, kind: s.kind }, value(s));
      },
    });
  perWitness('apo_witness_delivered_tree_size', 'Tree size of the newest checkpoint the witness took (-1: none yet)', (s) => s.lastDeliveredSize ?? -1);
  perWitness('apo_witness_failures', 'Failed attempts to give the witness a checkpoint since the process started', (s) => s.failures);
  perWitness('apo_witness_dropped', 'Checkpoints never sent to the witness because a newer one replaced them in its queue', (s) => s.dropped);
  perWitness('apo_witness_up', '1 unless the last attempt to give the witness a checkpoint failed', (s) => (s.lastError === null ? 1 : 0));
}
