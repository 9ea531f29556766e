import type { Erasure } from './key-store';
import { PersonalDataError } from './personal-data-error';

/** A lone UTF-16 surrogate: stored as U+FFFD, so two ids would meet. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Holds a NUL (PostgreSQL text cannot) or a lone surrogate. */
const unstorable = (text: string): boolean => text.includes('\u0000') || LONE_SURROGATE.test(text);

/**
 * A subject id every key store keeps exactly as given: a non-empty string, no NUL, no lone
 * surrogate. Anything else is NO_SUBJECT in every adapter, never a driver error or a silently
 * changed id.
 */
export const checkSubject = (subject: string): void => {
  if (typeof subject !== 'string' || subject === '') throw new PersonalDataError('NO_SUBJECT', 'a subject id is a non-empty string');
  if (unstorable(subject)) throw new PersonalDataError('NO_SUBJECT', 'a subject id holds no NUL character and no lone surrogate');
};

export const checkErasure = (erasure: Erasure): void => {
  if (typeof erasure?.by !== 'string' || erasure.by === '' || typeof erasure.reason !== 'string' || erasure.reason === '') {
    throw new TypeError('eraseKey: by and reason are non-empty strings');
  }
  if (unstorable(erasure.by) || unstorable(erasure.reason)) throw new TypeError('eraseKey: by and reason hold no NUL character and no lone surrogate');
};
