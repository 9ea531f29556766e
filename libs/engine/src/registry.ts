import type { AnyWorkflowDefinition } from './definition';
import { NotFound, ValidationError } from './errors';

/**
 * Every released version of every workflow. New streams use the latest version; replay uses the
 * version a stream was written with, so old versions stay registered for ever.
 */
export class DefinitionRegistry {
  private readonly byKey = new Map<string, AnyWorkflowDefinition>();
  private readonly latestByName = new Map<string, AnyWorkflowDefinition>();
  private readonly nameByPrefix = new Map<string, string>();

  constructor(definitions: Iterable<AnyWorkflowDefinition> = []) {
    for (const definition of definitions) this.register(definition);
  }

  register(definition: AnyWorkflowDefinition): this {
    const key = `${definition.name}@${definition.version}`;
    if (this.byKey.has(key)) throw new Error(`definition ${key} is registered twice`);
    const owner = this.nameByPrefix.get(definition.streamPrefix);
    if (owner && owner !== definition.name) {
      throw new Error(`stream prefix ${definition.streamPrefix} is used by ${owner} and ${definition.name}`);
    }
    this.byKey.set(key, definition);
    this.nameByPrefix.set(definition.streamPrefix, definition.name);
    const latest = this.latestByName.get(definition.name);
    if (!latest || latest.version < definition.version) this.latestByName.set(definition.name, definition);
    return this;
  }

  /** The exact version a stream was written with. */
  get(name: string, version: number): AnyWorkflowDefinition {
    const definition = this.byKey.get(`${name}@${version}`);
    if (!definition) throw new NotFound('workflow definition', `${name}@${version}`);
    return definition;
  }

  latest(name: string): AnyWorkflowDefinition {
    const definition = this.latestByName.get(name);
    if (!definition) throw new NotFound('workflow definition', name);
    return definition;
  }

  /** The workflow a stream id belongs to, from its prefix (`coe-42` -> coe-lifecycle). */
  forStream(streamId: string): AnyWorkflowDefinition {
    const dash = streamId.indexOf('-');
    const name = dash > 0 ? this.nameByPrefix.get(streamId.slice(0, dash)) : undefined;
    if (!name) throw new ValidationError([{ field: 'streamId', message: `${streamId} belongs to no registered workflow` }]);
    return this.latest(name);
  }

  all(): AnyWorkflowDefinition[] {
    return [...this.byKey.values()];
  }
}
