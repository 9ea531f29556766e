import { Link } from '../link';
import { personalText } from './personal-value';

/** One row of a report as the API sends it (JSON): its columns in the API's order, the same as the CSV's. */
export type Row = Record<string, unknown>;

/** A column name as a heading: `nextDueDate` → “Next due date”, `coeId` → “COE id”. */
export function columnTitle(name: string): string {
  if (/^[A-Z]{2}/.test(name)) return name; // already a heading (“COEs”)
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const spelled = words.replace(/\b(coe|bcn|npo|id)\b/g, (word) => (word === 'id' ? 'id' : word.toUpperCase()));
  return spelled.charAt(0).toUpperCase() + spelled.slice(1);
}

/** A cell's text: empty values as a dash, yes/no for booleans, a personal marker as its label, JSON for other nested values. */
export function cellText(value: unknown): string {
  if (value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return personalText(value);
}

/** Rows as a table in a focusable region that scrolls sideways on a narrow screen; the first column heads each row. */
export function ReportTable({
  caption,
  rows,
  columns,
  linkOf,
}: {
  caption: string;
  rows: readonly Row[];
  columns?: readonly string[];
  /** Where a cell links to (an instance's page), if anywhere. */
  linkOf?: (column: string, row: Row) => string | undefined;
}) {
  if (rows.length === 0) return null;
  const names = columns ?? Object.keys(rows[0]);
  return (
    <div className="scroll" tabIndex={0} role="region" aria-label={`${caption} (scrolls sideways)`}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {names.map((name) => (
              <th key={name} scope="col">
                {columnTitle(name)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {names.map((name, column) => {
                const target = row[name] === null ? undefined : linkOf?.(name, row);
                const content = target ? <Link href={target}>{cellText(row[name])}</Link> : cellText(row[name]);
                return column === 0 ? (
                  <th key={name} scope="row">
                    {content}
                  </th>
                ) : (
                  <td key={name}>{content}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
