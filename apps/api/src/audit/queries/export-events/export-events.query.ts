import type { Programme } from '@apo/programmes';

/** One instance's events (`programme` and `id`) or the whole log's (neither). */
export class ExportEventsQuery {
  constructor(readonly instance?: { readonly programme: Programme; readonly id: string }) {}
}
