import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one API process (`/metrics`). */
export class ApiMetrics {
  readonly registry = new Registry();
  readonly commands = new Counter({
    name: 'workflow_commands_total',
    help: 'Commands handled, by type and outcome',
    labelNames: ['type', 'outcome'],
    registers: [this.registry],
  });
  readonly commandSeconds = new Histogram({
    name: 'workflow_command_duration_seconds',
    help: 'Command latency inside the server, by type and outcome',
    labelNames: ['type', 'outcome'],
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1],
    registers: [this.registry],
  });
  readonly appendSeconds = new Histogram({
    name: 'event_store_append_duration_seconds',
    help: 'Event store append latency',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });

  /** Streams found breaking their hash chain (once per stream per process; they are refused from then on). */
  readonly integrityFailures = new Counter({
    name: 'apo_stream_integrity_failures_total',
    help: 'Streams found breaking their hash chain (edited, deleted or unreadable events), by workflow definition; each is refused with 409 STREAM_INTEGRITY',
    labelNames: ['definition'],
    registers: [this.registry],
  });

  /** Audit alarms open (the transparency self-check's, not yet acknowledged): while above 0, routes that append answer 503 AUDIT_ALARM. */
  readonly auditOpenAlarms = new Gauge({
    name: 'apo_audit_open_alarms',
    help: 'Audit alarms open (the log no longer matches a signed checkpoint) and not yet acknowledged by an admin; while above 0, writes are refused',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
