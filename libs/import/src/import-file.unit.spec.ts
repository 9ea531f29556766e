import fc from 'fast-check';
import { parseImportFile } from './import-file';

describe('portfolio files', () => {
  const jsonl = [
    '# two lines of one COE',
    '{"instance":"th-food","command":"SubmitApplication","data":{"name":"COE on Food Safety","hostInstitution":{"name":"National Food Institute","type":"other"},"appliedOn":"2018-11"}}',
    '',
    '{"instance":"th-food","command":"RecordAssessment","data":{"assessmentId":"a1","assessedOn":"2020","scores":{"competency":4,"outputs":5},"recommendation":"advance"}}',
  ].join('\n');
  const csv = [
    'instance,command,name,hostInstitution.name,hostInstitution.type,appliedOn,assessmentId,assessedOn,scores.competency:number,scores.outputs:number,recommendation',
    'th-food,SubmitApplication,COE on Food Safety,National Food Institute,other,2018-11,,,,,',
    'th-food,RecordAssessment,,,,,a1,2020,4,5,advance',
  ].join('\r\n');

  it('reads the same commands from JSON Lines and from CSV, with the line each came from', () => {
    const fromJson = parseImportFile(jsonl, 'jsonl');
    const fromCsv = parseImportFile(csv, 'csv');
    expect(fromJson.problems).toEqual([]);
    expect(fromCsv.problems).toEqual([]);
    expect(fromJson.lines.map((l) => l.command)).toEqual(fromCsv.lines.map((l) => l.command));
    expect(fromJson.lines.map((l) => l.line)).toEqual([2, 4]);
    expect(fromCsv.lines.map((l) => l.line)).toEqual([2, 3]);
    // Cells are text (a year stays '2020') unless the column is typed.
    expect(fromCsv.lines[1].command.data).toMatchObject({ assessedOn: '2020', scores: { competency: 4, outputs: 5 } });
  });

  it('reads typed CSV columns, and names a cell that is not of the type of its column', () => {
    const parsed = parseImportFile('instance,command,historical:boolean,outputs:json,count:number\nx,Y,true,"[""kit""]",12\nx,Y,,,twelve\n', 'csv');
    expect(parsed.lines.map((l) => l.command.data)).toEqual([{ historical: true, outputs: ['kit'], count: 12 }]);
    expect(parsed.problems).toMatchObject([{ line: 3, field: 'count', code: 'IMPORT.BAD_LINE' }]);
    expect(parsed.problems[0].message).toContain('"twelve"');
  });

  it('names the line and the field of every line it cannot read', () => {
    const bad = [
      '{"instance":"a","command":"X","data":{}}',
      'not json',
      '[1,2]',
      '{"instance":"","command":"X","data":{}}',
      '{"instance":"b\\u001b[2J","command":"X","data":{}}',
      '{"instance":"c","command":"X","data":[]}',
      '{"instance":"d","command":"X","data":{},"extra":1}',
      `{"instance":"e","command":"X","data":${'['.repeat(40)}${']'.repeat(40)}}`,
      '{"instance":"f","command":"X","data":{"name":"a\\u0000b"}}',
    ].join('\n');
    const { lines, problems } = parseImportFile(bad, 'jsonl');
    expect(lines.map((l) => l.line)).toEqual([1]);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'line'],
      [3, 'line'],
      [4, 'instance'],
      [5, 'instance'],
      [6, 'data'],
      [7, '"extra"'],
      [8, 'data'],
      [9, 'data.name'],
    ]);
    expect(problems.every((p) => p.code === 'IMPORT.BAD_LINE')).toBe(true);
  });

  it('refuses a CSV whose columns collide or whose quoting is broken, naming the line', () => {
    expect(parseImportFile('instance,command,a,a.b\nx,Y,1,2\n', 'csv').problems).toMatchObject([{ line: 2, field: 'a.b' }]);
    expect(parseImportFile('instance,command,a\nx,Y,"unclosed\n', 'csv').problems).toMatchObject([{ field: 'file', code: 'IMPORT.BAD_LINE' }]);
  });

  it('never throws on any text, and every problem names a line of the file', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom('jsonl' as const, 'csv' as const), (text, format) => {
        const { lines, problems } = parseImportFile(text, format);
        const count = text.split(/\r\n|\r|\n/).length;
        for (const p of problems) expect(p.line).toBeGreaterThanOrEqual(1);
        for (const l of [...lines, ...problems]) expect(l.line).toBeLessThanOrEqual(count + 1);
      }),
      { numRuns: 300 },
    );
  });
});
