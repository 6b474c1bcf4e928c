// Runnable example of packages/sampler/README.md. From the repository root:
//   npx tsx --conditions=development packages/sampler/examples/sample-network.ts
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { solve } from '@maxent/solver';
import { coordinateChains, diagnose, sampleChains, sampleNetwork } from '@maxent/sampler';

// 1. A max-ent solution: 3-context select task, relu, sigma = 1 (model.md §4-§6).
const solution = solve(problemFromConfig(parseConfig({ task: { name: 'select', contexts: 3 } })));

// 2. Exact sampler: 20000 neurons, u (N x 3), v (N x 3), w (N), row-major Float64Arrays.
const { network } = sampleNetwork(solution, { neurons: 20_000, seed: 1 });
const active = network.v.filter((x) => x > 0).length / network.v.length;
console.log(`exact: ${network.neurons} neurons, fraction of active gates ${active.toFixed(3)}`);

// 3. Blocked MCMC on the same solution, with diagnostics (never null for mcmc).
const diagnostics = sampleNetwork(solution, { neurons: 20_000, method: 'mcmc', seed: 1 }).diagnostics!;
console.log(
  `mcmc: acceptance ${diagnostics.acceptanceRate.toFixed(3)}, max R-hat ${diagnostics.rhat.toFixed(4)}, ` +
    `min bulk ESS ${diagnostics.ess.toFixed(0)}, warnings ${diagnostics.warnings.length}`,
);
const row = (k: number) =>
  diagnostics.constraintCheck.mean[k].map((m, j) => `${m.toFixed(3)} ± ${diagnostics.constraintCheck.stderr[k][j].toFixed(3)}`).join('  ');
for (let k = 0; k < 3; k++) console.log(`  mean f[${k}][.] = ${row(k)}`);

// 4. The generic sampler on any log density: a correlated 2-D Gaussian.
const rho = 0.8;
const logDensity = (x: Float64Array) => (-0.5 * (x[0] * x[0] - 2 * rho * x[0] * x[1] + x[1] * x[1])) / (1 - rho * rho);
const result = sampleChains(logDensity, 2, { seed: 1, warmup: 1000, draws: 5000 });
const x0 = diagnose(coordinateChains(result, 0));
console.log(
  `2-D Gaussian: mean ${x0.mean.toFixed(3)} ± ${x0.mcseMean.toFixed(3)}, sd ${x0.sd.toFixed(3)}, ` +
    `R-hat ${x0.rhat.toFixed(4)}, bulk ESS ${x0.essBulk.toFixed(0)}, tail ESS ${x0.essTail.toFixed(0)}`,
);
