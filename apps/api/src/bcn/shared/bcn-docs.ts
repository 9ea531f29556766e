import type { CommandDocs } from '../../coe/shared/api-command-responses';

/** How BCN command routes are documented (their 409 codes, their read-your-writes list). */
export const BCN_DOCS: CommandDocs = { rules: 'BCN.TOO_MANY_PARTICIPANTS, BCN.SAME_NPO, BCN.UNKNOWN_ECONOMY or BCN.CLOSING_DATE_PASSED', list: 'GET /bcn-exchanges' };
