import { mergeIntoPage, toMarkdown, type BenchReport, type Section } from './report';

const section = (title: string, label: string): Section => ({
  title,
  description: `${title} described`,
  figures: [{ id: label, label, eventsPerSecond: { median: 100, min: 90, max: 110 }, peakRssMiB: 50 }],
});
const report = (date: string, sections: Section[]): BenchReport => ({
  date,
  machine: { cores: 2, cpu: 'cpu', memoryGiB: 8, node: 'v20.20.2', platform: 'linux x64' },
  repeats: 3,
  sections,
});

describe('the benchmarks page after a run of some sections', () => {
  const full = toMarkdown(report('2026-01-01', [section('Store', 'append'), section('Audit', 'verify'), section('Console', 'portfolio')]));

  it('replaces the sections that ran, says when they ran alone, and keeps the others as they were', () => {
    const merged = mergeIntoPage(full, report('2026-02-02', [section('Audit', 'verify again')]));
    expect(merged.match(/^## .*/gm)).toEqual(['## Store', '## Audit', '## Console']);
    expect(merged).toContain('verify again');
    expect(merged).not.toMatch(/\| verify \|/);
    expect(merged).toMatch(/Audit described\n\nRun alone 2026-02-02 [^\n]*\n\n\| Figure/);
    expect(merged).toContain('Run 2026-01-01'); // the page's own sitting, for the sections kept
    const [before, after] = [full, merged].map((page) => page.slice(page.indexOf('## Console')));
    expect(after).toBe(before);
  });

  it('adds a section the page did not have at the end', () => {
    const merged = mergeIntoPage(full, report('2026-02-02', [section('Transparency', 'tree append')]));
    expect(merged.match(/^## .*/gm)).toEqual(['## Store', '## Audit', '## Console', '## Transparency']);
    expect(merged.startsWith(full.trimEnd())).toBe(true);
  });
});
