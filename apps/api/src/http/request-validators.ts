import { ValidateBy, type ValidationOptions } from 'class-validator';
import { BUSINESS_DATE_FORMS, isBusinessDate, isIsoDate } from '@apo/engine';

/** The ISO 3166-1 alpha-2 codes of the APO member economies (the list the command readers check against). */
export { MEMBER_ECONOMY_CODES } from '@apo/reference';

/** A real calendar date written YYYY-MM-DD. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    { name: 'isCalendarDate', validator: { validate: isIsoDate, defaultMessage: (a) => `${a?.property} must be a calendar date YYYY-MM-DD` } },
    options,
  );

/** A business date as people know it: YYYY, YYYY-MM or YYYY-MM-DD (libs/engine business-date.ts). */
export const IsBusinessDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isBusinessDate',
      validator: { validate: isBusinessDate, defaultMessage: (a) => `${a?.property} must be a business date: ${BUSINESS_DATE_FORMS}` },
    },
    options,
  );
