import { applyDecorators } from '@nestjs/common';
import { IsString, Length, Matches } from 'class-validator';

export const USER_ID_MAX_LENGTH = 200;
// Control characters (C0, DEL, C1) would reach logs, file names and webhook payloads unescaped.
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f-\u009f]*$/;

export function isValidUserId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= USER_ID_MAX_LENGTH && NO_CONTROL_CHARACTERS.test(value);
}

/** A user id field: 1 to 200 characters, no control characters (400 naming the field otherwise). */
export function IsUserId(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Length(1, USER_ID_MAX_LENGTH),
    Matches(NO_CONTROL_CHARACTERS, { message: ({ property }) => `${property} must not contain control characters` }),
  );
}
