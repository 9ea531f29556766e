import { describe, expect, it } from '@jest/globals';
import { QueryClientProvider } from '@tanstack/react-query';
import { renderToStaticMarkup } from 'react-dom/server';
import { SessionContext, type Api, type Role, type Session } from '../api';
import type { components } from '../api-schema';
import { newQueryClient } from '../query';
import { ExchangePage } from './exchange-page';

type BcnExchangeView = components['schemas']['BcnExchangeView'];

/** A scheduled exchange as GET /bcn-exchanges/:id sends it once one participant's data was erased on request (issue #23). */
const participants = [
  { personId: 'person-1', name: 'Somphone Keola', position: 'Director General', category: 'highLevelOfficial' },
  { personId: 'person-2', name: { $erased: 1, subject: 'person-2' }, position: { $erased: 1, subject: 'person-2' }, category: 'npoOfficial' },
];
const exchange = {
  id: 'bcn-la-th',
  title: 'Lean management in public services',
  state: 'scheduled',
  definitionVersion: 1,
  revision: 3,
  allowedEvents: [],
  sendingNpo: { name: 'NPO Laos', economy: 'LA' },
  hostingNpo: { name: 'NPO Thailand', economy: 'TH' },
  topic: 'Lean management',
  window: 1,
  programmeYear: 2023,
  closingDate: null,
  nextDeadline: null,
  overdue: false,
  schedule: { startDate: '2023-09-04', endDate: '2023-09-08', modality: 'faceToFace', venue: null, participantLimit: 4, participants },
} as unknown as BcnExchangeView; // the generated schema still types name and position as strings

/** The scheduling event as the timeline route sends it to a reporter: every personal value withheld. */
const withheld = (subject: string) => ({ $withheld: 1, subject });
const scheduled = {
  revision: 3,
  type: 'ExchangeScheduled',
  effectiveDate: '2023-06-01',
  recordedAt: '2023-06-01T09:00:00.000Z',
  actor: { id: 'test-assessor', role: 'assessor' },
  data: {
    startDate: '2023-09-04',
    participants: participants.map(({ personId, category }) => ({ personId, name: withheld(personId), position: withheld(personId), category })),
  },
};

/** The exchange page as `role`'s browser first paints it, the exchange already read (its diagram still loading); its timeline too if given. */
function render(view: BcnExchangeView, events?: readonly object[], role: Role = 'assessor'): string {
  const client = newQueryClient();
  client.setQueryData(['exchange', view.id], view);
  if (events)
    client.setQueryData(
      ['events', 'bcn', view.id, role, view.revision],
      events.map((e) => ({ ...e, metadata: {} })),
    );
  const session: Session = { api: {} as Api, key: 'k', principal: `test-${role}`, role };
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <SessionContext.Provider value={session}>
        <ExchangePage id={view.id} />
      </SessionContext.Provider>
    </QueryClientProvider>,
  );
}

/** The rows of the table under the "Participants" heading: each cell's text, and the label spans' classes and titles. */
function roster(markup: string) {
  const section = /<section aria-labelledby="[^"]*" class="participant-roster">(.*?)<\/section>/s.exec(markup)?.[1] ?? '';
  const rows = [...section.matchAll(/<tr>(.*?)<\/tr>/gs)].map((row) => [...row[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((cell) => cell[1]));
  return { heading: /<h2[^>]*>(.*?)<\/h2>/.exec(section)?.[1], rows };
}

describe('the exchange page shows its participants, an erased person said to be erased', () => {
  it('lists each participant: name and person id, position, category; the erased one as an "erased" label with its reason', () => {
    const markup = render(exchange);
    const { heading, rows } = roster(markup);
    const erased = '<span class="personal-erased" title="Erased on request: this person’s data was destroyed">erased</span>';
    expect(heading).toBe('Participants');
    expect(rows).toEqual([
      ['Name', 'Position', 'Category'],
      ['Somphone Keola<small class="person-id">person-1</small>', 'Director General', 'High level official'],
      [`${erased}<small class="person-id">person-2</small>`, erased, 'NPO official'],
    ]);
    expect(markup).not.toContain('[object Object]');
    expect(markup).not.toContain('$erased');
    // The count line stays among the facts.
    expect(markup).toContain('<dt>Participants</dt><dd>2 of at most 4 (face to face)</dd>');
  });

  it('shows no roster before the exchange is scheduled', () => {
    const markup = render({ ...exchange, state: 'draft', schedule: null });
    expect(markup).not.toContain('participant-roster');
    expect(markup).toContain('<dt>Participants</dt><dd>—</dd>');
  });
});

describe('the timeline shows personal values in event data by their markers', () => {
  it('labels each withheld name and position "withheld" with its reason, never as [object Object] or JSON', () => {
    const markup = render(exchange, [scheduled], 'reporter');
    const timeline = /<section[^>]*class="timeline">(.*)<\/section>/s.exec(markup)?.[1] ?? '';
    const label = '<span class="personal-withheld" title="Personal data: not shown to your role">withheld</span>';
    expect(timeline).toContain('Exchange scheduled');
    expect(timeline.split(label).length - 1).toBe(4);
    expect(timeline).toContain('<dt>name</dt><dd>' + label + '</dd>');
    expect(timeline).toContain('<dt>person id</dt><dd>person-2</dd>');
    expect(timeline).not.toMatch(/\[object Object\]|\$withheld/);
  });
});
