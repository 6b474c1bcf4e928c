// Solve the maximum-entropy connectivity problem for context-dependent input
// selection with nothing but @maxent/solver (and @maxent/constraints for the
// config), as a user's script would. Run: node solve.mjs [contexts] [weightScale]
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { solve } from '@maxent/solver';

const contexts = Number(process.argv[2] ?? 3);
const weightScale = Number(process.argv[3] ?? 1);

// The config of interfaces.md; parseConfig validates it and fills in defaults
// (relu gains, context prior N(0, 1), exact estimator).
const config = parseConfig({ task: { name: 'select', contexts }, weightScale });
const solution = solve(problemFromConfig(config));

console.log(`select task, K = ${contexts}, weightScale ${weightScale}: ${solution.message}`);
console.log(`KL from prior: ${solution.klFromPrior.toFixed(4)} nats`);
console.log(
  `specialization ${solution.summary.specialization.toFixed(4)} (prior ${solution.summary.specializationPrior.toFixed(4)}), ` +
    `selectivity ${solution.summary.selectivity.toFixed(4)}`,
);
console.log('lambda (contexts x stimuli):');
for (let k = 0; k < contexts; k++) {
  const row = Array.from(solution.lambda.data.subarray(k * contexts, (k + 1) * contexts), (x) => x.toFixed(4).padStart(8));
  console.log(`  ${row.join(' ')}`);
}
console.log('largest populations (pattern: fraction, energy share, selectivity):');
for (const population of solution.populations.slice(0, 5)) {
  console.log(
    `  ${population.pattern.join('')}: ${population.fraction.toFixed(4)}, ${population.energyShare.toFixed(4)}, ${population.selectivity.toFixed(4)}`,
  );
}
