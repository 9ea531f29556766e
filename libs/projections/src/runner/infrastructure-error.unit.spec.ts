import { UnreadableEvent } from '@apo/event-store';
import { ReadStoreError } from '@apo/read-store';
import { isInfrastructureError } from './infrastructure-error';

const withCode = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe('isInfrastructureError: stop the runner (and retry) or skip the event', () => {
  it.each([
    ['a lost lease', new ReadStoreError('READ_STORE_UNREACHABLE', 'the runner lost its lease')],
    ['a busy SQLite file', withCode('database is locked', { code: 'SQLITE_BUSY' })],
    ['a full disk', withCode('database or disk is full', { code: 'SQLITE_FULL' })],
    ['a SQLite I/O error', withCode('disk I/O error', { code: 'SQLITE_IOERR_WRITE' })],
    ['a PostgreSQL server shutting down', withCode('terminating connection due to administrator command', { code: '57P01', severity: 'FATAL' })],
    ['a deadlock', withCode('deadlock detected', { code: '40P01', severity: 'ERROR' })],
    ['a missing table', withCode('relation "coe_overview" does not exist', { code: '42P01', severity: 'ERROR' })],
    ['a reset connection', withCode('read ECONNRESET', { code: 'ECONNRESET', errno: -104, syscall: 'read' })],
    ["pg's dropped connection", new Error('Connection terminated unexpectedly')],
    ['a closed event store', Object.assign(new Error('the event store is closed'), { name: 'EventStoreError' })],
    ['EventStoreDB unavailable', Object.assign(new Error('14 UNAVAILABLE: No connection established'), { name: 'UnavailableError' })],
  ])('%s stops the runner', (_what, error) => {
    expect(isInfrastructureError(error)).toBe(true);
  });

  it.each([
    ['a projection meeting an unexpected shape', new TypeError("Cannot read properties of undefined (reading 'key')")],
    ['an event read back that no longer parses', new UnreadableEvent('coe-x', 3, 27n, 'data', 'Unexpected end of JSON input', 'ActivityRecorded')],
    ['a value PostgreSQL refuses', withCode('invalid byte sequence for encoding "UTF8": 0x00', { code: '22021', severity: 'ERROR' })],
    ['one upsert touching a row twice', withCode('ON CONFLICT DO UPDATE command cannot affect row a second time', { code: '21000', severity: 'ERROR' })],
    ['a constraint', withCode('UNIQUE constraint failed: coe_assessments.position', { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })],
    ['anything else a projection throws', new Error('deadlines: stream coe-x read back 2 events before revision 3')],
    ['a thrown string', 'nope'],
  ])("%s is the event's fault", (_what, error) => {
    expect(isInfrastructureError(error)).toBe(false);
  });
});
