import type { Programme } from '@apo/programmes';

export class GetHistoryQuery {
  constructor(
    readonly programme: Programme,
    readonly id: string,
  ) {}
}
