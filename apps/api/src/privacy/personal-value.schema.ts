import { int, named, object, str } from '../http/openapi-schema';

/**
 * A personal value as an answer carries it (docs/privacy.md): the clear value for the roles that
 * read personal data, `{ $erased: 1, subject }` once the subject's data was erased, or
 * `{ $withheld: 1, subject }` for the other roles.
 */
export const PERSONAL_TEXT = named('PersonalText', {
  oneOf: [
    str(),
    object({ $erased: int({ enum: [1] }), subject: str() }, {}, { description: 'Erased on request: the subject’s key was destroyed, for good' }),
    object({ $withheld: int({ enum: [1] }), subject: str() }, {}, { description: 'Personal data: not shown to this role' }),
  ],
  description: 'Personal data: the text, or a marker saying it was erased or is withheld from this role',
});
