import type { FormEvent } from 'react';
import type { Refusal } from '../query';
import { href, navigate } from '../router';
import type { ReportFilter, ReportSpec } from './reports-catalog';

/**
 * The report's filters as a form; applying them puts them in the address (bookmarkable, back button works) and starts at the first page.
 * A filter the API refused (400, problem+json `fields`) shows its message beside the field.
 */
export function ReportFilters({ report, values, refusal }: { report: ReportSpec; values: Record<string, string>; refusal?: Refusal }) {
  // A field may be refused for several reasons (not a number, out of range): all are said beside it.
  const problems = new Map<string, string>();
  for (const { field, message } of refusal?.problem?.fields ?? []) problems.set(field, problems.has(field) ? `${problems.get(field)}; ${message}` : message);
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen: Record<string, string> = {};
    for (const [name, value] of new FormData(event.currentTarget)) if (typeof value === 'string' && value.trim() !== '') chosen[name] = value.trim();
    navigate(href(`reports/${report.name}`, chosen));
  };
  if (report.filters.length === 0) return null;
  return (
    // Keyed by the values: going back to another address shows that address's filters.
    <form key={JSON.stringify(values)} className="report-filters" onSubmit={apply} aria-labelledby="filters-title" noValidate>
      <h2 id="filters-title">Filters</h2>
      <div className="filter-fields">
        {report.filters.map((filter) => (
          <FilterField key={filter.name} filter={filter} value={values[filter.name] ?? ''} problem={problems.get(filter.name)} />
        ))}
      </div>
      <div className="filter-actions">
        <button type="submit">Apply filters</button>
        {Object.keys(values).length > 0 && (
          <button type="button" onClick={() => navigate(href(`reports/${report.name}`))}>
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}

function FilterField({ filter, value, problem }: { filter: ReportFilter; value: string; problem?: string }) {
  const id = `filter-${filter.name}`;
  const described = [filter.help ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: filter.name, defaultValue: value, 'aria-describedby': described, 'aria-invalid': problem ? true : undefined };
  return (
    <div className="filter">
      <label htmlFor={id}>{filter.label}</label>
      {filter.kind === 'select' || filter.kind === 'yes-no' ? (
        <select {...common}>
          <option value="">Any</option>
          {filter.kind === 'yes-no' ? (
            <>
              <option value="true">Yes</option>
              <option value="false">No</option>
            </>
          ) : (
            filter.options?.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))
          )}
        </select>
      ) : (
        <input {...common} type={filter.kind === 'date' ? 'date' : 'text'} inputMode={filter.kind === 'number' ? 'numeric' : undefined} />
      )}
      {filter.help && (
        <span id={`${id}-help`} className="help">
          {filter.help}
        </span>
      )}
      {problem && (
        <span id={`${id}-error`} className="error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
