import 'reflect-metadata';
import { Type } from 'class-transformer';
import { getMetadataStorage, IsInt, IsString, Min, validateSync, ValidateNested } from 'class-validator';
import { memoiseValidationMetadata } from './validation-metadata-memo';

class Participants {
  @IsString() economy!: string;
  @IsInt() @Min(1) count!: number;
}
class Record {
  @IsString() title!: string;
}
class Activity extends Record {
  @IsInt() year!: number;
  @ValidateNested({ each: true }) @Type(() => Participants) participants!: Participants[];
}

const activity = (fields: object): Activity => Object.assign(new Activity(), fields);
const participants = (economy: unknown, count: unknown): Participants => Object.assign(new Participants(), { economy, count });
const inputs = [
  activity({ title: 'Bootcamp', year: 2025, participants: [participants('TH', 10)] }),
  activity({ title: 7, year: 'x', participants: [participants('TH', 0), participants(3, 2)], extra: true }),
  activity({}),
];
/** What a caller sees: every failing field, its constraints, nested. */
const errors = (value: object) =>
  JSON.parse(JSON.stringify(validateSync(value, { whitelist: true, forbidNonWhitelisted: true }).map(({ target: _, ...e }) => e))) as unknown;

describe('memoised class-validator metadata', () => {
  const storage = getMetadataStorage();
  const before = inputs.map(errors);
  const rulesBefore = storage.getTargetValidationMetadatas(Activity, '', false, false, undefined);
  memoiseValidationMetadata();

  it('validates exactly as before, inherited and nested rules included', () => {
    expect(inputs.map(errors)).toEqual(before);
    expect(before[1]).toEqual(expect.arrayContaining([expect.objectContaining({ property: 'extra' }), expect.objectContaining({ property: 'participants' })]));
    expect(storage.getTargetValidationMetadatas(Activity, '', false, false, undefined)).toEqual(rulesBefore);
  });

  it('works a class out once per set of options', () => {
    const first = storage.getTargetValidationMetadatas(Activity, '', false, false, undefined);
    expect(storage.getTargetValidationMetadatas(Activity, '', false, false, undefined)).toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
    expect(storage.getTargetValidationMetadatas(Activity, '', false, false, ['admin'])).not.toBe(first);
  });

  it('sees a rule added after it was memoised (on a base class too)', () => {
    IsInt()(Record.prototype, 'pages');
    const found = errors(activity({ title: 'Bootcamp', year: 2025, participants: [], pages: 'many' }));
    // A stale answer would call `pages` unknown (whitelist) rather than not an integer.
    expect(found).toEqual([expect.objectContaining({ property: 'pages', constraints: { isInt: 'pages must be an integer number' } })]);
  });

  it('memoises once even when asked twice', () => {
    const rules = storage.getTargetValidationMetadatas(Participants, '', false, false, undefined);
    memoiseValidationMetadata();
    expect(storage.getTargetValidationMetadatas(Participants, '', false, false, undefined)).toBe(rules);
  });
});
