import type { ExplainStep, Explanation, TracedSign } from './explain.ts';
import type { AuthRequest } from './request.ts';
import type { SignContext } from './strategy.ts';

/**
 * `explain` of {@link explainable}: runs the signing function with a trace. Loaded through
 * `import()`, so bundles that only sign (explain is a debugging aid) leave it out.
 */
export async function explainRun(
  name: string,
  run: TracedSign,
  request: AuthRequest,
  context: SignContext,
): Promise<Explanation> {
  let step: ExplainStep | undefined;
  const added = await run(request, context, (s) => {
    step = s;
  });
  if (!step) throw new Error(`${name}: the signing function reported no step to explain.`);
  return { strategy: name, ...step, added: step.added ?? added };
}
