import { ApiError, defaultDescription, tooManyRequests } from './api-error.ts';

export interface FaultOptions {
  errorCode: number;
  description?: string;
  /** Seconds; sent as parameters.retry_after (429 answers always carry it, default 1). */
  retryAfter?: number;
  /** How many matching calls fail (default 1). */
  times?: number;
}

interface FaultRule {
  method: string;
  options: FaultOptions;
  remaining: number;
}

/** Scripted failures: the next N calls of a method, or a total outage of every method. */
export class FaultInjector {
  private rules: FaultRule[] = [];
  private outage: ApiError | undefined;

  failNext(method: string, options: FaultOptions): void {
    this.rules.push({ method: method.toLowerCase(), options, remaining: options.times ?? 1 });
  }

  setOutage(statusCode: number | null, description?: string): void {
    this.outage = statusCode === null ? undefined : errorFor({ errorCode: statusCode, ...(description ? { description } : {}) });
  }

  /** The failure this call must answer with, if any; consumes one use of a matching rule. */
  take(method: string): ApiError | undefined {
    if (this.outage) return this.outage;
    const rule = this.rules.find((candidate) => matches(candidate.method, method.toLowerCase()));
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    return errorFor(rule.options);
  }
}

// '*' leaves getUpdates alone: the background poller would otherwise swallow a failure
// meant for the next thing the bot does. Name 'getUpdates' explicitly to fail polling.
function matches(ruleMethod: string, method: string): boolean {
  if (ruleMethod === '*') return method !== 'getupdates';
  return ruleMethod === method;
}

function errorFor(options: FaultOptions): ApiError {
  if (options.errorCode === 429) {
    const error = tooManyRequests(options.retryAfter ?? 1);
    return options.description ? new ApiError(429, options.description, error.parameters) : error;
  }
  const parameters = options.retryAfter === undefined ? undefined : { retry_after: options.retryAfter };
  return new ApiError(options.errorCode, options.description ?? defaultDescription(options.errorCode), parameters);
}
