import { checkChain, DefinitionRegistry, fold, GENESIS_HASH, hashEvent, verifyStream, type EnvelopedEvent } from '@apo/engine';
import { COE_DEFINITION_NAME, createCoeDefinition, describeCoe } from '../coe-definition';
import type { CoeContext } from '../coe-model';
import storedLog from '../testing/coe-v1-log.json';
import { createCoeDefinitionV2 } from './coe-v2-definition';

/**
 * A whole version 1 life (coe-life-script: applied 2025 -> graduated 2030, 25 events) as the
 * store held it before version 2 existed, committed as JSON. Released machines are never edited:
 * with both versions registered, this stream must still replay on version 1, to the states and
 * hashes stored.
 */
const log = storedLog as unknown as EnvelopedEvent[];
const registry = new DefinitionRegistry([createCoeDefinition(), createCoeDefinitionV2()]);

describe('a stored version 1 COE stream, with version 2 registered', () => {
  it('is version 1 by its first event; version 2 is the latest, for new streams', () => {
    expect(log[0].metadata).toMatchObject({ definition: COE_DEFINITION_NAME, version: 1 });
    expect(registry.get(COE_DEFINITION_NAME, 1).version).toBe(1);
    expect(registry.latest(COE_DEFINITION_NAME).version).toBe(2);
  });

  it('replays on version 1 to every stored state, and its hash chain holds as stored', () => {
    const result = verifyStream(registry, 'coe-th-digital', log);
    expect(result.divergences).toEqual([]);
    expect(result.events).toBe(25);
    expect(result.finalState?.state).toBe('graduated');
    expect(log.every((event) => hashEvent(event) === event.metadata.hash)).toBe(true);
    expect(checkChain('coe-th-digital', { revision: -1, hash: GENESIS_HASH }, log)).toMatchObject({ revision: 24, hash: log[24].metadata.hash });
  });

  it('folds with the version it was written with to what version 1 describes', () => {
    const { definition, version } = log[0].metadata;
    const state = fold(registry.get(definition, version), log);
    expect(state.state).toBe(log[24].metadata.to);
    expect(describeCoe(state.state, state.context as CoeContext)).toMatchObject({
      name: 'COE on Digital Transformation for SMEs',
      phase: 'graduated',
      records: { activities: 1, publications: 1, replications: 1 },
    });
  });

  it('would not replay on version 2 (graduation is not a version 2 event): the version matters', () => {
    const registryV2 = new DefinitionRegistry([createCoeDefinitionV2()]);
    const kinds = new Set(
      verifyStream(
        registryV2,
        'coe-th-digital',
        log.map((e) => ({ ...e, metadata: { ...e.metadata, version: 2 } })),
      ).divergences.map((d) => d.kind),
    );
    expect([...kinds]).toEqual(expect.arrayContaining(['hash', 'to']));
  });
});
