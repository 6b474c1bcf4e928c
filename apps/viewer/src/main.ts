// The web viewer's page: the explore view, the transitions panel and the file
// panel, wired to one WorkerClient and to the URL (interfaces.md, "The web viewer").
import './style.css';
import { createControls, type ChangeKind } from './explore/controls.js';
import { createExploreView } from './explore/exploreView.js';
import { createFilesPanel } from './files/filesPanel.js';
import { configFileText } from './state/configFile.js';
import { searchToState, stateToSearch } from './state/urlState.js';
import type { ViewerState } from './state/viewerState.js';
import { createTransitionsPanel } from './transitions/transitionsPanel.js';
import { element, download, messageBox } from './ui/dom.js';
import { registerBuiltinViews } from './views/builtinViews.js';
import { WorkerClient } from './worker/client.js';

registerBuiltinViews();
const client = new WorkerClient();
const app = document.getElementById('app')!;
const urlProblems = element('div', { className: 'url-problems' });

const initial = searchToState(location.search);
let state: ViewerState = initial.state;

const configButton = element('button', { text: 'Download config', attributes: { type: 'button', 'data-action': 'download-config', title: 'a file for maxent solve --config' } });
const configProblem = element('div');
configButton.addEventListener('click', () => {
  configProblem.replaceChildren();
  try {
    download(new Blob([configFileText(state)], { type: 'application/json' }), 'maxent-config.json');
  } catch (error) {
    configProblem.append(messageBox('error', (error as Error).message));
  }
});

const transitions = createTransitionsPanel(client);
const controls = createControls((next, change) => apply(next, change));
const explore = createExploreView(client, controls.root, [configButton, configProblem]);
const files = createFilesPanel({ client, overlaySweep: (sweep) => transitions.setOverlay(sweep) });

app.replaceChildren(
  element('header', { className: 'page-head' }, [
    element('h1', { text: 'maxent viewer' }),
    element('p', { text: 'Maximum-entropy connectivity of context-dependent networks, solved in your browser (nothing leaves the page). The address holds every setting: copy it to share the view.' }),
  ]),
  urlProblems,
  explore.root,
  transitions.root,
  files.root,
);

function solveAndPropagate(next: ViewerState, startedAt: number) {
  void explore.solve(next, startedAt).then((result) => {
    if (result === null && next !== state) return;
    transitions.setState(next, result === null ? null : result.solution.summary);
  });
}

/** A new state from the controls: into the URL (a new entry, or the same entry while a slider moves) and solved. */
function apply(next: ViewerState, change: ChangeKind) {
  const startedAt = performance.now();
  const search = stateToSearch(next);
  // A slider's closing "change" repeats its last "input": nothing new to solve.
  const same = search === stateToSearch(state);
  state = next;
  if (change === 'move') history.replaceState(null, '', search);
  else if (!same) history.pushState(null, '', search);
  controls.show(next);
  if (!same) solveAndPropagate(next, startedAt);
}

window.addEventListener('popstate', () => {
  const parsed = searchToState(location.search);
  showUrlProblems(parsed.problems);
  state = parsed.state;
  controls.show(state);
  solveAndPropagate(state, performance.now());
});

function showUrlProblems(problems: readonly string[]) {
  urlProblems.replaceChildren(...problems.map((text) => messageBox('note', text)));
}

showUrlProblems(initial.problems);
history.replaceState(null, '', stateToSearch(state));
controls.show(state);
solveAndPropagate(state, performance.now());
