import type { FormEvent, MouseEvent, ReactNode } from 'react';
import { Link } from '../link';
import { href, navigate, type Route } from '../router';
import type { Choices } from './choices';
import './list-view.css';

/**
 * The parts of a list page whose state lives in the address (filters, search, sort, page): a
 * bookmark or a reload shows the same rows, and the back button undoes a filter.
 */

/** One filter of a list: a query parameter of its API route, with its label and input. */
export interface FilterField {
  readonly name: string;
  readonly label: string;
  readonly help?: string;
  /** What the list uses when the address names none (shown in the field too). */
  readonly defaultValue?: string;
  readonly input:
    | { readonly kind: 'check' }
    | { readonly kind: 'text'; readonly maxLength?: number }
    | { readonly kind: 'date' }
    | { readonly kind: 'number'; readonly min: number; readonly max: number }
    | { readonly kind: 'select'; readonly choices: Choices<string>; readonly any: string };
}

/** The parameters the list keeps in the address besides its filters. */
const KEPT = ['sort', 'limit'] as const;

/** The address's parameters that are filters or paging: what the API is asked (unknown ones left out). */
export function listQuery(route: Route, fields: readonly FilterField[]): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of [...fields.map((f) => f.name), ...KEPT, 'offset']) {
    const value = route.params.get(name) ?? fields.find((f) => f.name === name)?.defaultValue;
    if (value !== undefined && value !== '') query[name] = value;
  }
  return query;
}

/** The current address with some parameters changed (undefined removes one). */
export function withParams(path: string, route: Route, changes: Record<string, string | number | undefined>): string {
  const params: Record<string, string | number | undefined> = Object.fromEntries(route.params.entries());
  return href(path, { ...params, ...changes });
}

/** The filters as a labelled form; applying it puts them in the address (a new history entry) and goes back to the first page. */
export function FilterForm({ path, route, fields, title }: { path: string; route: Route; fields: readonly FilterField[]; title: string }) {
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values: Record<string, string> = {};
    for (const field of fields) values[field.name] = String(data.get(field.name) ?? '').trim();
    for (const name of KEPT) values[name] = route.params.get(name) ?? '';
    navigate(href(path, values));
  };
  const clear = Object.fromEntries(KEPT.map((name) => [name, route.params.get(name) ?? undefined]));
  const set = fields.filter((field) => route.params.get(field.name)).length;
  // Open on a wide screen or when a filter is set; on a phone the rows come first, the filters one tap away.
  const open = set > 0 || window.matchMedia('(min-width: 48rem)').matches;
  return (
    // Keyed by the address: back and forward show the filters of the rows shown.
    <details key={route.params.toString()} className="filters" open={open}>
      <summary>
        {title}
        {set > 0 ? ` (${set} set)` : ''}
      </summary>
      <form onSubmit={apply} aria-label={title} role="search">
        {fields.map((field) => (
          <FilterInput key={field.name} field={field} value={route.params.get(field.name) ?? field.defaultValue ?? ''} />
        ))}
        <div className="filter-actions">
          <button type="submit">Apply filters</button>
          <Link href={href(path, clear)}>Clear filters</Link>
        </div>
      </form>
    </details>
  );
}

function FilterInput({ field, value }: { field: FilterField; value: string }) {
  const id = `filter-${field.name}`;
  const help = field.help ? `${id}-help` : undefined;
  const common = { id, name: field.name, defaultValue: value, 'aria-describedby': help };
  const { input } = field;
  if (input.kind === 'check')
    return (
      <div className="filter">
        <label className="filter-check">
          <input type="checkbox" name={field.name} value="true" defaultChecked={value === 'true'} aria-describedby={help} />
          {field.label}
        </label>
        {help && (
          <small id={help} className="help">
            {field.help}
          </small>
        )}
      </div>
    );
  return (
    <div className="filter">
      <label htmlFor={id}>{field.label}</label>
      {input.kind === 'select' ? (
        <select {...common}>
          <option value="">{input.any}</option>
          {Object.entries(input.choices).map(([choice, words]) => (
            <option key={choice} value={choice}>
              {words}
            </option>
          ))}
        </select>
      ) : input.kind === 'number' ? (
        <input {...common} type="number" min={input.min} max={input.max} step={1} inputMode="numeric" />
      ) : input.kind === 'date' ? (
        <input {...common} type="date" />
      ) : (
        <input {...common} type="search" maxLength={input.maxLength ?? 200} autoComplete="off" />
      )}
      {help && (
        <small id={help} className="help">
          {field.help}
        </small>
      )}
    </div>
  );
}

/** The sort of the address: a column key and its direction (none: the API's id order). */
export function sortOf(route: Route): { key: string; descending: boolean } | undefined {
  const sort = route.params.get('sort');
  if (!sort) return undefined;
  return sort.startsWith('-') ? { key: sort.slice(1), descending: true } : { key: sort, descending: false };
}

/** A column header that sorts by its column: ascending first, then descending; aria-sort tells which. */
export function SortHeader({ path, route, label, sortKey }: { path: string; route: Route; label: string; sortKey: string }) {
  const sort = sortOf(route);
  const current = sort?.key === sortKey ? sort : undefined;
  const next = current && !current.descending ? `-${sortKey}` : sortKey;
  const state = current ? (current.descending ? 'descending' : 'ascending') : 'none';
  return (
    <th scope="col" aria-sort={state}>
      <button type="button" className="sort" onClick={() => navigate(withParams(path, route, { sort: next, offset: undefined }))}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {current ? (current.descending ? ' ▼' : ' ▲') : ' ↕'}
        </span>
      </button>
    </th>
  );
}

/** The page sizes a list offers; 1,000 is the API's largest page. */
export const PAGE_SIZES = [25, 100, 1000] as const;
export const DEFAULT_PAGE_SIZE = 25;

/** The page's size and start from the address (bad values: the defaults). */
export function pageOf(route: Route): { limit: number; offset: number } {
  const limit = Number(route.params.get('limit') ?? DEFAULT_PAGE_SIZE);
  const offset = Number(route.params.get('offset') ?? 0);
  return {
    limit: (PAGE_SIZES as readonly number[]).includes(limit) ? limit : DEFAULT_PAGE_SIZE,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** "COEs 1–25 of 130", previous and next page links, and the page size. */
export function Pager({ path, route, total }: { path: string; route: Route; total: number }) {
  const { limit, offset } = pageOf(route);
  return (
    <nav aria-label="Pages" className="pages">
      {offset > 0 && <Link href={withParams(path, route, { offset: Math.max(0, offset - limit) || undefined })}>Previous page</Link>}
      {offset + limit < total && <Link href={withParams(path, route, { offset: offset + limit })}>Next page</Link>}
      <label className="page-size">
        Rows per page{' '}
        <select value={limit} onChange={(event) => navigate(withParams(path, route, { limit: event.target.value, offset: undefined }))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size.toLocaleString('en')}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}

/** The status line of a page: how many rows match and which are shown. */
export function countLine(noun: string, total: number, offset: number, shown: number): string {
  if (total === 0) return `No ${noun} match these filters.`;
  return `Showing ${noun} ${(offset + 1).toLocaleString('en')}–${(offset + shown).toLocaleString('en')} of ${total.toLocaleString('en')}`;
}

/** A wide table scrolls inside its own focusable, labelled region (a phone's page never scrolls sideways). */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

/**
 * One click handler for every link of a table body (plain `<a href>` in the rows, not a Link
 * each): 1,000 rows cost 1,000 anchors, not 1,000 components and closures. Links inside the
 * console move without a reload; a modified click (new tab) is the browser's.
 */
export function followRowLink(event: MouseEvent<HTMLElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element).closest('a');
  const target = link?.getAttribute('href');
  if (!target?.startsWith('/console/')) return;
  event.preventDefault();
  navigate(target);
}
