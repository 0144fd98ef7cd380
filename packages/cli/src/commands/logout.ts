// `authplug logout <provider>`: removes the stored entry. None of the four providers has a
// documented revocation call, so the message says where to revoke access by hand.
import { credentialKey } from '@authplug/credentials';
import pc from 'picocolors';
import { type CommonOptions, openContext } from '../context.ts';
import { NotLoggedInError } from '../errors.ts';
import { providerOf } from '../providers.ts';

const REVOKE: Record<string, string> = {
  ipernity: 'your ipernity account settings (applications)',
  proofile: 'your Proofile account settings',
  oauth1: "the provider's account settings",
  safecreative: 'your Safe Creative account (authorized applications)',
  historypin: 'your Historypin account (API keys)',
};

export async function logout(name: string, options: CommonOptions): Promise<void> {
  const provider = providerOf(name);
  const context = await openContext(options);
  try {
    const key = credentialKey(provider.name, context.profile);
    if (!(await context.store.delete(key))) throw new NotLoggedInError(provider.name, context.profile);
    process.stdout.write(
      `${pc.green('✔')} Removed ${key} from ${context.storeDescription}.\n` +
        `  The provider may still honour the grant: revoke it in ${REVOKE[provider.name]}.\n`,
    );
  } finally {
    await context.close();
  }
}
