import { mapWithConcurrency } from '../../concurrency';
import type { Finding } from '../../findings';
import { WHOLE_ACCOUNT } from '../../scope/check-scope';
import { restApiStages } from '../api-gateway/stages';
import { errorFinding } from '../kit/finding';
import { settle } from '../kit/outcome';
import type { FamilyDefinitions } from '../types';
import { tracingCatalogue } from './catalogue';
import { tracingFinding } from './finding';
import { judgeFunctionTracing } from './rules/tracing/function-tracing';
import { judgeStageTracing } from './rules/tracing/stage-tracing';
import { judgeStateMachineTracing } from './rules/tracing/state-machine-tracing';

/** State machines described at once (DescribeStateMachine shares Step Functions' control-plane rate). */
export const STATE_MACHINE_CONCURRENCY = 4;

const identity = (resource: { readonly arn: string; readonly name: string }) => ({
  arn: resource.arn,
  names: [resource.name],
});

/** The check of "Tracing and profiling enabled": X-Ray tracing on the service's functions, state machines and REST API stages. */
export const tracingChecks: FamilyDefinitions<typeof tracingCatalogue> = {
  tracing: {
    ...tracingCatalogue.tracing,
    async run(account, settings, _now, scope = WHOLE_ACCOUNT) {
      const ports = account.tracing;
      // Each listing on its own: a denied service hides nothing of the other.
      const [functions, machines] = await Promise.all([
        settle(() => ports.listFunctions()),
        settle(() => ports.listStateMachines()),
      ]);
      const findings: Finding[] = [];
      if (functions.ok) {
        findings.push(
          ...scope
            .select(functions.value, identity)
            .map((fn) => judgeFunctionTracing(fn, settings.missingTracing)),
        );
      } else {
        findings.push(errorFinding(tracingFinding, 'function-tracing', '*', functions.error));
      }
      if (machines.ok) {
        const inScope = scope.select(machines.value, identity);
        findings.push(
          ...(await mapWithConcurrency(inScope, STATE_MACHINE_CONCURRENCY, async (machine) =>
            judgeStateMachineTracing(
              machine,
              await settle(() => ports.stateMachineTracing(machine.arn)),
              settings.missingTracing,
            ),
          )),
        );
      } else {
        findings.push(errorFinding(tracingFinding, 'state-machine-tracing', '*', machines.error));
      }
      const restStages = await restApiStages(account.restApis, scope);
      findings.push(
        ...(restStages.ok
          ? restStages.value.flatMap((api) => judgeStageTracing(api, settings.missingTracing))
          : [errorFinding(tracingFinding, 'stage-tracing', '*', restStages.error)]),
      );
      return findings;
    },
  },
};
