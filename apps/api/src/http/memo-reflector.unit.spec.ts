import 'reflect-metadata';
import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import fc from 'fast-check';
import { MemoReflector } from './memo-reflector';

const KEYS = ['roles', 'isPublic', 'THROTTLER:LIMITdefault'] as const;
const value = fc.option(fc.oneof(fc.boolean(), fc.integer(), fc.array(fc.constantFrom('admin', 'assessor'))), { nil: undefined });
const marks = fc.record(Object.fromEntries(KEYS.map((k) => [k, value])) as Record<(typeof KEYS)[number], fc.Arbitrary<unknown>>);

describe('MemoReflector', () => {
  it("answers every key on a route's handler and class as Nest's Reflector does, asked once or many times", () => {
    fc.assert(
      fc.property(marks, marks, fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 12 }), (onHandler, onClass, asked) => {
        class Controller {
          handle(): string {
            return 'handled';
          }
        }
        for (const key of KEYS) {
          if (onHandler[key] !== undefined)
            SetMetadata(key, onHandler[key])(
              Controller.prototype,
              'handle',
              Object.getOwnPropertyDescriptor(Controller.prototype, 'handle') as PropertyDescriptor,
            );
          if (onClass[key] !== undefined) SetMetadata(key, onClass[key])(Controller);
        }
        const memo = new MemoReflector();
        const nest = new Reflector();
        const targets = [Controller.prototype.handle, Controller];
        for (const key of asked) {
          expect(memo.getAllAndOverride(key, targets)).toEqual(nest.getAllAndOverride(key, targets));
          expect(memo.get(key, Controller)).toEqual(nest.get(key, Controller));
        }
      }),
    );
  });
});
