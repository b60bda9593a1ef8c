import type { AnalysisOutput, ExtractedTransaction, ExtractionOutput } from '@cashflow/workflow-machine';
import axios, { type AxiosInstance } from 'axios';
import { classifyHttpError } from './http-error.classifier.js';
import { assertAnalysis, assertExtraction, SchemaViolation } from './response-schema.js';
import type { CallOptions, DocumentProcessorClient, TransactionAnalyzerClient } from './step-clients.js';

async function post<T>(http: AxiosInstance, service: string, path: string, body: unknown, options: CallOptions, check: (s: string, b: unknown) => void): Promise<T> {
  try {
    const response = await http.post(path, body, {
      headers: { 'Idempotency-Key': options.idempotencyKey },
      signal: options.signal,
    });
    check(service, response.data);
    return response.data as T;
  } catch (error) {
    if (error instanceof SchemaViolation) throw error;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a StepError is plain data by design: toTaskError reads it and it lands in the JSON snapshot
    throw classifyHttpError(service, error);
  }
}

export interface HttpClientOptions {
  baseUrl: string;
  timeoutMs: number;
  /** Sent as X-Cashflow-Replica so downstream logs can tell which replica made a call. */
  replicaId: string;
}

function client({ baseUrl, timeoutMs, replicaId }: HttpClientOptions): AxiosInstance {
  // Statements can be large: no body size limit, but a hard timeout on every call.
  return axios.create({
    baseURL: baseUrl,
    timeout: timeoutMs,
    maxBodyLength: Infinity,
    maxContentLength: Infinity,
    headers: { 'X-Cashflow-Replica': replicaId },
  });
}

export class HttpDocumentProcessorClient implements DocumentProcessorClient {
  readonly mode = 'http' as const;
  private readonly http: AxiosInstance;
  constructor(options: HttpClientOptions) {
    this.http = client(options);
  }
  process(request: { document_path: string; user_id: string }, options: CallOptions): Promise<ExtractionOutput> {
    return post(this.http, 'document processor', '/documents/process', request, options, assertExtraction);
  }
}

export class HttpTransactionAnalyzerClient implements TransactionAnalyzerClient {
  readonly mode = 'http' as const;
  private readonly http: AxiosInstance;
  constructor(options: HttpClientOptions) {
    this.http = client(options);
  }
  analyze(request: { user_id: string; transactions: ExtractedTransaction[] }, options: CallOptions): Promise<AnalysisOutput> {
    return post(this.http, 'transaction analyzer', '/transactions/analyze', request, options, assertAnalysis);
  }
}
