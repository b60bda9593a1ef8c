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
    throw classifyHttpError(service, error);
  }
}

function client(baseURL: string, timeoutMs: number): AxiosInstance {
  // Statements can be large: no body size limit, but a hard timeout on every call.
  return axios.create({ baseURL, timeout: timeoutMs, maxBodyLength: Infinity, maxContentLength: Infinity });
}

export class HttpDocumentProcessorClient implements DocumentProcessorClient {
  readonly mode = 'http' as const;
  private readonly http: AxiosInstance;
  constructor(baseUrl: string, timeoutMs: number) {
    this.http = client(baseUrl, timeoutMs);
  }
  process(request: { document_path: string; user_id: string }, options: CallOptions): Promise<ExtractionOutput> {
    return post(this.http, 'document processor', '/documents/process', request, options, assertExtraction);
  }
}

export class HttpTransactionAnalyzerClient implements TransactionAnalyzerClient {
  readonly mode = 'http' as const;
  private readonly http: AxiosInstance;
  constructor(baseUrl: string, timeoutMs: number) {
    this.http = client(baseUrl, timeoutMs);
  }
  analyze(request: { user_id: string; transactions: ExtractedTransaction[] }, options: CallOptions): Promise<AnalysisOutput> {
    return post(this.http, 'transaction analyzer', '/transactions/analyze', request, options, assertAnalysis);
  }
}
