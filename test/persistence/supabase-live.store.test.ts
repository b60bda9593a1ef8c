import { supabaseFunctionCaller } from '../../apps/orchestrator/src/persistence/supabase.caller.js';
import { describeWorkflowStoreConformance } from './workflow-store.conformance.js';

const { SUPABASE_URL, SUPABASE_KEY } = process.env;
const NAME = 'Supabase (live project from SUPABASE_URL / SUPABASE_KEY)';

if (SUPABASE_URL && SUPABASE_KEY) {
  // Point these at a test project with migrations/ applied: the cases leave their rows (random user ids) behind,
  // and claiming due work briefly leases whatever else is due there.
  describeWorkflowStoreConformance(NAME, async () => {
    const caller = supabaseFunctionCaller(SUPABASE_URL, SUPABASE_KEY);
    return { caller, reset: async () => undefined, close: () => caller.close() };
  });
} else {
  console.warn(`${NAME}: skipped, SUPABASE_URL and SUPABASE_KEY are not set`);
  describe(NAME, () => {
    it.skip('skipped: set SUPABASE_URL and SUPABASE_KEY (service-role key of a test project with migrations/ applied) to run the conformance suite against it', () => undefined);
  });
}
