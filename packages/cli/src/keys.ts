// Application keys for a login: from the store, then AUTHPLUG_* variables, then flags, then a
// prompt (secrets typed hidden). Without a terminal a missing key is an immediate error that
// names the variables, never a prompt that waits forever.
import { type CredentialValue, envFieldName, envStore, isSecretField } from '@authplug/credentials';
import { MissingKeysError } from './errors.ts';

/** `apiKey` → `--api-key`. */
export const flagOf = (field: string): string =>
  `--${field.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;

/** `AUTHPLUG_IPERNITY_API_KEY`, or `AUTHPLUG_IPERNITY_WORK_API_KEY` for profile `work`. */
export const envVariable = (provider: string, profile: string, field: string): string =>
  `AUTHPLUG_${provider.toUpperCase()}_${profile === 'default' ? '' : `${profile.toUpperCase()}_`}${envFieldName(field)}`;

/** Whether a person can be asked: both ends of the conversation are a terminal. */
export const interactive = (): boolean => Boolean(process.stdin.isTTY && process.stdout.isTTY);

export async function resolveKeys(
  provider: string,
  profile: string,
  fields: readonly string[],
  stored: CredentialValue | undefined,
  flags: Readonly<Record<string, string | undefined>>,
): Promise<Record<string, string>> {
  const env = await envStore().get(`${provider}/${profile}`);
  const keys: Record<string, string> = {};
  for (const field of fields) {
    const found = [stored?.[field], env?.[field], flags[field]].find(
      (v) => typeof v === 'string' && v !== '',
    );
    if (typeof found === 'string') keys[field] = found;
  }
  const missing = fields.filter((f) => keys[f] === undefined);
  if (missing.length === 0) return keys;
  if (!interactive()) {
    throw new MissingKeysError(
      provider,
      `${provider}/${profile}`,
      missing,
      missing.map((f) => envVariable(provider, profile, f)),
    );
  }
  const { input, password } = await import('@inquirer/prompts');
  for (const field of missing) {
    const message = `${provider} ${field} (or ${envVariable(provider, profile, field)}, ${flagOf(field)})`;
    const required = (v: string) => (v.trim() ? true : `${field} is required`);
    keys[field] = (
      isSecretField(field)
        ? await password({ message, mask: true, validate: required })
        : await input({ message, validate: required })
    ).trim();
  }
  return keys;
}
