import { useId } from 'react';
import { PersonalValue } from './personal-value';
import { eventWords } from './timeline';

/**
 * One participant of a scheduled exchange as the API sends it. Name and position are personal data (issue #23):
 * each is the clear string, or an erased or withheld marker, so they are typed `unknown` and shown through `PersonalValue`.
 */
export interface Participant {
  readonly personId?: unknown;
  readonly name: unknown;
  readonly position: unknown;
  readonly category: unknown;
}

/** The exchange's participants as a table: name (with the person's id in small text), position and category (`npoOfficial` → "NPO official"). */
export function ParticipantRoster({ participants }: { participants: readonly Participant[] }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="participant-roster">
      <h2 id={headingId}>Participants</h2>
      {participants.length === 0 ? (
        <p>No participants named yet.</p>
      ) : (
        <div className="scroll" tabIndex={0} role="region" aria-label="Participants table (scrolls sideways)">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Position</th>
                <th scope="col">Category</th>
              </tr>
            </thead>
            <tbody>
              {participants.map((participant, index) => (
                <tr key={index}>
                  <th scope="row">
                    <PersonalValue value={participant.name} />
                    {typeof participant.personId === 'string' && <small className="person-id">{participant.personId}</small>}
                  </th>
                  <td>
                    <PersonalValue value={participant.position} />
                  </td>
                  <td>{typeof participant.category === 'string' ? eventWords(participant.category) : <PersonalValue value={participant.category} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
