import type { Command } from 'commander';
import type { CliIO } from '../context.js';
import type { CommandModule } from '../commandModule.js';
import { readReportInputs } from '../report/inputs.js';

interface ReportFlags {
  out: string;
  svg?: string;
  png?: string;
  title?: string;
  quiet?: boolean;
}

/**
 * `maxent report INPUTS... --out report.html`: one self-contained HTML page of the
 * result files (interfaces.md): per file its figures (inline SVG), its numbers as
 * tables, its configuration and versions. The drawing is @maxent/figures'.
 */
export const reportCommand: CommandModule = {
  register(program: Command, io: CliIO): Command {
    return program
      .command('report')
      .description('one self-contained HTML page (inline SVG figures, tables, configs) from result files or folders of them')
      .argument('<inputs...>', 'result files (JSON) or folders of them')
      .requiredOption('--out <file>', 'the HTML file to write')
      .option('--svg <folder>', 'also write each figure as an .svg file into this folder')
      .option('--png <folder>', 'also write each figure as a .png file (twice the SVG size, white background) into this folder')
      .option('--title <text>', 'title of the page (default "maxent report")')
      .option('--quiet', 'print nothing on success')
      .action(async (inputs: string[], flags: ReportFlags) => {
        const started = performance.now();
        const parsed = readReportInputs(io, inputs);
        // Loaded here, not at start-up: ECharts costs every other command about half a second.
        const { writeReport } = await import('../report/writeReport.js');
        const written = writeReport(io, parsed, {
          out: flags.out,
          ...(flags.svg === undefined ? {} : { svgFolder: flags.svg }),
          ...(flags.png === undefined ? {} : { pngFolder: flags.png }),
          ...(flags.title === undefined ? {} : { title: flags.title }),
        });
        if (flags.quiet === true) return;
        const svgs =
          (flags.svg === undefined ? '' : ` and ${written.figures.length} SVG files in ${flags.svg}/`) +
          (flags.png === undefined ? '' : ` and ${written.figures.length} PNG files in ${flags.png}/`);
        const notes = written.notes === 0 ? '' : `; ${written.notes} note(s) in the page (unknown kinds or figures not drawn)`;
        io.stdout(`wrote ${flags.out}${svgs}: ${inputs.length === 1 ? '' : `${inputs.length} inputs, `}${written.figures.length} figures in ${((performance.now() - started) / 1000).toFixed(1)} s${notes}\n`);
      });
  },
};
