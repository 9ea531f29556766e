import type { Api } from '../api';
import type { components } from '../api-schema';
import { href } from '../router';
import type { Programme } from './instance-actions';

export type HistoryEvent = components['schemas']['HistoryEvent'];
export type InstanceHistory = components['schemas']['InstanceHistory'];
export type StateAt = components['schemas']['StateAt'];
export type Divergence = components['schemas']['AuditDivergence'];
export type InstanceVerification = components['schemas']['InstanceVerification'];
export type StoreVerification = components['schemas']['StoreVerification'];
export type Seal = components['schemas']['Seal'];

/** The instance the auditor looks at: `?coe=<id>` or `?exchange=<id>` in the address. */
export interface Target {
  readonly programme: Programme;
  readonly id: string;
}

/** A point in the instance's past (the address's `asOf`, `asAt`, `revision`); none of them: now. */
export interface Point {
  readonly asOf?: string;
  readonly asAt?: string;
  readonly revision?: number;
}

export const NOUN: Record<Programme, string> = { coe: 'COE', bcn: 'BCN exchange' };
const PARAM: Record<Programme, string> = { coe: 'coe', bcn: 'exchange' };

export function targetOf(params: URLSearchParams): Target | undefined {
  const coe = params.get('coe');
  if (coe) return { programme: 'coe', id: coe };
  const exchange = params.get('exchange');
  if (exchange) return { programme: 'bcn', id: exchange };
  return undefined;
}

export function pointOf(params: URLSearchParams): Point {
  const revision = Number(params.get('revision') ?? '');
  return {
    asOf: params.get('asOf') || undefined,
    asAt: params.get('asAt') || undefined,
    revision: params.has('revision') && Number.isInteger(revision) && revision >= -1 ? revision : undefined,
  };
}

/** The Audit page's address for an instance at a point (no point: now). */
export const auditHref = (target?: Target, point: Point = {}): string =>
  href('audit', target ? { [PARAM[target.programme]]: target.id, asOf: point.asOf, asAt: point.asAt, revision: point.revision } : {});

export const isNow = (point: Point): boolean => point.asOf === undefined && point.asAt === undefined && point.revision === undefined;

// The COE and BCN routes answer the same shapes: one function per question, the programme picks the path.
export const readHistory = (api: Api, { programme, id }: Target) =>
  programme === 'coe' ? api.GET('/coes/{id}/history', { params: { path: { id } } }) : api.GET('/bcn-exchanges/{id}/history', { params: { path: { id } } });

export function readState(api: Api, { programme, id }: Target, point: Point) {
  const query = point.revision !== undefined ? { revision: point.revision } : { asOf: point.asOf, asAt: point.asAt };
  return programme === 'coe'
    ? api.GET('/coes/{id}/state', { params: { path: { id }, query } })
    : api.GET('/bcn-exchanges/{id}/state', { params: { path: { id }, query } });
}

export const verifyInstance = (api: Api, { programme, id }: Target) =>
  programme === 'coe' ? api.GET('/coes/{id}/verify', { params: { path: { id } } }) : api.GET('/bcn-exchanges/{id}/verify', { params: { path: { id } } });

export type ExportFormat = 'jsonl' | 'csv';

export const exportInstance = (api: Api, { programme, id }: Target, format: ExportFormat) =>
  programme === 'coe'
    ? api.GET('/coes/{id}/export', { params: { path: { id }, query: { format } }, parseAs: 'blob' })
    : api.GET('/bcn-exchanges/{id}/export', { params: { path: { id }, query: { format } }, parseAs: 'blob' });

export const exportStore = (api: Api, format: ExportFormat) => api.GET('/audit/export', { params: { query: { format } }, parseAs: 'blob' });

/** "1 event", "6 events". */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
