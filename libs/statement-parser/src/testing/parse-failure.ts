import { StatementParseError } from '../statement-parse.error.js';

/** The StatementParseError that `attempt` throws; fails the test when it throws anything else or nothing. */
export function parseFailure(attempt: () => unknown): StatementParseError {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(StatementParseError);
    return error as StatementParseError;
  }
  throw new Error('expected a StatementParseError, but the parse succeeded');
}

/** The StatementParseError that the promise `attempt` returns rejects with. */
export async function asyncParseFailure(attempt: () => Promise<unknown>): Promise<StatementParseError> {
  const error: unknown = await attempt().then(() => new Error('expected a StatementParseError, but the parse succeeded'), (e: unknown) => e);
  expect(error).toBeInstanceOf(StatementParseError);
  return error as StatementParseError;
}
