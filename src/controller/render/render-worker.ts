/** Worker-thread entry: renders cards for {@link RenderPool}. */
import { serveTasks } from '../workers/serve-tasks';
import { renderCardFiles } from './render-card-files';
import type { RenderResult, RenderTask } from './render-task';

serveTasks<RenderTask, RenderResult>(renderCardFiles);
