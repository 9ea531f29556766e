/** One COE's events (`id`) or the whole log's. */
export class ExportEventsQuery {
  constructor(readonly id?: string) {}
}
