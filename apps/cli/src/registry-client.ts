/** A failure the CLI reports and exits non-zero on; `code` is the registry's error code when it sent one. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: string = 'CLI_ERROR',
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; field?: string; fields?: string[]; path?: string[]; [k: string]: unknown };
}

/** A GraphQL error answered by the registry: the request reached it and was refused. */
export class RegistryError extends CliError {
  constructor(readonly errors: GraphQLErrorBody[]) {
    super(errors.map((e) => e.message).join('; '), errors[0]?.extensions?.code ?? 'GRAPHQL_ERROR', { errors });
  }
}

export interface RegistryClientOptions {
  url: string;
  token?: string;
  timeoutMs?: number;
}

/**
 * Plain fetch over GraphQL-over-HTTP: the CLI must run wherever Node runs, with no generated
 * client to keep in step with the schema.
 */
export class RegistryClient {
  constructor(private readonly options: RegistryClientOptions) {}

  get url(): string {
    return this.options.url;
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 120_000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new CliError(`Cannot reach the registry at ${this.options.url} (${cause}). Is it running? Set --url or PEDIGREE_URL.`, 'UNREACHABLE');
    }
    const text = await response.text();
    let body: { data?: T; errors?: GraphQLErrorBody[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new CliError(`The registry answered HTTP ${response.status} with a non-JSON body: ${text.slice(0, 200)}`, 'BAD_RESPONSE');
    }
    if (body.errors?.length) throw new RegistryError(body.errors);
    if (!response.ok || body.data === undefined) throw new CliError(`The registry answered HTTP ${response.status} without data.`, 'BAD_RESPONSE');
    return body.data as T;
  }
}
