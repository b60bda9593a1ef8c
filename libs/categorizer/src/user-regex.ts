import { RE2JS } from 're2js';

/**
 * User rules' regexes (from rule files and from requests) run on RE2, whose matching time is linear in the
 * label: a pattern such as `(a+)+$` cannot backtrack catastrophically. RE2 has no look-around or
 * back-references; a pattern using them is refused when the rule set is loaded.
 */
export interface UserRegex {
  test(text: string): boolean;
}

/** Throws a message naming what RE2 cannot compile. */
export function compileUserRegex(pattern: string): UserRegex {
  const compiled = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  return { test: (text) => compiled.matcher(text).find() };
}
