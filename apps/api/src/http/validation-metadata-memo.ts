import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadatas = ReturnType<Storage['getTargetValidationMetadatas']>;

/**
 * class-validator works out a class's validation rules anew for every object it validates: it
 * filters the rules of every decorated class in the process (an `instanceof` test per class, for
 * inherited rules) and groups them by property, allocating as it goes. Under load that was ~8 % of
 * everything the API allocated (a sampling heap profile, docs/performance.md). The rules only
 * change when a decorator runs, i.e. while modules load, so this memoises both answers per class
 * and options and forgets them whenever a rule is added. The answers are the same objects
 * class-validator would have built; its validator only reads them.
 * Kept with derived DTOs (request-dto.ts): ValidationPipe CPU per RecordActivity body 151 → 123 µs with the API's 104 rule-bearing classes, 145 → 129 µs with only the 34 derived ones (7 rounds × 20k, medians).
 */
export function memoiseValidationMetadata(storage: Storage = getMetadataStorage()): void {
  const marked = storage as Storage & { memoised?: true };
  if (marked.memoised) return;
  marked.memoised = true;
  const targetMetadatas = storage.getTargetValidationMetadatas.bind(storage);
  const groupByPropertyName = storage.groupByPropertyName.bind(storage);
  const addValidationMetadata = storage.addValidationMetadata.bind(storage);
  let byTarget = new WeakMap<object, Map<string, Metadatas>>();
  let grouped = new WeakMap<Metadatas, ReturnType<Storage['groupByPropertyName']>>();

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups ? groups.join('\u0001') : '-'}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map()));
    let metadatas = forTarget.get(key);
    if (!metadatas) forTarget.set(key, (metadatas = targetMetadatas(target, schema, always, strictGroups, groups)));
    return metadatas;
  };
  storage.groupByPropertyName = (metadatas) => {
    let byProperty = grouped.get(metadatas);
    if (!byProperty) grouped.set(metadatas, (byProperty = groupByPropertyName(metadatas)));
    return byProperty;
  };
  storage.addValidationMetadata = (metadata) => {
    byTarget = new WeakMap();
    grouped = new WeakMap();
    addValidationMetadata(metadata);
  };
}
