import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { checkpointSigner, WitnessReceiver } from '../../testing/witness-fixtures';
import { registerWitnessMetrics } from './witness-metrics';
import { WitnessPublisher } from './witness-publisher';

const SECRET = 'witness-secret-0123456789';
const log = checkpointSigner();
const meta = (treeSize: number) => ({ treeSize, origin: log.origin });

describe('WitnessPublisher', () => {
  const receiver = new WitnessReceiver();
  let root: string;
  let publisher: WitnessPublisher;
  let lines: string[];
  const make = (directories: string[], webhooks = [{ name: 'auditor-a', url: receiver.url, secret: SECRET }]) => {
    lines = [];
    publisher = new WitnessPublisher({
      config: { directories, webhooks },
      logger: { warn: (line) => lines.push(line) },
      webhook: { maxAttempts: 2, baseDelayMs: 10, timeoutMs: 1_000 },
    });
    return publisher;
  };

  beforeAll(() => receiver.start());
  afterAll(() => receiver.close());
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'witness-publisher-'));
    receiver.requests.length = 0;
    receiver.answer = () => ({ status: 200 });
  });
  afterEach(async () => {
    await publisher?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('gives each checkpoint to every directory and webhook, and keeps their status', async () => {
    const [a, b] = [join(root, 'a'), join(root, 'b')];
    mkdirSync(a);
    mkdirSync(b);
    make([a, b]);
    expect(publisher.configured).toBe(true);
    await publisher.publish(log.note(4), meta(4));
    // Directories are written when publish resolves; webhooks only queued.
    expect(readFileSync(join(a, '4.checkpoint'), 'utf8')).toBe(log.note(4));
    expect(readFileSync(join(b, 'latest.checkpoint'), 'utf8')).toBe(log.note(4));
    await publisher.idle();
    expect(receiver.requests.map((r) => r.rawBody)).toEqual([log.note(4)]);
    expect(publisher.status()).toEqual([
      expect.objectContaining({ witness: a, kind: 'directory', lastDeliveredSize: 4, failures: 0 }),
      expect.objectContaining({ witness: b, kind: 'directory', lastDeliveredSize: 4, failures: 0 }),
      expect.objectContaining({ witness: 'auditor-a', kind: 'webhook', lastDeliveredSize: 4, failures: 0 }),
    ]);
    expect(lines).toEqual([]);
  });

  it('never rejects: a missing directory, a fork and a failing webhook are each logged on one line naming the witness', async () => {
    const present = join(root, 'present');
    mkdirSync(present);
    writeFileSync(join(present, '6.checkpoint'), log.note(6, 'another history'));
    receiver.answer = () => ({ status: 500, body: 'down for maintenance' });
    make([join(root, 'missing'), present]);

    await expect(publisher.publish(log.note(6), meta(6))).resolves.toBeUndefined();
    await publisher.idle();
    // Directories and webhooks work side by side: their lines may interleave.
    expect(lines).toHaveLength(4);
    expect(lines).toEqual(
      expect.arrayContaining([
        `witness ${join(root, 'missing')} (directory): checkpoint 6 not written: witness directory ${join(root, 'missing')} does not exist`,
        expect.stringMatching(
          new RegExp(
            `^witness ${present} \\(directory\\): checkpoint 6 not written: .*6\\.checkpoint already holds a different checkpoint of tree size 6 \\(a fork\\)`,
          ),
        ),
        'witness auditor-a (webhook): checkpoint 6 attempt 1 failed: HTTP 500: down for maintenance; retrying in 10 ms',
        'witness auditor-a (webhook): checkpoint 6 attempt 2 failed: HTTP 500: down for maintenance; given up',
      ]),
    );
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
    expect(publisher.status().map((s) => [s.witness, s.failures, s.lastDeliveredSize])).toEqual([
      [join(root, 'missing'), 1, null],
      [present, 1, null],
      ['auditor-a', 2, null],
    ]);
  });

  it('answers the newest checkpoint each witness holds, for the self-check', async () => {
    const [held, missing] = [join(root, 'held'), join(root, 'missing')];
    mkdirSync(held);
    const cosigned = `${log.note(9)}\u2014 auditor-a.example AAAAAWNvc2lnbmVk\n`;
    receiver.answer = () => ({ status: 200, body: cosigned });
    make([held, missing]);
    await publisher.publish(log.note(3), meta(3));
    await publisher.publish(log.note(9), meta(9));
    writeFileSync(join(held, '12.checkpoint'), 'garbage');
    await publisher.idle();

    expect(await publisher.latestHeld(log.origin)).toEqual([
      {
        witness: held,
        kind: 'directory',
        checkpoint: { note: log.note(9), path: join(held, '9.checkpoint'), treeSize: 9 },
        ignored: [{ path: join(held, '12.checkpoint'), problem: expect.stringContaining('not a signed checkpoint') }],
      },
      { witness: missing, kind: 'directory', checkpoint: undefined, ignored: [], error: `witness directory ${missing} does not exist` },
      { witness: 'auditor-a', kind: 'webhook', checkpoint: { treeSize: 9, note: cosigned }, ignored: [] },
    ]);
  });

  it('shows every witness on /metrics', async () => {
    const dir = join(root, 'metrics');
    mkdirSync(dir);
    make([dir, join(root, 'missing')]);
    await publisher.publish(log.note(15), meta(15));
    await publisher.idle();
    const registry = new Registry();
    registerWitnessMetrics(registry, () => publisher.status());
    const text = await registry.metrics();
    expect(text).toContain(`apo_witness_delivered_tree_size{witness="${dir}",kind="directory"} 15`);
    expect(text).toContain(`apo_witness_delivered_tree_size{witness="${join(root, 'missing')}",kind="directory"} -1`);
    expect(text).toContain(`apo_witness_up{witness="${join(root, 'missing')}",kind="directory"} 0`);
    expect(text).toContain('apo_witness_up{witness="auditor-a",kind="webhook"} 1');
    expect(text).toContain('apo_witness_failures{witness="auditor-a",kind="webhook"} 0');
    expect(text).toContain('apo_witness_dropped{witness="auditor-a",kind="webhook"} 0');
  });

  it('with no witness configured, publishing does nothing', async () => {
    make([], []);
    expect(publisher.configured).toBe(false);
    await publisher.publish(log.note(1), meta(1));
    expect(publisher.status()).toEqual([]);
    expect(await publisher.latestHeld(log.origin)).toEqual([]);
  });
});
