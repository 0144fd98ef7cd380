import { AuthplugError } from '@authplug/core';

const PKG = '@authplug/cli';

/**
 * A command was given something it cannot use (an unknown provider, a malformed `name=value`, a
 * missing URL). The message says what to type instead.
 *
 * @example
 * ```ts
 * if (error instanceof UsageError) process.exitCode = 2;
 * ```
 */
export class UsageError extends AuthplugError {
  constructor(message: string) {
    super('AUTHPLUG_CLI_USAGE', `${PKG}: ${message}`);
  }
}

/**
 * Application keys are missing and there is no terminal to ask for them (CI, a pipe). Lists the
 * environment variables that would provide them.
 *
 * @example
 * ```ts
 * error.variables; // ['AUTHPLUG_IPERNITY_API_KEY', 'AUTHPLUG_IPERNITY_SECRET']
 * ```
 */
export class MissingKeysError extends AuthplugError {
  /** The envStore variable names that would provide the missing fields. */
  readonly variables: readonly string[];
  constructor(provider: string, key: string, fields: readonly string[], variables: readonly string[]) {
    super(
      'AUTHPLUG_CLI_MISSING_KEYS',
      `${PKG}: ${provider} needs ${fields.join(', ')} (store entry ${key}) and there is no terminal to ask for ${fields.length === 1 ? 'it' : 'them'}. ` +
        `Set ${variables.join(' and ')}, pass them as flags, or run the command in a terminal.`,
    );
    this.variables = variables;
  }
}

/**
 * `--store redis://…` was given but `@authplug/redis` is not installed next to the CLI.
 *
 * @example
 * ```ts
 * error.code; // 'AUTHPLUG_CLI_STORE_UNAVAILABLE'
 * ```
 */
export class StoreUnavailableError extends AuthplugError {
  constructor(what: string, install: string, options?: { cause?: unknown }) {
    super(
      'AUTHPLUG_CLI_STORE_UNAVAILABLE',
      `${PKG}: ${what} needs ${install}. Install it next to @authplug/cli (npm i -g ${install}) or choose another --store.`,
      options,
    );
  }
}

/**
 * Nothing is stored for this provider and profile.
 *
 * @example
 * ```ts
 * error.code; // 'AUTHPLUG_CLI_NOT_LOGGED_IN'
 * ```
 */
export class NotLoggedInError extends AuthplugError {
  constructor(provider: string, profile: string) {
    super(
      'AUTHPLUG_CLI_NOT_LOGGED_IN',
      `${PKG}: nothing stored for ${provider}/${profile}. Run \`authplug login ${provider}${profile === 'default' ? '' : ` --profile ${profile}`}\` first.`,
    );
  }
}

/**
 * A signed call came back refused: a non-2xx status or a provider error in the body.
 *
 * @example
 * ```ts
 * error.status; // 401
 * ```
 */
export class RequestFailedError extends AuthplugError {
  readonly status: number;
  constructor(provider: string, status: number, detail: string) {
    super(
      'AUTHPLUG_CLI_REQUEST_FAILED',
      `${PKG}: ${provider} answered HTTP ${status}${detail ? `: ${detail}` : ''}.`,
    );
    this.status = status;
  }
}

/**
 * A login did not finish: denied, timed out or interrupted. The store was left as it was.
 *
 * @example
 * ```ts
 * error.code; // 'AUTHPLUG_CLI_LOGIN_ABORTED'
 * ```
 */
export class LoginAbortedError extends AuthplugError {
  constructor(provider: string, why: string) {
    super(
      'AUTHPLUG_CLI_LOGIN_ABORTED',
      `${PKG}: ${provider} login ${why}; the store was left unchanged. Run \`authplug login ${provider}\` again.`,
    );
  }
}
