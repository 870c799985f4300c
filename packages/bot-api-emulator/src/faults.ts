import { ApiError, defaultDescription, tooManyRequests } from "./api-error.ts";

export interface FaultOptions {
  errorCode: number;
  description?: string;
  /** Seconds; sent as parameters.retry_after (429 answers always carry it, default 1). */
  retryAfter?: number;
  /** How many matching calls fail (default 1). */
  times?: number;
  /** Only calls addressed to this chat (chat_id) fail; default: any. */
  chatId?: number;
}

/** A storm: each matching call fails with this probability, with one of these answers. */
export interface FlakinessOptions {
  /** 0..1; e.g. 0.4 fails about 40% of calls. */
  probability: number;
  /** The answers a failed call gets, picked at random (default: 429 retry_after 1, and 502). */
  errors?: FaultOptions[];
  /** The methods it hits (default: every method but getUpdates). */
  methods?: string[];
  /** A seeded source of randomness for repeatable runs (default Math.random). */
  random?: () => number;
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
  private flaky: Required<FlakinessOptions> | undefined;

  failNext(method: string, options: FaultOptions): void {
    this.rules.push({ method: method.toLowerCase(), options, remaining: options.times ?? 1 });
  }

  setOutage(statusCode: number | null, description?: string): void {
    this.outage =
      statusCode === null ? undefined : errorFor({ errorCode: statusCode, ...(description ? { description } : {}) });
  }

  setFlaky(options: FlakinessOptions | null): void {
    this.flaky =
      options === null
        ? undefined
        : {
            probability: options.probability,
            errors: options.errors ?? [{ errorCode: 429, retryAfter: 1 }, { errorCode: 502 }],
            methods: (options.methods ?? ["*"]).map((method) => method.toLowerCase()),
            random: options.random ?? Math.random,
          };
  }

  /** The failure this call (to `chatId`, when it names a chat) must answer with, if any; consumes one use of a matching rule. */
  take(method: string, chatId?: number): ApiError | undefined {
    if (this.outage) return this.outage;
    const storm = this.stormFailure(method.toLowerCase());
    if (storm) return storm;
    const rule = this.rules.find(
      (candidate) =>
        matches(candidate.method, method.toLowerCase()) &&
        (candidate.options.chatId === undefined || candidate.options.chatId === chatId),
    );
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    return errorFor(rule.options);
  }

  private stormFailure(method: string): ApiError | undefined {
    const storm = this.flaky;
    if (!storm?.methods.some((ruleMethod) => matches(ruleMethod, method))) return undefined;
    if (storm.random() >= storm.probability) return undefined;
    const options = storm.errors[Math.floor(storm.random() * storm.errors.length)] ?? storm.errors[0]!;
    return errorFor(options);
  }
}

// '*' leaves getUpdates alone: the background poller would otherwise swallow a failure
// meant for the next thing the bot does. Name 'getUpdates' explicitly to fail polling.
function matches(ruleMethod: string, method: string): boolean {
  if (ruleMethod === "*") return method !== "getupdates";
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
