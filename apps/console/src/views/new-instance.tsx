import { useState } from 'react';
import type { FieldMessage } from '../forms/form-values';
import { commandNote } from '../forms/notes';
import { commandsOf } from '../forms/openapi';
import { useOpenApi } from '../forms/use-openapi';
import { fieldId } from '../forms/schema-fields';
import { Loaded } from '../query';
import { coeHref, exchangeHref, navigate } from '../router';
import { CommandForm } from './command-form';
import { COLLECTIONS, NOUNS, type Programme } from './instance-actions';

/** The API's rule for an instance id (libs/workflow's INSTANCE_ID), checked here before sending. */
const INSTANCE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ID_RULE =
  '1 to 64 letters, digits, dots, underscores or hyphens, starting with a letter or digit. It is part of the address and cannot be changed later.';

/** The command that creates an instance of each programme, and how the page names it. */
const CREATION: Readonly<Record<Programme, { operationId: string; title: string; example: string }>> = {
  coe: { operationId: 'submitApplication', title: 'New COE: submit an application', example: 'th-digital-2025' },
  bcn: { operationId: 'draftExchange', title: 'New BCN exchange: a draft', example: '2030-th-la-digital' },
};

/** The page that creates a COE (an application) or a BCN exchange (a draft), the id typed by the person. */
export function NewInstance({ programme }: { programme: Programme }) {
  const openApi = useOpenApi();
  const [id, setId] = useState('');
  const creation = CREATION[programme];
  const prefix = `form-${creation.operationId}`;
  const idInput = fieldId(prefix, 'id');
  return (
    <section aria-labelledby="new-title">
      <h1 id="new-title">{creation.title}</h1>
      <Loaded query={openApi}>
        {(document) => {
          const command = commandsOf(document, COLLECTIONS[programme]).find((c) => c.operationId === creation.operationId);
          if (!command) return <p role="alert">The API does not offer this command.</p>;
          const idProblem = (): FieldMessage[] =>
            id.trim() === ''
              ? [{ field: 'id', message: 'ID is required' }]
              : INSTANCE_ID.test(id.trim())
                ? []
                : [{ field: 'id', message: `must be ${ID_RULE.split('.')[0]}` }];
          return (
            <CommandForm
              command={command}
              id={id.trim()}
              noun={NOUNS[programme]}
              level={2}
              note={commandNote}
              submitLabel={`Create ${NOUNS[programme]}`}
              extraCheck={idProblem}
              onDone={(answer) => navigate(programme === 'coe' ? coeHref(answer.id) : exchangeHref(answer.id))}
              lead={(errors) => (
                <IdField id={idInput} value={id} onChange={setId} example={creation.example} noun={NOUNS[programme]} error={errors.get('id')} />
              )}
            />
          );
        }}
      </Loaded>
    </section>
  );
}

function IdField(props: { id: string; value: string; onChange: (v: string) => void; example: string; noun: string; error?: string }) {
  const { id, value, onChange, example, noun, error } = props;
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{noun} ID</label>
      <input
        id={id}
        type="text"
        required
        maxLength={64}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={error ? `${id}-help ${id}-error` : `${id}-help`}
        aria-invalid={error ? true : undefined}
        autoComplete="off"
        spellCheck={false}
      />
      <p className="help" id={`${id}-help`}>
        {ID_RULE} Example: {example}.
      </p>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** For `React.lazy` (pages.tsx). */
export default NewInstance;
