/** RFC 9457 problem details; `errors` names each invalid field. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: Array<{ field: string; messages: string[] }>;
  [extension: string]: unknown;
}

export interface ProblemInit {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemDetails['errors'];
  [extension: string]: unknown;
}

export class ProblemException extends Error {
  constructor(readonly problem: ProblemInit) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }

  static badRequest(detail: string, errors?: ProblemDetails['errors']): ProblemException {
    return new ProblemException({ type: '/problems/invalid-request', title: 'Invalid request', status: 400, detail, errors });
  }

  static notFound(detail: string): ProblemException {
    return new ProblemException({ type: '/problems/not-found', title: 'Not found', status: 404, detail });
  }

  static conflict(detail: string, extensions: Record<string, unknown> = {}): ProblemException {
    return new ProblemException({ type: '/problems/conflict', title: 'Conflict', status: 409, detail, ...extensions });
  }
}
