import { isStepError, type AnalysisOutput, type ExtractedTransaction, type ExtractionOutput } from '@cashflow/workflow-machine';
import axios, { type AxiosInstance } from 'axios';
import { DEFAULT_DOWNSTREAM_MAX_BYTES, downstreamSizeError } from './downstream-size-limit.js';
import { pollDocumentJob } from './document-job.poller.js';
import { classifyHttpError } from './http-error.classifier.js';
import { assertAnalysis, assertExtraction, SchemaViolation } from './response-schema.js';
import type { CallOptions, DocumentProcessorClient, TransactionAnalyzerClient } from './step-clients.js';

interface Target {
  http: AxiosInstance;
  service: string;
  maxBytes: number;
}

async function post<T>(
  { http, service, maxBytes }: Target,
  path: string,
  body: unknown,
  options: CallOptions,
  check: (s: string, b: unknown) => void,
  respondAsync = false,
): Promise<T> {
  try {
    const response = await http.post(path, body, {
      headers: { 'Idempotency-Key': options.idempotencyKey, ...(respondAsync ? { Prefer: 'respond-async' } : {}) },
      signal: options.signal,
    });
    const location = response.headers.location as unknown;
    const data: unknown = response.status === 202 && typeof location === 'string' ? await pollDocumentJob(http, service, location, options) : response.data;
    check(service, data);
    return data as T;
  } catch (error) {
    if (error instanceof SchemaViolation || isStepError(error)) throw error;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a StepError is plain data by design: toTaskError reads it and it lands in the JSON snapshot
    throw downstreamSizeError(service, error, maxBytes) ?? classifyHttpError(service, error);
  }
}

export interface HttpClientOptions {
  baseUrl: string;
  timeoutMs: number;
  /** Sent as X-Cashflow-Replica so downstream logs can tell which replica made a call. */
  replicaId: string;
  /** DOWNSTREAM_MAX_BYTES: the largest answer (and request) accepted; a larger one is a permanent error. */
  maxBytes?: number;
}

function target(service: string, { baseUrl, timeoutMs, replicaId, maxBytes = DEFAULT_DOWNSTREAM_MAX_BYTES }: HttpClientOptions): Target {
  // A bounded answer, so one huge or endless reply cannot take the process's memory; and a hard timeout.
  const http = axios.create({
    baseURL: baseUrl,
    timeout: timeoutMs,
    maxBodyLength: maxBytes,
    maxContentLength: maxBytes,
    headers: { 'X-Cashflow-Replica': replicaId },
  });
  return { http, service, maxBytes };
}

export class HttpDocumentProcessorClient implements DocumentProcessorClient {
  readonly mode = 'http' as const;
  private readonly target: Target;
  constructor(options: HttpClientOptions) {
    this.target = target('document processor', options);
  }
  process(request: { document_path: string; user_id: string }, options: CallOptions): Promise<ExtractionOutput> {
    // A long parse (OCR of a scan) runs as a job the client polls, reporting its progress; a service that answers at
    // once (200) is taken as it is.
    return post(this.target, '/documents/process', request, options, assertExtraction, true);
  }
}

export class HttpTransactionAnalyzerClient implements TransactionAnalyzerClient {
  readonly mode = 'http' as const;
  private readonly target: Target;
  constructor(options: HttpClientOptions) {
    this.target = target('transaction analyzer', options);
  }
  analyze(request: { user_id: string; transactions: ExtractedTransaction[] }, options: CallOptions): Promise<AnalysisOutput> {
    return post(this.target, '/transactions/analyze', request, options, assertAnalysis);
  }
}
