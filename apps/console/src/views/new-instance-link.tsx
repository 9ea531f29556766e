import { useSession, type Role } from '../api';
import { Link } from '../link';
import { href } from '../router';
import { NOUNS, type Programme } from './instance-actions';

/** The roles that may create instances (the API checks too). */
export const CREATORS: readonly Role[] = ['assessor', 'admin'];

/** The new-instance pages (router.ts: `coes/new`, `exchanges/new`). */
const NEW_PATHS: Readonly<Record<Programme, string>> = { coe: 'coes/new', bcn: 'exchanges/new' };

/** "New COE" / "New BCN exchange", for a portfolio's heading: only for the roles that may create one. */
export function NewInstanceLink({ programme }: { programme: Programme }) {
  const { role } = useSession();
  if (!CREATORS.includes(role)) return null;
  return (
    <p className="new-instance-link">
      <Link href={href(NEW_PATHS[programme])}>New {NOUNS[programme]}</Link>
    </p>
  );
}
